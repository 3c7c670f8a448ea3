import json
from pathlib import Path

from spinscope.analysis import SCHEMA_VERSION, Analysis
from spinscope.report.schema import analysis_schema

PUBLISHED = Path(__file__).parents[2] / "docs" / "analysis.schema.json"


def test_published_schema_is_up_to_date():
    assert PUBLISHED.read_text(encoding="utf-8") == analysis_schema(), (
        "docs/analysis.schema.json is out of date: run "
        "`python -m spinscope.report.schema docs/analysis.schema.json` and commit the result"
    )


def test_schema_names_its_version_and_describes_the_analysis():
    schema = json.loads(analysis_schema())
    assert schema["$comment"] == f"spinscope result schema {SCHEMA_VERSION}"
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION
    assert set(Analysis.model_fields) == set(schema["properties"])
    assert {"TechniqueSpan", "Entity", "Quote", "Summary"} <= set(schema["$defs"])

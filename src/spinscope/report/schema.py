"""The JSON Schema of the JSON report, as published in docs/analysis.schema.json.

Regenerate the published file after changing the result model:
    python -m spinscope.report.schema docs/analysis.schema.json
A test compares the file with this output, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from spinscope.analysis import SCHEMA_VERSION, Analysis


def analysis_schema() -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"spinscope result schema {SCHEMA_VERSION}",
        **Analysis.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/analysis.schema.json")
    target.write_text(analysis_schema(), encoding="utf-8")
    print(f"wrote {target}")

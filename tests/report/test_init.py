import pytest

from spinscope.analysis import Analysis
from spinscope.report import FORMATS, render


def test_json_report_is_the_analysis_json_and_round_trips(analysis):
    text = render(analysis, "json")
    assert text == analysis.to_json()
    assert Analysis.from_json(text) == analysis


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_renders_a_non_empty_string(analysis, format):
    assert render(analysis, format).strip()


def test_an_unknown_format_is_refused_with_the_list_of_formats(french):
    with pytest.raises(ValueError, match="text, json, md, html"):
        render(french, "pdf")


def test_notebooks_display_the_html_report(english):
    assert english._repr_html_() == render(english, "html")

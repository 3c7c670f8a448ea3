import re

from spinscope.report import render
from spinscope.report.markdown import escape

ESCAPED = re.compile(r"\\(.)")


def unescape(markdown: str) -> str:
    return ESCAPED.sub(r"\1", markdown)


def article_lines(markdown: str) -> dict[int, str]:
    """Paragraph id → the paragraph's line in the Article section, markers and footnote references removed."""
    article = markdown.split("## Article\n\n", 1)[1].split("\n\n## ", 1)[0]
    lines = {}
    for line in article.splitlines():
        if match := re.match(r"¶(\d+) (.*)", line):
            lines[int(match[1])] = re.sub(r"\[\^\d+\]", "", match[2]).replace("**", "")
    return lines


def test_escape_neutralises_every_markdown_and_html_metacharacter():
    assert escape("*a* _b_ [c](d) <e> `f` | # &amp; {{ g }} ~~h~~ ==i==") == (
        r"\*a\* \_b\_ \[c\](d) \<e\> \`f\` \| \# \&amp; \{\{ g \}\} \~\~h\~\~ \=\=i\=\="
    )
    assert escape("two\nlines") == "two lines"


def test_article_paragraphs_read_back_exactly(analysis):
    lines = article_lines(render(analysis, "md"))
    assert {pid: unescape(text) for pid, text in lines.items()} == {p.id: p.text for p in analysis.paragraphs}


def test_spans_are_bold_with_one_footnote_each(french):
    markdown = render(french, "md")
    assert "**son fief[^1]**" in markdown
    # Overlapping spans share one bold run and keep one footnote each, innermost first.
    assert "**l'influence néfaste[^2] de l'Alliance[^3] menace la paix[^4]**." in markdown
    footnotes = re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.MULTILINE)
    assert [n for n, _ in footnotes] == ["1", "2", "3", "4", "5"]
    assert footnotes[2][1].startswith("Name calling / labeling, confidence 0.60, cue “néfaste + entity”")
    assert "(characters 54–87)" in footnotes[2][1]


def test_report_has_title_summary_techniques_entities_and_quotes(french):
    markdown = render(french, "md")
    assert markdown.startswith("# L'Alliance et son fief\n")
    for heading in ("## Summary", "## Techniques", "## Article", "## Entities", "## Quotes"):
        assert f"\n{heading}\n" in markdown
    assert "| One-sidedness | 100% of attributed quotes from Marc Dupin |" in markdown
    assert (
        "| 1 | Loaded language | 2 | “influence néfaste” (0.90, cue: influence néfaste) | Des mots"
        in markdown
    )
    assert "| Marc Dupin | person | `per:marc-dupin` | 2 |  |" in markdown
    assert "### Unattributed (1)\n\n- direct: “C'est une honte absolue” — cue “entend-on”" in markdown


def test_hostile_text_cannot_inject_html_or_markdown(hostile):
    markdown = render(hostile, "md")
    outside_code = re.sub(r"`[^`]*`", "", markdown)  # inside a code span, < is shown as it is
    assert "`per:<script>`" in markdown
    assert not re.search(r"(?<!\\)<", outside_code)
    assert "&amp;" not in markdown.replace(r"\&amp;", "")
    assert "{{" not in markdown.replace(r"\{\{", "")
    lines = article_lines(markdown)
    assert lines[2].count(r"\|") == 1 and "|" not in lines[2].replace(r"\|", "")
    assert lines[3] == r"\# Titre piégé"


def test_narratives_nest_subnarratives_and_cast_is_a_table(english):
    md = render(english, "md")
    assert "- **Nation: Outsiders threaten us** (0.60)" in md
    assert "  - **Figures are faked** (0.30)" in md
    assert "| Antagonist (villain) | bureaucrats | Incompetent, Corrupt | 0.80 |" in md

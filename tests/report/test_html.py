import base64
import hashlib
import re
from collections import Counter
from importlib.resources import files

import lxml.html
import pytest

from spinscope.report import render

SCRIPT = (files("spinscope.report") / "templates" / "report.js").read_text(encoding="utf-8")
URL_ATTRIBUTES = (
    "src",
    "href",
    "action",
    "formaction",
    "data",
    "poster",
    "srcset",
    "background",
    "xlink:href",
)


def find(node, tag: str = "*", cls: str | None = None, **attributes: str) -> list:
    """Descendants of `node` by tag, class and attribute values (lxml's cssselect needs a package we lack)."""
    tests = [f'contains(concat(" ", normalize-space(@class), " "), " {cls} ")'] if cls else []
    tests += [f'@{name.replace("_", "-")}="{value}"' for name, value in attributes.items()]
    return node.xpath(f".//{tag}" + "".join(f"[{t}]" for t in tests))


def page(analysis):
    return lxml.html.document_fromstring(render(analysis, "html"))


def marks(tree, span_index: int):
    return [m for m in find(tree, "mark", "seg") if str(span_index) in m.get("data-spans").split()]


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_is_an_html5_page_in_the_article_language_with_unique_ids(analysis):
    html = render(analysis, "html")
    assert html.startswith("<!DOCTYPE html>\n<html lang=")
    tree = lxml.html.document_fromstring(html)
    assert tree.get("lang") == analysis.language.code
    assert find(tree, "meta")[0].get("charset") == "utf-8"
    assert len(find(tree, "h1")) == 1
    ids = Counter(element.get("id") for element in tree.iter() if element.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_paragraph_text_reads_back_exactly(analysis):
    tree = page(analysis)
    rendered = {int(p.get("data-paragraph")): p.text_content() for p in find(tree, cls="para-text")}
    assert rendered == {p.id: p.text for p in analysis.paragraphs}


def test_every_technique_span_is_highlighted_by_elements_that_spell_its_text(analysis):
    tree = page(analysis)
    for index, span in enumerate(analysis.techniques):
        elements = marks(tree, index)
        assert elements, span
        assert "".join(m.text_content() for m in elements) == span.text
        assert tree.get_element_by_id(f"at-{index}") is not None
        assert (
            tree.get_element_by_id(f"sp-{index}").xpath(".//*[@class='sp-text']")[0].text_content()
            == span.text
        )


def test_overlapping_spans_give_elements_that_carry_every_technique(french):
    tree = page(french)
    nested = next(m for m in find(tree, "mark", "seg") if m.text_content() == "influence néfaste")
    assert "multi" in nested.get("class").split()
    assert len(nested.get("data-spans").split()) == 2
    assert nested.get("aria-label") == "influence néfaste — Loaded language, Name calling / labeling"
    assert "Loaded language · 0.90 · cue: influence néfaste" in nested.get("data-tip")
    crossing = next(m for m in find(tree, "mark", "seg") if m.text_content() == "l'Alliance")
    assert {french.techniques[int(i)].technique for i in crossing.get("data-spans").split()} == {
        "Doubt",
        "Name_Calling-Labeling",
    }


def test_highlights_are_keyboard_reachable_and_described_for_screen_readers(english):
    for mark in find(page(english), "mark", "seg"):
        assert mark.get("tabindex") == "0"
        assert mark.get("role") == "button"
        assert mark.get("aria-label").startswith(mark.text_content().strip())


def test_legend_has_a_checkbox_count_and_definition_per_technique(french):
    tree = page(french)
    items = find(tree, cls="legend-item")
    assert [find(i, cls="legend-name")[0].text_content() for i in items] == [
        "Loaded language",
        "Name calling / labeling",
        "Doubt",
        "Exaggeration / minimisation",
    ]
    assert [find(i, cls="count")[0].text_content() for i in items] == ["2", "1", "1", "1"]
    assert all(find(i, "input", type="checkbox", checked="checked") for i in items)
    assert tree.get_element_by_id("def-1").text_content().startswith("Des mots chargés")


def test_sentence_labels_are_shown_under_their_paragraph(french):
    tree = page(french)
    labels = tree.get_element_by_id("p-3").xpath(".//ul[@class='labels']/li")
    assert len(labels) == 1
    assert find(labels[0], "a")[0].get("href") == "#s-1"
    assert [c.text_content() for c in find(labels[0], cls="chip")] == [
        "Doubt 0.55",
        "Loaded language 0.90",
        "Name calling / labeling 0.60",
    ]


def test_quotes_are_grouped_by_speaker_and_link_to_the_text(french):
    tree = page(french)
    groups = find(tree, cls="speaker")
    assert [find(g, "h3")[0].text_content() for g in groups] == ["Marc Dupin 2", "Unattributed 1"]
    assert "anon" in groups[1].get("class")
    for index, quote in enumerate(french.quotes):
        assert tree.get_element_by_id(f"quote-{index}") is not None
        link = find(tree, "a", "qtext", href=f"#quote-{index}")[0]
        assert link.text_content() == f"“{quote.content.text}”"


def test_entities_are_listed_and_their_mentions_are_marked(french):
    tree = page(french)
    names = [b.text_content() for b in find(tree, cls="ent-btn")]
    assert names == ["L'Alliance", "Marc Dupin"]
    alliance = find(tree, cls="ent-btn")[0].get("data-e")
    mentions = [
        e for e in find(find(tree, "article")[0], "*[@data-e]") if alliance in e.get("data-e").split()
    ]
    assert [m.text_content() for m in mentions] == ["L'Alliance", "l'Alliance"]


def test_summary_cards_show_density_quotes_and_one_sidedness(french):
    cards = [" ".join(c.itertext()).split() for c in find(page(french), cls="card")]
    assert cards[0][0] == "14.71"
    assert cards[3][:3] == ["3", "quotes,", "1"]
    assert cards[4][0] == "100%" and cards[4][-2:] == ["Marc", "Dupin"]


def test_no_external_resource_is_referenced(analysis):
    html = render(analysis, "html")
    tree = lxml.html.document_fromstring(html)
    for element in tree.iter():
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                assert value.startswith("#"), (element.tag, name, value)
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", find(tree, "style")[0].text)
    assert not re.search(r"https?://", SCRIPT)


def test_hostile_text_is_escaped_everywhere(hostile):
    html = render(hostile, "html")
    tree = lxml.html.document_fromstring(html)
    scripts = find(tree, "script")
    assert [s.text for s in scripts] == [SCRIPT]
    assert html.count("<script") == 1
    assert not tree.xpath("//img | //textarea")
    for element in tree.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")], element.tag
    assert "{{" not in html.replace("{{ 7*7 }}", "").replace("{{ title }}", "").replace("{{ cue }}", "")
    assert "49" not in find(tree, cls="para-text")[1].text_content()
    assert (
        find(tree, "title")[0].text_content() == "<script>alert('title')</script> & {{ title }} · spinscope"
    )
    assert "&amp;amp;" in html  # the article's literal "&amp;" is shown as typed, not decoded
    weird = find(tree, cls="legend-name")[-1]
    assert weird.text_content() == "<weird technique>"


def test_the_content_security_policy_allows_only_the_reports_own_style_and_script(analysis):
    tree = page(analysis)
    policy = find(tree, "meta", http_equiv="Content-Security-Policy")[0].get("content")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == sha256(find(tree, "script")[0].text)
    assert directives["style-src"] == sha256(find(tree, "style")[0].text)
    assert not tree.xpath("//*[@style]")  # inline style attributes would be blocked by this policy


@pytest.mark.parametrize("technique_count", [0, 1])
def test_articles_with_few_findings_still_render(english, technique_count):
    analysis = english.model_copy(update={"techniques": english.techniques[:technique_count], "quotes": []})
    tree = page(analysis)
    assert len(find(tree, "mark", "seg")) == technique_count
    assert "No quote found." in tree.text_content()


def test_text_outside_every_sentence_is_still_drawn(french):
    trimmed = french.model_copy(update={"sentences": [s for s in french.sentences if s.paragraph != 3]})
    tree = page(trimmed)
    assert find(tree, "p", "para-text", data_paragraph="3")[0].text_content() == french.paragraphs[1].text
    assert "".join(m.text_content() for m in marks(tree, 1)) == "l'influence néfaste de l'Alliance"


def test_narratives_panel_shows_each_narrative_its_subnarratives_and_linked_evidence(english):
    tree = page(english)
    panel = find(tree, "section", "panel", **{"aria-labelledby": "narratives-title"})[0]
    headings = [h.text_content().split()[0:3] for h in find(panel, "h3")]
    assert headings == [["Nation:", "Outsiders", "threaten"], ["Policy:", "The", "plan"]]
    assert find(panel, "h4")[0].text_content().startswith("Figures are faked")
    links = [a.get("href") for a in find(panel, "a")]
    assert links[0] == "#s-0" and all(tree.get_element_by_id(h[1:]) is not None for h in links)


def test_cast_panel_groups_actors_by_role_and_shows_recast_mentions(english):
    panel = find(page(english), "section", "panel", **{"aria-labelledby": "cast-title"})[0]
    assert [h.text_content() for h in find(panel, "h3")] == ["Protagonist (hero)", "Antagonist (villain)"]
    assert "Incompetent, Corrupt" in panel.text_content()
    assert "Also Innocent at “Senator Ada Hale”" in find(panel, "p", "recast")[0].text_content()


def test_without_a_narrative_detector_the_panel_says_narratives_were_not_looked_for(french):
    panel = find(page(french), "section", "panel", **{"aria-labelledby": "narratives-title"})[0]
    assert "not looked for" in panel.text_content()

from spinscope.report.palette import COLOURS, FALLBACK
from spinscope.report.view import build_view, narrative_name, role_caption
from spinscope.taxonomy import TECHNIQUES


def test_legend_numbers_techniques_by_count_then_taxonomy_order(french):
    view = build_view(french)
    assert [(e.number, e.technique, e.count) for e in view.techniques] == [
        (1, "Loaded_Language", 2),
        (2, "Name_Calling-Labeling", 1),
        (3, "Doubt", 1),
        (4, "Exaggeration-Minimisation", 1),
    ]


def test_each_technique_lists_its_spans_most_confident_first(french):
    loaded = build_view(french).entry("Loaded_Language")
    assert [span.text for _, span in loaded.spans] == ["influence néfaste", "son fief"]


def test_definitions_come_in_the_article_language_and_unknown_techniques_have_none(french, hostile):
    assert build_view(french).entry("Loaded_Language").definition.startswith("Des mots chargés")
    assert build_view(french).entry("Doubt").definition.startswith("Questioning")  # English fallback
    assert build_view(hostile).entry("<Weird_Technique>").definition is None


def test_every_taxonomy_technique_has_its_own_colour():
    assert set(COLOURS) == set(TECHNIQUES)
    assert len({c.background for c in COLOURS.values()}) == len(TECHNIQUES)
    assert FALLBACK.background not in {c.background for c in COLOURS.values()}


def test_speakers_most_quoted_first_and_unattributed_last(french):
    view = build_view(french)
    assert [(g.name, len(g.quotes)) for g in view.speakers] == [("Marc Dupin", 2), ("Unattributed", 1)]
    assert view.unattributed == 1


def test_one_sidedness_is_the_top_speaker_share_of_attributed_quotes(french, english):
    assert build_view(french).one_sidedness == 1.0
    english = english.model_copy(update={"quotes": [q for q in english.quotes if q.speaker is None]})
    assert build_view(english).one_sidedness is None


def test_the_innermost_span_is_the_shortest(french):
    view = build_view(french)
    spans = french.techniques
    nested = {
        i for i, s in enumerate(spans) if s.text in ("influence néfaste", "l'influence néfaste de l'Alliance")
    }
    assert view.innermost(nested).text == "influence néfaste"
    assert [spans[i].text for i in view.ordered(nested)] == [
        "influence néfaste",
        "l'influence néfaste de l'Alliance",
    ]


def test_overlaps_are_detected_only_where_spans_share_characters(french, english):
    assert build_view(french).has_overlaps
    adjacent = english.model_copy(
        update={"techniques": [t for t in english.techniques if t.text != "glorious"]}
    )
    assert build_view(english).has_overlaps and not build_view(adjacent).has_overlaps


def test_a_plain_text_article_is_titled_by_its_headline_line():
    from spinscope.analysis import Language
    from spinscope.document import Document

    fr = Language(code="fr", confidence=1.0, source="user")
    with_headline = Document.from_text("Un pacte historique\n\nLe texte suit. Il continue.", language=fr)
    assert build_view(with_headline.to_analysis()).title == "Un pacte historique"
    without = Document.from_text("Le texte commence ici.\n\nIl continue.", language=fr)
    assert build_view(without.to_analysis()).title == "Untitled article"


def test_article_labels_name_genre_and_frames_when_a_model_gave_them(french):
    from spinscope.analysis import Label
    from spinscope.report.view import article_labels

    assert article_labels(french) is None
    labelled = french.model_copy(
        update={
            "genre": Label(name="opinion", confidence=0.634, source="model:x@1", why="test"),
            "frames": [Label(name="Security_and_defense", confidence=0.9, source="model:x@1", why="test")],
        }
    )
    assert article_labels(labelled) == "genre opinion (63%) · frames Security and defense"


def test_narratives_group_subnarratives_under_their_parent_most_confident_first(english):
    view = build_view(english)
    assert [e.narrative.id for e in view.narratives] == [
        "Nation: Outsiders threaten us",
        "Policy: The plan ruins families",
    ]
    assert [s.id for s in view.narratives[1].subnarratives] == [
        "Policy: The plan ruins families: Figures are faked"
    ]
    assert narrative_name(view.narratives[1].subnarratives[0]) == "Figures are faked"


def test_a_subnarrative_without_its_parent_stands_alone(english):
    orphan = english.narratives[1].model_copy(update={"parent": "Missing: parent"})
    view = build_view(english.model_copy(update={"narratives": [orphan]}))
    assert [e.narrative.id for e in view.narratives] == [orphan.id]


def test_finding_no_narrative_means_other_only_when_a_detector_ran(english, french):
    assert build_view(english.model_copy(update={"narratives": []})).narratives_ran
    assert not build_view(french).narratives_ran


def test_the_cast_lists_heroes_villains_and_victims_in_that_order_with_recast_mentions(english):
    cast = build_view(english).cast
    assert [g.role for g in cast] == ["Protagonist", "Antagonist"]
    hero = cast[0].members[0]
    assert hero.entity.id == "per:ada-hale" and hero.role.fine == ["Guardian"]
    [(mention, role)] = hero.recast
    assert mention.text == "Senator Ada Hale" and role.main == "Innocent"
    assert role_caption("Antagonist") == "Antagonist (villain)"

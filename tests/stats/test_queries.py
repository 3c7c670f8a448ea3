"""The statistics of the hand-made store in conftest.py, figure by figure."""

from __future__ import annotations

from datetime import date

import pytest

from spinscope.stats.queries import (
    Filters,
    Grouping,
    Period,
    StoreSummary,
    narrative_counts,
    overview,
    role_counts,
    store_summary,
    technique_counts,
    top_speakers,
)
from spinscope.store import Store

PRAISE = "URW: Praise of Russia"  # the narratives of conftest.py's store
MIGHT = "URW: Praise of Russia: Praise of Russian military might"
WEST = "URW: Discrediting the West"
EVERYTHING = Filters()
ALL = Grouping()


def by(text: str) -> Grouping:
    return Grouping.parse(text)


def test_grouping_reads_the_by_option():
    assert Grouping.parse("outlet,week") == Grouping(outlet=True, period=Period.week)
    assert Grouping.parse(" Language , month ") == Grouping(language=True, period=Period.month)
    assert Grouping.parse("") == Grouping()
    assert Grouping.parse("week,outlet").columns == ("outlet", "period")


@pytest.mark.parametrize(
    ("text", "message"), [("author", "cannot group by author"), ("week,month", "one period at most")]
)
def test_grouping_refuses_what_it_cannot_do(text: str, message: str):
    with pytest.raises(ValueError, match=message):
        Grouping.parse(text)


def test_techniques_over_the_whole_store(store):
    rows = {row.technique: row for row in technique_counts(store, EVERYTHING, ALL)}
    assert list(rows) == [
        "Loaded_Language",
        "Doubt",
        "Name_Calling-Labeling",
    ]  # most spans first, then by name
    loaded = rows["Loaded_Language"]
    assert (loaded.spans, loaded.articles, loaded.group_articles, loaded.group_words) == (6, 3, 5, 5000)
    assert loaded.per_1000_words == pytest.approx(1.2)
    assert loaded.per_article == pytest.approx(1.2)
    assert loaded.article_share == pytest.approx(0.6)
    assert (rows["Doubt"].spans, rows["Doubt"].articles) == (2, 2)
    assert (rows["Name_Calling-Labeling"].spans, rows["Name_Calling-Labeling"].articles) == (2, 1)


def test_techniques_by_outlet_share_out_over_each_outlets_own_articles(store):
    rows = {(row.outlet, row.technique): row for row in technique_counts(store, EVERYTHING, by("outlet"))}
    veilleur = rows[("Le Veilleur", "Loaded_Language")]
    assert (veilleur.spans, veilleur.articles, veilleur.group_articles, veilleur.group_words) == (
        4,
        2,
        2,
        1500,
    )
    assert veilleur.per_1000_words == pytest.approx(4 / 1.5)
    assert veilleur.article_share == 1.0
    ledger = rows[("Daily Ledger", "Name_Calling-Labeling")]
    assert (ledger.spans, ledger.group_articles) == (2, 2)
    assert ledger.per_1000_words == pytest.approx(0.8)
    unknown = rows[(None, "Doubt")]  # an article with no outlet is a group of its own, not dropped
    assert (unknown.spans, unknown.group_articles, unknown.group_words) == (1, 1, 1000)
    assert len(rows) == 5


def test_techniques_by_iso_week_and_undated_articles(store):
    rows = technique_counts(store, EVERYTHING, by("week"))
    periods = {row.period for row in rows}
    assert periods == {date(2025, 1, 6), date(2025, 1, 13), None}  # a4's week has no span: no row
    first_week = {row.technique: row for row in rows if row.period == date(2025, 1, 6)}
    assert first_week["Loaded_Language"].spans == 4
    assert first_week["Loaded_Language"].group_words == 1500


def test_top_keeps_the_first_rows_of_each_group(store):
    rows = technique_counts(store, EVERYTHING, by("outlet"), top=1)
    assert [(row.outlet, row.technique) for row in rows] == [
        ("Daily Ledger", "Loaded_Language"),  # 2 spans each: the name decides
        ("Le Veilleur", "Loaded_Language"),
        (None, "Doubt"),
    ]


def test_the_technique_filter_keeps_its_rows_but_not_fewer_articles(store):
    (row,) = technique_counts(store, Filters(technique="Doubt"), ALL)
    assert (row.technique, row.spans, row.articles, row.group_articles) == ("Doubt", 2, 2, 5)


def test_filters_on_language_dates_and_outlets(store):
    french = {row.technique: row.spans for row in technique_counts(store, Filters(languages=("fr",)), ALL)}
    assert french == {"Loaded_Language": 4, "Doubt": 2}
    # --until is inclusive: a3, published on the 15th at 10:00, counts.
    window = Filters(since=date(2025, 1, 8), until=date(2025, 1, 15))
    assert [row.articles for row in overview(store, window, ALL)] == [2]
    ledger = technique_counts(store, Filters(outlets=("Daily Ledger", "Nobody")), ALL)
    assert {row.technique for row in ledger} == {"Loaded_Language", "Name_Calling-Labeling"}


def test_user_values_are_parameters_not_sql(store):
    hostile = "x'); DROP TABLE articles; --"
    assert technique_counts(store, Filters(outlets=(hostile,), technique=hostile), ALL) == []
    assert overview(store, Filters(narrative=hostile), ALL) == []
    assert store_summary(store).articles == 5


def test_a_narrative_filter_narrows_other_views_to_the_articles_carrying_it(store):
    rows = {row.technique: row for row in technique_counts(store, Filters(narrative=PRAISE), ALL)}
    assert {name: row.spans for name, row in rows.items()} == {"Loaded_Language": 4, "Doubt": 1}
    assert rows["Loaded_Language"].group_articles == 2  # a1 and a2 (a1 through its subnarrative too)


def test_narratives_with_their_share_of_articles(store):
    rows = narrative_counts(store, EVERYTHING, ALL)
    assert [(row.narrative, row.articles, row.parent) for row in rows] == [
        (PRAISE, 2, None),
        (WEST, 1, None),
        (MIGHT, 1, PRAISE),
    ]
    assert rows[0].article_share == pytest.approx(2 / 5)
    assert rows[0].name == "Praise of Russia"
    own = narrative_counts(store, Filters(narrative=PRAISE), ALL)
    assert [row.narrative for row in own] == [PRAISE, MIGHT]  # a narrative brings its subnarratives
    assert own[0].group_articles == 5


def test_narratives_by_outlet_and_month(store):
    rows = narrative_counts(store, EVERYTHING, by("outlet,month"))
    assert [(row.outlet, row.period, row.narrative, row.articles, row.group_articles) for row in rows] == [
        ("Daily Ledger", date(2025, 1, 1), WEST, 1, 1),
        ("Le Veilleur", date(2025, 1, 1), PRAISE, 2, 2),
        ("Le Veilleur", date(2025, 1, 1), MIGHT, 1, 2),
    ]


def test_roles_count_the_articles_that_cast_an_actor_so(store):
    rows = [
        (row.role, row.entity, row.articles, row.mentioned_in) for row in role_counts(store, EVERYTHING, ALL)
    ]
    assert rows == [
        ("Antagonist", "org:nato", 2, 4),
        ("Protagonist", "org:nato", 1, 4),  # 1 article each: the id decides
        ("Protagonist", "per:ana", 1, 2),
    ]
    antagonist = role_counts(store, Filters(role="Antagonist"), ALL)
    assert [(row.name, row.role_share) for row in antagonist] == [("NATO", 0.5)]


def test_a_technique_filter_narrows_roles_to_the_articles_using_it(store):
    rows = role_counts(store, Filters(technique="Name_Calling-Labeling"), ALL)
    assert [(row.role, row.entity, row.articles, row.mentioned_in) for row in rows] == [
        ("Protagonist", "org:nato", 1, 1)
    ]


def test_roles_by_outlet(store):
    rows = role_counts(store, EVERYTHING, by("outlet"), top=1)
    assert [(row.outlet, row.role, row.entity) for row in rows] == [
        ("Daily Ledger", "Protagonist", "org:nato"),
        ("Le Veilleur", "Antagonist", "org:nato"),
        ("Le Veilleur", "Protagonist", "per:ana"),
    ]


def test_top_speakers_leave_unattributed_quotes_out(store):
    rows = top_speakers(store, EVERYTHING, ALL)
    assert [(row.speaker, row.name, row.quotes, row.direct, row.articles) for row in rows] == [
        ("per:ana", "Ana Duval", 3, 2, 2),
        ("per:ben", "Ben Okafor", 1, 0, 1),
    ]
    assert rows[0].quote_share == pytest.approx(3 / 4)
    by_language = top_speakers(store, EVERYTHING, by("language"), top=1)
    assert [(row.language, row.speaker, row.quote_share) for row in by_language] == [
        ("en", "per:ana", 0.5),
        ("fr", "per:ana", 1.0),
    ]


def test_overview_of_the_whole_store(store):
    (row,) = overview(store, EVERYTHING, ALL)
    assert (row.articles, row.words, row.spans, row.quotes) == (5, 5000, 10, 5)
    assert row.per_1000_words == pytest.approx(2.0)
    assert row.per_article == pytest.approx(2.0)
    assert row.with_techniques_share == pytest.approx(4 / 5)
    assert row.with_narratives_share == pytest.approx(3 / 5)
    assert row.attributed_share == pytest.approx(4 / 5)
    assert (row.first.date(), row.last.date()) == (date(2025, 1, 6), date(2025, 2, 3))


def test_overview_by_language(store):
    rows = {row.language: row for row in overview(store, EVERYTHING, by("language"))}
    assert (rows["fr"].articles, rows["fr"].words, rows["fr"].spans) == (3, 2500, 6)
    assert (rows["en"].articles, rows["en"].quotes) == (2, 2)


def test_store_summary_counts_articles_and_errors(store):
    assert store_summary(store) == StoreSummary(articles=5, errors=1)


def test_an_empty_store_gives_empty_answers(empty_store_path):
    with Store.open(empty_store_path, read_only=True) as opened:
        empty = opened.connection
        assert technique_counts(empty, EVERYTHING, by("outlet,week")) == []
        assert narrative_counts(empty, EVERYTHING, ALL) == []
        assert role_counts(empty, EVERYTHING, ALL) == []
        assert top_speakers(empty, EVERYTHING, ALL) == []
        assert overview(empty, EVERYTHING, by("outlet")) == []
        assert store_summary(empty).articles == 0

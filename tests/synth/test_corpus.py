"""A synthetic corpus: deterministic, streamed, varied, in the languages asked, over the weeks asked."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from itertools import islice

import pytest

from spinscope.batch.records import Record
from spinscope.language import SUPPORTED_LANGUAGES, identify
from spinscope.synth import CorpusSettings, generate, outlets
from spinscope.synth.corpus import MAX_ARTICLES, _key_figure


def corpus(**settings) -> list:
    return list(generate(CorpusSettings(**settings)))


def test_the_same_settings_give_the_same_corpus_and_another_seed_another_one():
    first = corpus(articles=40, seed=11)

    assert corpus(articles=40, seed=11) == first
    assert {article.text for article in corpus(articles=40, seed=12)}.isdisjoint(
        article.text for article in first
    )


def test_a_longer_corpus_starts_with_the_shorter_one():
    assert corpus(articles=30, seed=5)[:10] == corpus(articles=10, seed=5)


def test_articles_are_generated_one_at_a_time():
    huge = generate(CorpusSettings(articles=MAX_ARTICLES, languages=("fr",)))

    assert [article.id for article in islice(huge, 2)] == ["s0-0000000", "s0-0000001"]


def test_every_language_is_identified_as_itself():
    articles = corpus(articles=160, seed=3)
    assert {article.language for article in articles} == set(SUPPORTED_LANGUAGES)

    identified = [
        (article.language, identify(f"{article.title}\n\n{article.text}").code) for article in articles
    ]

    assert [pair for pair in identified if pair[0] != pair[1]] == []


def test_articles_average_about_six_hundred_words_between_three_and_eleven_hundred():
    words = [len(article.text.split()) for article in corpus(articles=300, seed=8)]

    assert 560 <= sum(words) / len(words) <= 660
    assert min(words) >= 300 and max(words) <= 1100


def test_the_mean_length_is_a_setting():
    words = [len(article.text.split()) for article in corpus(articles=100, mean_words=200, seed=8)]

    assert 180 <= sum(words) / len(words) <= 260


def test_no_two_articles_have_the_same_content_hash():
    articles = corpus(articles=3000, languages=("fr", "en"), mean_words=60, seed=1)

    keys = {Record(source=article.id, text=article.text).content_key() for article in articles}

    assert len(keys) == len(articles)


def test_key_figures_never_repeat_even_across_blocks_of_a_huge_corpus():
    figures = [_key_figure(index, offset=77) for index in range(250_000)]

    assert len(set(figures)) == len(figures)
    assert min(figures) >= 10_000 and max(figures[:90_000]) < 100_001


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_two_articles_share_many_sentences(language):
    articles = corpus(articles=100, languages=(language,), seed=4)
    sentences = [set(re.split(r"(?<=[.!?»”])\s+", article.text)) for article in articles]

    overlap = max(len(a & b) / len(a | b) for a, b in itertools.combinations(sentences, 2))

    assert overlap < 0.4


def test_dates_spread_over_the_weeks_asked_and_ids_are_unique():
    start = dt.date(2026, 2, 2)
    articles = corpus(articles=400, start=start, weeks=3, seed=2)

    days = {dt.datetime.fromisoformat(article.date).date() for article in articles}
    assert min(days) >= start and max(days) < start + dt.timedelta(weeks=3)
    assert len(days) >= 18
    assert len({article.id for article in articles}) == 400


def test_each_language_has_the_outlets_asked_with_every_register_and_a_long_tail():
    settings = CorpusSettings(articles=1200, languages=("fr", "en"), outlets=6, seed=9, mean_words=40)
    by_language = outlets(settings)

    assert {language: len(names) for language, names in by_language.items()} == {"fr": 6, "en": 6}
    assert {outlet.register for outlet in by_language["fr"]} == {
        "reporting",
        "opinion",
        "state-media",
        "tabloid",
    }
    published = Counter(article.outlet for article in generate(settings) if article.language == "fr")
    assert set(published) == {outlet.name for outlet in by_language["fr"]}
    assert published.most_common()[0][1] > 2 * published.most_common()[-1][1]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"languages": ("fr", "pt")}, "no synthetic articles in 'pt'"),
        ({"languages": ()}, "at least one language"),
        ({"articles": MAX_ARTICLES + 1}, "articles must be between"),
        ({"weeks": 0}, "at least 1"),
    ],
)
def test_impossible_settings_are_refused(settings, message):
    with pytest.raises(ValueError, match=message):
        CorpusSettings(**settings)


def test_more_outlets_than_a_language_has_names_for_is_refused_before_generating():
    with pytest.raises(ValueError, match="at most 144 outlets in 'fr'"):
        generate(CorpusSettings(articles=1, languages=("fr",), outlets=145))

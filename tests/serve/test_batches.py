"""Batches sent to the API land in the store, and the read endpoints and corpus pages show them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.analysis import Analysis

pytest.importorskip("duckdb")

ARTICLES = [
    {
        "id": "a1",
        "outlet": "Le Veilleur",
        "date": "2026-03-02",
        "title": "Un désastre annoncé",
        "text": "Le ministre dénonce un désastre absolu. « Nous ne céderons jamais », a déclaré Jean Dupont. "
        "Les traîtres mentent, comme toujours, et le peuple souffre.",
    },
    {
        "id": "a2",
        "outlet": "Daily Lantern",
        "date": "2026-04-11",
        "title": "A shameful plan",
        "text": "The shameful plan is a total catastrophe for every family, the senator said. "
        "Everyone knows the corrupt elites always lie.",
    },
    {"id": "bad", "text": "12345 67890"},
]


def wait_for(client: TestClient, batch_id: str) -> dict:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        response = client.get(f"/v1/batches/{batch_id}")
        assert response.status_code == 200, response.text
        status = response.json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.05)
    raise AssertionError("the batch did not finish in 30 s")


@pytest.fixture
def stored(make_app, tmp_path: Path) -> TestClient:
    with TestClient(make_app(store=tmp_path / "corpus.duckdb", rate_burst=100_000)) as client:
        started = client.post("/v1/batches", json={"articles": ARTICLES})
        assert started.status_code == 202
        status = wait_for(client, started.json()["id"])
        assert status["state"] == "done", status
        assert (status["analysed"], status["failed"]) == (2, 1)
        assert status["errors"][0].startswith("article 2:")
        yield client


def test_a_batch_sent_again_is_skipped_not_stored_twice(stored: TestClient) -> None:
    again = wait_for(stored, stored.post("/v1/batches", json={"articles": ARTICLES[:2]}).json()["id"])
    assert (again["analysed"], again["skipped"]) == (0, 2)
    assert stored.get("/v1/articles").json()["total"] == 2


def test_the_same_content_twice_in_a_batch_is_stored_once(make_app, tmp_path: Path) -> None:
    twice = [{"id": "first", "text": ARTICLES[0]["text"]}, {"id": "second", "text": ARTICLES[0]["text"]}]
    with TestClient(make_app(store=tmp_path / "twice.duckdb", rate_burst=100_000)) as client:
        status = wait_for(client, client.post("/v1/batches", json={"articles": twice}).json()["id"])
        assert (status["state"], status["analysed"], status["skipped"]) == ("done", 1, 1)
        assert [a["id"] for a in client.get("/v1/articles").json()["articles"]] == ["first"]


def test_articles_are_searchable_and_filterable(stored: TestClient) -> None:
    everything = stored.get("/v1/articles").json()
    assert [a["id"] for a in everything["articles"]] == ["a2", "a1"]  # newest first
    assert [a["id"] for a in stored.get("/v1/articles?outlet=Le Veilleur").json()["articles"]] == ["a1"]
    assert [a["id"] for a in stored.get("/v1/articles?language=en").json()["articles"]] == ["a2"]
    assert [a["id"] for a in stored.get("/v1/articles?q=catastrophe").json()["articles"]] == ["a2"]
    assert stored.get("/v1/articles?q=100%25").json()["total"] == 0  # % is a character, not a wildcard
    assert [a["id"] for a in stored.get("/v1/articles?date_from=2026-04-01").json()["articles"]] == ["a2"]
    assert [a["id"] for a in stored.get("/v1/articles?date_to=2026-03-02").json()["articles"]] == ["a1"]
    technique = stored.get("/v1/stats").json()["techniques"][0]["key"]
    assert stored.get(f"/v1/articles?technique={technique}").json()["total"] >= 1


def test_a_stored_analysis_reads_back_whole(stored: TestClient) -> None:
    row = stored.get("/v1/articles?outlet=Le Veilleur").json()["articles"][0]
    analysis = Analysis.model_validate(stored.get(f"/v1/articles/{row['article']}").json())
    assert analysis.text == ARTICLES[0]["text"]
    assert row["spans"] == len(analysis.techniques)
    assert stored.get("/v1/articles/nope").status_code == 404


def test_stats_count_techniques_over_time_and_by_outlet(stored: TestClient) -> None:
    stats = stored.get("/v1/stats").json()
    assert stats["articles"] == 2
    assert sum(row["count"] for row in stats["techniques"]) == sum(
        row["spans"] for row in stored.get("/v1/articles").json()["articles"]
    )
    assert {row["period"] for row in stats["techniques_over_time"]} <= {"2026-03", "2026-04"}
    assert {row["outlet"] for row in stats["techniques_by_outlet"]} <= {"Le Veilleur", "Daily Lantern"}
    assert stored.get("/v1/stats?outlet=nobody").json()["articles"] == 0


def test_the_corpus_page_lists_filters_and_charts(stored: TestClient) -> None:
    page = stored.get("/corpus?ui=fr").text
    assert "Un désastre annoncé" in page and "A shameful plan" in page
    assert "Techniques dans le temps" in page and "<polyline" in page
    filtered = stored.get("/corpus?q=&outlet=Daily Lantern&language=&date_from=&date_to=&ui=en").text
    assert "A shameful plan" in filtered and "Un désastre annoncé" not in filtered
    row = stored.get("/v1/articles?outlet=Le Veilleur").json()["articles"][0]
    article_page = stored.get(f"/corpus/articles/{row['article']}")
    assert article_page.status_code == 200 and "Jean Dupont" in article_page.text


def test_the_corpus_page_pages_through_the_articles(make_app, tmp_path: Path) -> None:
    articles = [
        {
            "id": f"n{i}",
            "outlet": "Le Veilleur",
            "text": f"Le désastre numéro {i} frappe encore la ville, dit-on.",
        }
        for i in range(55)
    ]
    with TestClient(make_app(store=tmp_path / "many.duckdb", rate_burst=100_000)) as client:
        assert (
            wait_for(client, client.post("/v1/batches", json={"articles": articles}).json()["id"])["analysed"]
            == 55
        )
        first = client.get("/corpus?outlet=Le Veilleur&ui=en").text
        assert 'rel="next"' in first and 'rel="prev"' not in first
        second = client.get("/corpus?outlet=Le+Veilleur&offset=50&ui=en").text
        assert 'rel="prev"' in second and 'rel="next"' not in second
        assert second.count("/corpus/articles/") == 5


def test_a_batch_with_too_many_articles_or_an_unknown_model_is_refused(make_app, tmp_path: Path) -> None:
    with TestClient(make_app(store=tmp_path / "s.duckdb", max_batch_articles=1)) as client:
        assert client.post("/v1/batches", json={"articles": ARTICLES[:2]}).status_code == 422
        refused = client.post("/v1/batches", json={"articles": ARTICLES[:1], "model": "../x"})
        assert refused.status_code == 422 and "unknown model" in refused.json()["error"]

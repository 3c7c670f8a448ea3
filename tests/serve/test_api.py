"""The REST API: the CLI's JSON schema over HTTP, one-line errors, keys, limits, and nothing leaked."""

from __future__ import annotations

from fastapi.testclient import TestClient

from spinscope.analysis import Analysis
from spinscope.pipeline import analyze


def test_analyze_returns_the_same_analysis_as_the_library(client: TestClient, fr_text: str) -> None:
    response = client.post("/v1/analyze", json={"text": fr_text})
    assert response.status_code == 200
    served = Analysis.model_validate(response.json())
    local = analyze(fr_text)
    assert served.model_dump(exclude={"metadata"}) == local.model_dump(exclude={"metadata"})
    assert all(served.text[s.start : s.end] == s.text for s in served.techniques)


def test_options_choose_the_language_the_model_and_the_layers(client: TestClient, fr_text: str) -> None:
    body = {"text": fr_text, "lang": "fr", "model": "none", "layers": ["quotes"]}
    analysis = Analysis.model_validate(client.post("/v1/analyze", json=body).json())
    assert analysis.language.source == "user"
    assert analysis.techniques == [] and analysis.entities == []
    assert analysis.quotes
    assert {c.name for c in analysis.components}.isdisjoint({"technique-model"})
    assert analysis.summary.technique_spans > 0  # the summary still counts what the layers left out


def test_html_is_reduced_to_its_article(client: TestClient) -> None:
    page = (
        "<html><head><title>Le titre</title></head><body><nav>Menu Accueil</nav><article><p>"
        + "Le gouvernement affirme que la réforme est un désastre absolu pour tout le pays. " * 8
        + "</p></article></body></html>"
    )
    analysis = client.post("/v1/analyze", json={"html": page}).json()
    assert analysis["metadata"]["content_type"] == "html"
    assert "<p>" not in analysis["text"] and "désastre" in analysis["text"]


def test_text_naming_a_server_file_is_analysed_as_text_never_opened(client: TestClient) -> None:
    analysis = client.post("/v1/analyze", json={"text": "/etc/hostname", "lang": "en"}).json()
    assert analysis["text"] == "/etc/hostname"


def test_bad_requests_get_one_line_errors(client: TestClient) -> None:
    cases = [
        ({"text": "a", "url": "https://example.org"}, "exactly one of text, html or url"),
        ({}, "exactly one of text, html or url"),
        ({"text": "Bonjour à tous.", "model": "/tmp"}, "unknown model"),
        ({"text": "Bonjour à tous.", "lang": "xx"}, "lang"),
        ({"html": "no markup at all"}, "no HTML markup"),
        ({"url": "file:///etc/passwd"}, "http:// or https://"),
        ({"text": "   "}, "no text"),
        ({"text": "x", "unexpected": 1}, "unexpected"),
    ]
    for body, message in cases:
        response = client.post("/v1/analyze", json=body)
        assert response.status_code == 422, body
        assert message in response.json()["error"], (body, response.json())
        assert "Traceback" not in response.text


def test_urls_to_this_machine_or_the_private_network_are_refused(client: TestClient) -> None:
    for url in ("http://127.0.0.1:8000/", "http://localhost/", "http://10.0.0.1/", "http://169.254.169.254/"):
        response = client.post("/v1/analyze", json={"url": url})
        assert response.status_code == 422, url
        assert "address" in response.json()["error"] or "this machine" in response.json()["error"]


def test_a_fetched_page_is_analysed_under_the_server_limits(make_app, server) -> None:
    article = server.page(
        "/article", "La réforme est une catastrophe, affirme le ministre. " * 40, "text/plain"
    )
    huge = server.page("/huge", "a " * 200_000, "text/plain")
    with TestClient(make_app(allow_private=True, fetch_max_bytes=100_000)) as open_client:
        analysis = open_client.post("/v1/analyze", json={"url": article}).json()
        assert analysis["metadata"]["source"] == article
        assert "catastrophe" in analysis["text"]
        too_big = open_client.post("/v1/analyze", json={"url": huge})
        assert too_big.status_code == 422 and "larger than" in too_big.json()["error"]


def test_bodies_over_the_limit_are_refused_before_they_are_read(make_app) -> None:
    with TestClient(make_app(max_body_bytes=10_000)) as small:
        declared = small.post("/v1/analyze", json={"text": "mot " * 5000})
        assert declared.status_code == 413

        def chunks():
            for _ in range(20):
                yield b" " * 1000

        streamed = small.post("/v1/analyze", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        assert "larger than 10000 bytes" in streamed.json()["error"]


def test_with_keys_every_call_needs_one(make_app, new_key, fr_text: str) -> None:
    key = new_key("newsroom")
    app = make_app()
    with TestClient(app) as keyed:
        assert keyed.post("/v1/analyze", json={"text": fr_text}).status_code == 401
        wrong = keyed.post("/v1/analyze", json={"text": fr_text}, headers={"Authorization": "Bearer ss_x"})
        assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"] == "Bearer"
        assert (
            keyed.post(
                "/v1/analyze", json={"text": fr_text}, headers={"Authorization": f"Bearer {key}"}
            ).status_code
            == 200
        )
        assert (
            keyed.post("/v1/analyze", json={"text": fr_text}, headers={"X-API-Key": key}).status_code == 200
        )
        assert keyed.get("/v1/health").status_code == 200  # health checks need no key
        app.state.keys.revoke("newsroom")  # the last key: the server stays locked, it does not open
        assert (
            keyed.post("/v1/analyze", json={"text": fr_text}, headers={"X-API-Key": key}).status_code == 401
        )
        assert keyed.post("/v1/analyze", json={"text": fr_text}).status_code == 401


def test_a_server_on_another_address_needs_keys_even_with_none_created(make_app) -> None:
    with TestClient(make_app(host="0.0.0.0")) as exposed:
        assert exposed.post("/v1/analyze", json={"text": "Bonjour."}).status_code == 401


def test_each_key_has_its_own_rate_limit(make_app, new_key) -> None:
    first, second = new_key("first"), new_key("second")
    app = make_app(rate_per_minute=1, rate_burst=2)
    body = {"text": "Bonjour à tous.", "lang": "fr", "model": "none"}
    with TestClient(app) as keyed:
        statuses = [
            keyed.post("/v1/analyze", json=body, headers={"X-API-Key": first}).status_code for _ in range(3)
        ]
        assert statuses == [200, 200, 429]
        limited = keyed.post("/v1/analyze", json=body, headers={"X-API-Key": first})
        assert int(limited.headers["Retry-After"]) >= 1
        assert keyed.post("/v1/analyze", json=body, headers={"X-API-Key": second}).status_code == 200


def test_store_endpoints_say_when_the_server_has_no_store(client: TestClient) -> None:
    for path in ("/v1/articles", "/v1/stats", "/v1/articles/abc"):
        response = client.get(path)
        assert response.status_code == 404 and "--store" in response.json()["error"]
    assert client.post("/v1/batches", json={"articles": [{"text": "x"}]}).status_code == 404
    assert client.get("/v1/batches/nope").status_code == 404


def test_the_openapi_description_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/analyze", "/v1/batches", "/v1/batches/{batch_id}", "/v1/articles", "/v1/stats"} <= set(paths)
    reference = client.get("/docs")
    assert reference.status_code == 200 and "/v1/analyze" in reference.text
    assert "cdn" not in reference.text.lower()

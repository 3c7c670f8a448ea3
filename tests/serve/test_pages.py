"""The analyst pages, server side: forms with labels, both languages, the result, downloads, and escaping."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from spinscope.analysis import Analysis

HOSTILE = (
    'Le ministre dénonce un désastre <img src=x onerror="window.pwned=1"> absolu. '
    "« <script>window.pwned=2</script> Nous ne céderons jamais », a déclaré Jean Dupont. "
    'Les <b onmouseover="window.pwned=3">traîtres</b> mentent, comme toujours. '
    "Lien : javascript:window.pwned=4 et \"'><svg onload=window.pwned=5>."
)


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def text_of(html: str) -> str:
    """The page's text as a reader sees it: entities decoded, highlights (which may cut a word) joined up."""
    parser = Tags()
    parser.feed(html)
    return "".join(parser.text)


def submit(client: TestClient, **form: str) -> tuple[str, str]:
    """Post the analyse form; the page it redirects to, and that page's address."""
    posted = client.post("/", data=form, follow_redirects=False)
    assert posted.status_code == 303, posted.text[:500]
    location = posted.headers["location"]
    return client.get(location).text, location.split("?")[0]


def test_the_form_has_a_label_for_every_field(client: TestClient) -> None:
    tags = tags_of(client.get("/").text)
    labelled = {attrs["for"] for tag, attrs in tags if tag == "label"}
    fields = [
        attrs
        for tag, attrs in tags
        if tag in ("textarea", "input", "select") and attrs.get("type") != "hidden"
    ]
    assert fields and all(field["id"] in labelled for field in fields)


def test_pages_speak_french_or_english(client: TestClient) -> None:
    french = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr">' in french.text and "Analyser un article" in french.text
    english = client.get("/?ui=en", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in english.text and "Analyse an article" in english.text
    assert "spinscope_ui=en" in english.headers["set-cookie"]
    assert "Analyse an article" in client.get("/", headers={"Accept-Language": "fr"}).text  # the cookie wins


def test_the_result_shows_every_span_and_the_panels(client: TestClient, fr_text: str) -> None:
    page, address = submit(client, text=fr_text, ui="fr")
    analysis = Analysis.model_validate(client.get(address + ".json").json())
    assert analysis.text == fr_text
    covered = {int(i) for _, attrs in tags_of(page) for i in (attrs.get("data-spans") or "").split()}
    assert covered == set(range(len(analysis.techniques)))
    for index, span in enumerate(analysis.techniques):
        assert (
            f'id="sp-{index}" data-n=' in page and f'data-start="{span.start}" data-end="{span.end}"' in page
        )
    for panel in ('id="narratives"', 'id="cast"', 'id="quotes"'):
        assert panel in page
    for quote in analysis.quotes:
        assert quote.content.text.replace("'", "&#39;").replace('"', "&#34;") in page
    assert "Qui parle" in page and "Distribution des acteurs" in page


def test_the_inline_colours_are_allowed_by_their_hash_and_nothing_else(
    client: TestClient, fr_text: str
) -> None:
    posted = client.post("/", data={"text": fr_text}, follow_redirects=False)
    response = client.get(posted.headers["location"])
    style = re.search(r"<style>(.*?)</style>", response.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = response.headers["content-security-policy"]
    assert f"style-src 'self' 'sha256-{digest}'" in policy
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert [attrs["src"] for tag, attrs in tags_of(response.text) if tag == "script"] == ["/static/report.js"]


def test_downloads_are_the_json_analysis_and_a_sandboxed_report(client: TestClient, fr_text: str) -> None:
    _, address = submit(client, text=fr_text)
    as_json = client.get(address + ".json")
    assert as_json.headers["content-disposition"].startswith("attachment;")
    assert Analysis.model_validate(as_json.json()).text == fr_text
    as_html = client.get(address + ".html")
    assert as_html.headers["content-security-policy"].startswith("sandbox")
    assert "<!DOCTYPE html>" in as_html.text
    assert client.get(address.replace("/analyses/", "/analyses/x") + ".json").status_code == 404


def test_an_unanalysable_input_shows_the_form_again_with_the_reason(client: TestClient) -> None:
    response = client.post("/", data={"url": "http://127.0.0.1:9/", "ui": "en"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "loopback" in response.text
    assert 'value="http://127.0.0.1:9/"' in response.text


def test_hostile_article_text_reaches_the_page_only_as_text(client: TestClient) -> None:
    page, _ = submit(client, text=HOSTILE, lang="fr")
    tags = tags_of(page)
    assert [tag for tag, _ in tags if tag in ("img", "b", "iframe")] == []
    assert [attrs.get("src") for tag, attrs in tags if tag == "script"] == ["/static/report.js"]
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    # Shown as text: the markup reaches the reader as the characters the article holds, escaped in the page.
    assert '<img src=x onerror="window.pwned=1">' in text_of(page) and "&lt;img" in page
    assert "<script>window.pwned=2</script>" in text_of(page) and "&lt;script&gt;" in page


def test_a_hostile_page_title_is_escaped_too(client: TestClient) -> None:
    html = (
        "<html><head><title></title><script>window.pwned=1</script><title>x</title></head><body><article><p>"
        + "Le gouvernement affirme que la réforme est un désastre absolu pour tout le pays. " * 6
        + "</p></article></body></html>"
    ).replace("<title></title>", "<title>&lt;/title&gt;&lt;script&gt;window.pwned=6&lt;/script&gt;</title>")
    page, _ = submit(client, text=html)
    assert [attrs.get("src") for tag, attrs in tags_of(page) if tag == "script"] == ["/static/report.js"]


def test_keys_guard_the_pages_through_a_sign_in_cookie(make_app, new_key) -> None:
    key = new_key("desk")
    with TestClient(make_app()) as keyed:
        assert keyed.get("/", follow_redirects=False).headers["location"] == "/signin"
        assert keyed.post("/signin", data={"key": "ss_wrong"}).status_code == 401
        signed_in = keyed.post("/signin", data={"key": key}, follow_redirects=False)
        assert "httponly" in signed_in.headers["set-cookie"].lower()
        assert "samesite=strict" in signed_in.headers["set-cookie"].lower()
        assert keyed.get("/").status_code == 200


def test_the_corpus_page_explains_how_to_get_a_store(client: TestClient) -> None:
    page = client.get("/corpus?ui=en").text
    assert "--store PATH" in page

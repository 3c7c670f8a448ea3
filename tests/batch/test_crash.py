"""Kill -9 `spinscope batch` three times while it writes, resume, and find every article exactly once.

Each kill waits for the store's write-ahead log to grow a random number of times (1 to 3: the process is
really writing), then a random few milliseconds more: the kill lands at a random point of a write or between.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from spinscope.batch.analyse import AnalysisSettings
from spinscope.batch.inputs import read_inputs
from spinscope.batch.local import LocalEngine
from spinscope.batch.runner import run_batch
from spinscope.store import TABLES, Store

ARTICLES = 72  # each kill comes after at most 3 writes of 8 articles: 3 kills cannot store them all
# Every column but the time of analysis, so that a resumed store can be compared with an uninterrupted one.
TIMES = {"articles": "analysed_at", "errors": '"at"'}
CONTENT = {
    name: f"SELECT * EXCLUDE ({TIMES[name]}) FROM {name} ORDER BY ALL"
    if name in TIMES
    else f"SELECT * FROM {name} ORDER BY ALL"
    for name in TABLES
}
PER_ARTICLE = (
    "SELECT article, (SELECT count(*) FROM techniques t WHERE t.article = a.article) FROM articles a"
)


def test_a_batch_killed_three_times_holds_every_article_exactly_once(tmp_path, make_article):
    inputs = tmp_path / "articles.jsonl"
    with inputs.open("w", encoding="utf-8") as file:
        for number in range(ARTICLES):
            text = "\n\n".join(make_article(number * 8 + part) for part in range(8))
            file.write(json.dumps({"id": str(number), "text": text}, ensure_ascii=False) + "\n")
    expected = tmp_path / "expected.duckdb"
    with Store.open(expected) as store:
        run_batch(read_inputs([inputs]), store, LocalEngine(1), AnalysisSettings(model=None))
        expected_content = {
            name: store.connection.execute(query).fetchall() for name, query in CONTENT.items()
        }
        expected_spans = dict(store.connection.execute(PER_ARTICLE).fetchall())

    store_path = tmp_path / "corpus.duckdb"
    command = [
        sys.executable, "-c", "from spinscope.cli import run; run()", "batch", str(inputs),
        "--store", str(store_path), "--model", "none", "--workers", "1", "--batch-size", "2", "--quiet",
    ]  # fmt: skip
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    stored_before = 0
    for _ in range(3):
        process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
        _wait_for_writes(store_path.with_name(store_path.name + ".wal"), rng.randint(1, 3), process)
        time.sleep(rng.uniform(0, 0.05))
        os.killpg(process.pid, signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL, f"the run ended before its kill (seed {seed})"
        with Store.open(store_path) as store:
            stored = dict(store.connection.execute(PER_ARTICLE).fetchall())
        assert len(stored) >= stored_before, f"articles were lost (seed {seed})"
        assert all(stored[key] == expected_spans[key] for key in stored), (
            f"half an article stored (seed {seed})"
        )
        stored_before = len(stored)
    assert stored_before < ARTICLES, f"the kills came too late to test a resume (seed {seed})"

    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    with Store.open(store_path) as store:
        content = {name: store.connection.execute(query).fetchall() for name, query in CONTENT.items()}
    assert len(content["articles"]) == ARTICLES
    assert content == expected_content, f"seed {seed}"


def _wait_for_writes(wal: Path, writes: int, process: subprocess.Popen, limit: float = 30) -> None:
    """Return once the write-ahead log has grown `writes` times while `process` runs (a replay empties it)."""
    deadline = time.monotonic() + limit
    last = wal.stat().st_size if wal.exists() else 0
    while writes and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
        size = wal.stat().st_size if wal.exists() else 0
        if size > last:
            writes -= 1
        last = size

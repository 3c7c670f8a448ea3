"""Latency of `POST /v1/analyze` under concurrent clients, against in-process analysis of the same text.

    python benchmarks/serve_load.py [--clients 8] [--requests 25] [--json PATH]

The benchmarks' 600-word French article (benchmarks/articles.py) is analysed:
1. in process, by `--clients` threads at once, each calling `spinscope.analyze` `--requests` times (the same
   CPU contention the server sees), and by one thread alone, for reference;
2. over HTTP on loopback, by `--clients` concurrent clients against `spinscope serve` in its own process.
The ratio of the two p95 latencies (target: at most 1.3) is printed with the figures, in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from articles import article_of_600_words


def p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20)[-1]


def concurrently(clients: int, requests: int, call: Callable[[int], None]) -> list[float]:
    """Seconds per call, `requests` calls by each of `clients` threads started together."""
    latencies: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def worker(client: int) -> None:
        barrier.wait()
        for _ in range(requests):
            start = time.perf_counter()
            call(client)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, folder: Path, threads: int) -> subprocess.Popen:
    command = [
        sys.executable, "-c", "from spinscope.cli import run; run()", "serve", "--port", str(port),
        "--keys-file", str(folder / "keys.json"), "--rate", "1000000", "--burst", "1000000",
        "--threads", str(threads),
    ]  # fmt: skip
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy()
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"spinscope serve did not start: {server.stderr.read().decode()[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()

    from spinscope.pipeline import analyze

    text = article_of_600_words()
    analyze(text)  # build the pipeline once, as a warm server has
    alone = concurrently(1, args.requests, lambda _: analyze(text))
    in_process = concurrently(args.clients, args.requests, lambda _: analyze(text))

    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = start_server(port, Path(folder), args.clients)
        try:
            sessions = [
                httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) for _ in range(args.clients)
            ]

            def post(client: int) -> None:
                response = sessions[client].post("/v1/analyze", json={"text": text})
                response.raise_for_status()

            for client in range(args.clients):  # warm up: the pipeline and every connection
                post(client)
            served = concurrently(args.clients, args.requests, post)
            for session in sessions:
                session.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    results = {
        "words": len(text.split()),
        "clients": args.clients,
        "requests": len(served),
        "cpus": os.cpu_count(),
        "in_process_alone_p95_ms": round(1000 * p95(alone), 1),
        "in_process_concurrent_p95_ms": round(1000 * p95(in_process), 1),
        "http_concurrent_p95_ms": round(1000 * p95(served), 1),
        "http_concurrent_median_ms": round(1000 * statistics.median(served), 1),
        "ratio_p95_http_to_in_process": round(p95(served) / p95(in_process), 2),
    }
    for name, value in results.items():
        print(f"{name:32} {value}")
    print(
        "target: ratio_p95_http_to_in_process <= 1.3:",
        "met" if results["ratio_p95_http_to_in_process"] <= 1.3 else "NOT met",
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

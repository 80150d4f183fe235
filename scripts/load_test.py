#!/usr/bin/env python3
"""A bounded load test of `gap-check serve`, on loopback only.

    python3 scripts/load_test.py [--bin target/release/gap-check] [--requests 400] [--concurrency 8]

Starts the service on a free 127.0.0.1 port, sends a fixed number of
`POST /v1/reports?target=lead-ml` requests (the fixture resumes in turn: text, Markdown,
DOCX, JSON Resume and PDF) from a few client threads, stops the service, and prints the
throughput and the p50/p99 latency. Every answer must be a 200 with a JSON report, or the
script exits 1. It sends nothing anywhere but the server it started, and stops by itself:
the request count is fixed and each request has a 60 s socket timeout.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    ("resumes/senior-mle-team-lead.txt", "text/plain"),
    ("resumes/data-scientist-mid.md", "text/markdown"),
    ("resumes/docx-resume.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("resumes/json-resume.json", "application/json"),
    ("resumes/senior-mle-team-lead.pdf", "application/pdf"),
]


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=str(ROOT / "target/release/gap-check"))
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")

    bodies = [((ROOT / "fixtures" / rel).read_bytes(), ctype, rel) for rel, ctype in FILES]
    server = subprocess.Popen(
        [args.bin, "serve", "--listen", "127.0.0.1:0", "--as-of", "2026-11-01"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = server.stderr.readline().strip()
        prefix = "gap-check: listening on http://"
        if not first.startswith(prefix):
            sys.exit(f"load_test: the server did not start: {first!r}")
        host, port = first[len(prefix):].rsplit(":", 1)
        if not host.startswith("127."):
            sys.exit(f"load_test: refusing to load a non-loopback address {host}")
        # Drain the request log so the server never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()

        latencies, failures = [], []
        lock = threading.Lock()
        counter = iter(range(args.requests))

        def client():
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                body, ctype, rel = bodies[i % len(bodies)]
                start = time.perf_counter()
                try:
                    conn.request("POST", "/v1/reports?target=lead-ml", body=body, headers={"Content-Type": ctype})
                    response = conn.getresponse()
                    data = response.read()
                    ok = response.status == 200 and "score" in json.loads(data)
                except (OSError, http.client.HTTPException, ValueError) as e:
                    ok, data = False, str(e).encode()
                    conn.close()
                    conn = http.client.HTTPConnection(host, int(port), timeout=60)
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        failures.append(f"{rel}: {data[:200]!r}")
            conn.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    latencies.sort()
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    print(
        f"http   {len(latencies)} requests in {wall:.2f} s, concurrency {args.concurrency}, "
        f"{os.cpu_count()} cores: {len(latencies) / wall:.0f} requests/s; "
        f"latency p50 {ms(percentile(latencies, 50))}, p99 {ms(percentile(latencies, 99))}, "
        f"max {ms(latencies[-1]) if latencies else '-'} (mix: txt, md, docx, json, pdf)"
    )
    if failures:
        print(f"load_test: {len(failures)} requests failed, e.g. {failures[0]}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Hostile clients against `gap-check serve`, on loopback only, bounded in count and time.

    python3 scripts/hostile_clients.py [--bin target/debug/gap-check] [--quick]

Starts the service on a free 127.0.0.1 port with its default limits (text documents only,
so no PDF worker process is involved and the service's own memory is what is measured),
then runs each attack of issue 21 in turn and prints, per case, what the clients got, how
long it took and the server's peak resident memory so far (VmHWM from /proc, Linux only):

  1. a 10 MB form of 60,000 tiny parts (expects 413 too_many_parts)
  2. a form at the parts cap (100 parts of 20 KB: expects 200, streamed), then three 50 MB
     forms of 100 parts of 480 KB at once (the budget admits two, the third is 503; the
     request deadline cuts the analysis, later parts get `timeout` records)
  3. 16 uploads that each declare 50 MB, send 45 MB and stall (expects the body budget to
     admit what fits and answer the rest 503 at once), and a 48 MB form of two 24 MB text
     parts (each over the 16 MiB text limit: two too_large lines)
  4. 300 idle connections (expects those over --max-connections refused with 503 and the
     rest closed at the header timeout; /healthz answers after that)
  5. 50 clients sending one header byte every 2 s (expects all closed at the header timeout)
  6. 200 ordinary requests from 8 clients (throughput and p50/p99 latency)

Every loop has a fixed count and every socket a timeout; the service is stopped at the end.
Exits 1 if a case gets an answer it should not, or the peak memory passes 512 MiB.
--quick runs smaller counts (for a slow machine).
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MIB = 512
FAILURES = []


def peak_mib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def start(binary, extra):
    proc = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0", "--as-of", "2026-11-01", *extra],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stderr.readline().strip()
    prefix = "gap-check: listening on http://"
    if not first.startswith(prefix):
        proc.kill()
        sys.exit(f"unexpected first line: {first!r}")
    host, port = first[len(prefix):].rsplit(":", 1)
    assert host == "127.0.0.1", host
    # Drain the request log so the server never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    return proc, (host, int(port))


def exchange(addr, data, timeout=60.0):
    """Sends `data`, reads until the server closes; returns (status, body, seconds)."""
    started = time.monotonic()
    with socket.create_connection(addr, timeout=timeout) as s:
        try:
            s.sendall(data)
        except OSError:
            pass  # a server that answers early (413) may close before the body is sent
        raw = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                raw += chunk
        except OSError:
            pass
    head, _, body = raw.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.1 (\d{3})", head)
    return (int(match.group(1)) if match else None), body, time.monotonic() - started


def request(method, target, content_type, body):
    head = f"{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    if content_type:
        head += f"Content-Type: {content_type}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def form(parts):
    boundary = "hostileBoundary42"
    out = bytearray()
    for name, data in parts:
        out += (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"{name}\"\r\n"
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", bytes(out)


def report(case, pid, detail):
    print(f"{case:<34} {detail}; server peak {peak_mib(pid):.0f} MiB", flush=True)


def expect(case, condition, what):
    if not condition:
        FAILURES.append(f"{case}: {what}")
        print(f"  FAIL: {what}", flush=True)


def tiny_parts(addr, pid, n):
    case = f"1. form of {n:,} tiny parts"
    ctype, body = form([(f"p{i}.txt", b"Python") for i in range(n)])
    status, answer, took = exchange(addr, request("POST", "/v1/reports", ctype, body))
    report(case, pid, f"{len(body) / 1e6:.1f} MB -> {status} in {took:.2f} s")
    expect(case, status == 413 and b"too_many_parts" in answer, f"got {status} {answer[:120]!r}")


def parts_at_cap(addr, pid, n):
    case = f"2. form of {n} parts of 20 KB"
    doc = (b"Data Engineer\nBuilt Spark and Airflow pipelines in Python and SQL on AWS.\n" * 280)[:20000]
    ctype, body = form([(f"cv{i}.txt", doc) for i in range(n)])
    status, answer, took = exchange(addr, request("POST", "/v1/reports?target=data-engineer", ctype, body), 120)
    lines = [line for line in answer.split(b"\r\n") if line.startswith(b"{")]
    report(case, pid, f"{status}, {len(answer) / 1e6:.1f} MB streamed in {took:.2f} s")
    expect(case, status == 200 and len(lines) >= 1, f"got {status}")


def stalled_uploads(addr, pid, n, sent_mib):
    case = f"3. {n} uploads stalled at {sent_mib} MB"
    head = request("POST", "/v1/reports", "text/plain", b"")
    head = head.replace(b"Content-Length: 0", f"Content-Length: {50 * 1024 * 1024}".encode())
    socks, statuses = [], []
    started = time.monotonic()
    for _ in range(n):
        s = socket.create_connection(addr, timeout=5)
        try:
            s.sendall(head + b"Data Engineer\n" + b"a" * (sent_mib << 20))
        except OSError:
            pass  # answered 503 and closed before the megabyte was sent
        socks.append(s)
    time.sleep(1.0)
    for s in socks:
        s.settimeout(0.5)
        try:
            data = s.recv(200)
            match = re.match(rb"HTTP/1\.1 (\d{3})", data)
            statuses.append(int(match.group(1)) if match else None)
        except OSError:
            statuses.append("held")
    busy = sum(1 for x in statuses if x == 503)
    report(case, pid, f"{statuses.count('held')} held, {busy} answered 503 in {time.monotonic() - started:.1f} s")
    for s in socks:
        s.close()
    expect(case, busy >= 1 and statuses.count("held") >= 1, f"statuses {statuses}")


def heavy_forms(addr, pid, n):
    case = f"2b. {n} forms of 100 x 480 KB at once"
    line = b"Led a team building Spark, Airflow, Kafka and dbt pipelines in Python and SQL on AWS\n"
    doc = b"Data Engineer\n" + line * (480 * 1024 // len(line))
    ctype, body = form([(f"cv{i}.txt", doc) for i in range(100)])
    results = []

    def one():
        results.append(exchange(addr, request("POST", "/v1/reports?target=data-engineer", ctype, body), 120))

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    summary = []
    for status, answer, took in results:
        lines = [x for x in answer.split(b"\n") if x.startswith(b"{")]
        late = sum(1 for x in lines if b'"timeout"' in x)
        summary.append(f"{status}: {len(lines)} lines ({late} timeout) in {took:.0f} s")
    report(case, pid, f"{len(body) / 1e6:.0f} MB each; " + "; ".join(summary))
    expect(case, all(r[0] in (200, 503) for r in results), f"statuses {[r[0] for r in results]}")


def big_form(addr, pid):
    case = "3b. form of 2 parts of 24 MB"
    doc = b"Data Engineer\n" + b"Python SQL Spark " * (24 * 1024 * 1024 // 17)
    ctype, body = form([("a.txt", doc), ("b.txt", doc)])
    status, answer, took = exchange(addr, request("POST", "/v1/reports", ctype, body), 120)
    report(case, pid, f"{len(body) / 1e6:.0f} MB -> {status} in {took:.1f} s")
    expect(case, status == 200 and answer.count(b'"too_large"') == 2, f"got {status} {answer[:200]!r}")


def idle_connections(addr, pid, n, header_timeout):
    case = f"4. {n} idle connections"
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection(addr, timeout=5))
        except OSError:
            break
    time.sleep(0.5)
    status, _, took = exchange(addr, request("GET", "/healthz", None, b""), 10)
    during = f"/healthz during: {status} in {took * 1000:.0f} ms"
    time.sleep(header_timeout + 2)
    closed = 0
    for s in socks:
        s.settimeout(0.2)
        try:
            closed += s.recv(4096) is not None
        except OSError:
            pass
        s.close()
    status_after, _, took_after = exchange(addr, request("GET", "/healthz", None, b""), 10)
    report(case, pid, f"{closed} of {len(socks)} closed by the server within {header_timeout + 2.5:.0f} s; {during}; after: {status_after} in {took_after * 1000:.0f} ms")
    expect(case, closed == len(socks), f"{len(socks) - closed} still open")
    expect(case, status_after == 200, f"/healthz after: {status_after}")


def slow_headers(addr, pid, n, header_timeout):
    case = f"5. {n} clients, 1 header byte / 2 s"
    socks = [socket.create_connection(addr, timeout=5) for _ in range(n)]
    line = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"1" * 100
    started = time.monotonic()
    open_ones = list(socks)
    for i in range(int(header_timeout / 2) + 4):
        still = []
        for s in open_ones:
            try:
                s.sendall(line[i:i + 1])
                s.settimeout(0.01)
                try:
                    if s.recv(4096) == b"":
                        continue
                except socket.timeout:
                    pass
                still.append(s)
            except OSError:
                pass
        open_ones = still
        if not open_ones:
            break
        time.sleep(2)
    took = time.monotonic() - started
    report(case, pid, f"{n - len(open_ones)} of {n} cut after {took:.0f} s")
    for s in socks:
        s.close()
    expect(case, not open_ones, f"{len(open_ones)} still connected after {took:.0f} s")


def ordinary(addr, pid, total, clients):
    case = f"6. {total} requests, {clients} clients"
    doc = (ROOT / "fixtures/resumes/senior-mle-team-lead.txt").read_bytes()
    data = request("POST", "/v1/reports?target=lead-ml", "text/plain", doc)
    latencies, bad = [], []
    lock = threading.Lock()
    per = total // clients

    def worker():
        for _ in range(per):
            status, _, took = exchange(addr, data)
            with lock:
                latencies.append(took)
                if status != 200:
                    bad.append(status)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    report(case, pid, f"{len(latencies) / wall:.0f} req/s, p50 {p(0.5):.0f} ms, p99 {p(0.99):.0f} ms, {len(bad)} not 200")
    expect(case, not bad, f"statuses {bad[:10]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / "target/debug/gap-check"))
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    header_timeout = 10
    proc, addr = start(args.bin, [])
    pid = proc.pid
    try:
        tiny_parts(addr, pid, 6000 if args.quick else 60000)
        parts_at_cap(addr, pid, 100)
        heavy_forms(addr, pid, 2 if args.quick else 3)
        stalled_uploads(addr, pid, 8 if args.quick else 16, 8 if args.quick else 45)
        big_form(addr, pid)
        idle_connections(addr, pid, 100 if args.quick else 300, header_timeout)
        slow_headers(addr, pid, 20 if args.quick else 50, header_timeout)
        ordinary(addr, pid, 80 if args.quick else 200, 8)
        peak = peak_mib(pid)
        print(f"peak resident memory of the service: {peak:.0f} MiB (limit {LIMIT_MIB})")
        expect("memory", not peak > LIMIT_MIB, f"{peak:.0f} MiB")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    if FAILURES:
        print("\n".join(FAILURES), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

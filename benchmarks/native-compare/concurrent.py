#!/usr/bin/env python3
"""Locus vs llama-server under concurrent load, the same client driving both (see README.md, "Concurrent serving").

Starts `locus serve` and llama.cpp's own `llama-server` (built from the matching source, run against the same prebuilt
kernels: build-llama-bench.sh) on loopback with the same model, threads and slots, then in interleaved rounds sends
1, 2, 4 and 8 simultaneous streamed /v1/completions requests to each and records aggregate tokens/s, time to first
token and resident memory. A second phase measures prompt-prefix reuse: a turn that shares a long prefix with the turn
before it. Standard library only.

usage: concurrent.py --model M.gguf --llama-run DIR --locus PATH [--rounds 3] [--levels 1,2,4,8] [--out FILE]
"""
import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time

WORDS = ("time cat dog tree house river little happy ran jumped played found big small red blue sun moon girl boy "
         "mom dad friend park ball toy bird fish garden flower rain snow day night").split()


def log(*args):
    print("[concurrent]", *args, file=sys.stderr, flush=True)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prompt_text(seed, words):
    rng = random.Random(repr(seed))
    return " ".join(rng.choice(WORDS) for _ in range(words))


class Server:
    def __init__(self, name, argv, port, log_path):
        self.name, self.port = name, port
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=300):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log.name}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/health")
                r = c.getresponse()
                r.read()
                if r.status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} not ready after {timeout} s")

    def model_id(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("GET", "/v1/models")
        return json.loads(c.getresponse().read())["data"][0]["id"]

    def memory(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    fields[key] = int(value.split()[0]) / 1024
        return fields

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def stream_completion(port, prompt, max_tokens, model):
    """One streamed request; returns start, first-text and end times, completion tokens and cached prompt tokens."""
    body = json.dumps({"model": model, "prompt": prompt, "max_tokens": max_tokens, "temperature": 0, "stream": True,
                       "ignore_eos": True, "stream_options": {"include_usage": True}})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    start = time.perf_counter()
    conn.request("POST", "/v1/completions", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}: {response.read()[:300]!r}")
    first, chunks, usage = None, 0, None
    while True:
        line = response.readline()
        if not line:
            break
        line = line.strip()
        if not line.startswith(b"data:"):
            continue
        data = line[5:].strip()
        if data == b"[DONE]":
            break
        event = json.loads(data)
        if event.get("usage"):
            usage = event["usage"]
        for choice in event.get("choices") or []:
            if choice.get("text"):
                chunks += 1
                if first is None:
                    first = time.perf_counter()
    end = time.perf_counter()
    conn.close()
    tokens = (usage or {}).get("completion_tokens") or chunks
    cached = ((usage or {}).get("prompt_tokens_details") or {}).get("cached_tokens")
    return {"start": start, "first": first or end, "end": end, "tokens": tokens, "cached": cached,
            "prompt_tokens": (usage or {}).get("prompt_tokens")}


def run_level(server, level, round_no, tokens, words, model):
    results = [None] * level
    errors = []

    def worker(i):
        try:
            results[i] = stream_completion(server.port, prompt_text((round_no, level, i), words), tokens, model)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(level)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{server.name} c={level}: {errors[0]}")
    begin = min(r["start"] for r in results)
    finish = max(r["end"] for r in results)
    total = sum(r["tokens"] for r in results)
    return {"impl": server.name, "level": level, "round": round_no, "tokens": total, "seconds": finish - begin,
            "tps": total / (finish - begin), "ttft": [r["first"] - r["start"] for r in results]}


def pct(values, q):
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def start_pair(args, ctx_per_slot, tag):
    lp, cp = free_port(), free_port()
    llama = Server("llama-server", [os.path.join(args.llama_run, "llama-server.sh"), "-m", args.model, "-t", str(args.threads),
                                    "-tb", str(args.threads), "-c", str(ctx_per_slot * args.parallel), "-np", str(args.parallel),
                                    "--host", "127.0.0.1", "--port", str(lp)], lp, os.path.join(args.logs, f"llama-server-{tag}.log"))
    locus = Server("locus", [args.locus, "serve", "-m", args.model, "--threads", str(args.threads), "--parallel", str(args.parallel),
                             "--ctx", str(ctx_per_slot), "--port", str(cp)], cp, os.path.join(args.logs, f"locus-{tag}.log"))
    for s in (llama, locus):
        s.wait_ready()
        s.model = s.model_id()
    return [llama, locus]


def throughput_phase(args, out):
    servers = start_pair(args, args.ctx // args.parallel, "throughput")
    try:
        for s in servers:  # warm-up: first use allocates compute buffers; not recorded
            run_level(s, min(args.parallel, 4), -1, 16, args.words, s.model)
        memory = {s.name: s.memory() for s in servers}
        rows = []
        for round_no in range(args.rounds):
            order = servers if round_no % 2 == 0 else servers[::-1]
            for s in order:
                for level in args.levels:
                    row = run_level(s, level, round_no, args.tokens, args.words, s.model)
                    rows.append(row)
                    out.write(json.dumps(row) + "\n")
                    out.flush()
                    log(f"round {round_no} {s.name:12} c={level}: {row['tps']:.1f} tok/s, ttft p50 {statistics.median(row['ttft']):.2f} s")
        for s in servers:
            memory[s.name]["after"] = s.memory()
        out.write(json.dumps({"memory": memory}) + "\n")
        return rows, memory
    finally:
        for s in servers:
            s.stop()


def prefix_phase(args, out):
    """A ~2,000-token shared prefix: first turn evaluates it, the second (a different ending) should reuse it."""
    servers = start_pair(args, 4096, "prefix")
    rows = []
    try:
        for s in servers:
            run_level(s, 1, -1, 8, args.words, s.model)
        for trial in range(args.prefix_trials):
            prefix = prompt_text(("prefix", trial), args.prefix_words)
            for s in servers:
                first = stream_completion(s.port, prefix + " and then the cat", 8, s.model)
                second = stream_completion(s.port, prefix + " so the dog ran home", 8, s.model)
                row = {"impl": s.name, "trial": trial, "prompt_tokens": first["prompt_tokens"],
                       "ttft_first": first["first"] - first["start"], "ttft_second": second["first"] - second["start"],
                       "cached_second": second["cached"]}
                row["ratio"] = row["ttft_first"] / row["ttft_second"]
                rows.append(row)
                out.write(json.dumps({"prefix": row}) + "\n")
                log(f"prefix {s.name:12}: {row['prompt_tokens']} tokens, ttft {row['ttft_first']:.2f} s -> {row['ttft_second']:.3f} s "
                    f"({row['ratio']:.1f}x), cached {row['cached_second']}")
    finally:
        for s in servers:
            s.stop()
    return rows


def summary(rows, memory, prefix_rows, levels):
    print("| concurrent | Locus tok/s median (min–max) | llama-server tok/s median (min–max) | ratio | TTFT p50 Locus / llama-server | "
          "TTFT p95 Locus / llama-server |")
    print("|---|---|---|---|---|---|")
    for level in levels:
        cell = {}
        for impl in ("locus", "llama-server"):
            rs = [r for r in rows if r["impl"] == impl and r["level"] == level]
            tps = [r["tps"] for r in rs]
            ttft = [t for r in rs for t in r["ttft"]]
            cell[impl] = (statistics.median(tps), min(tps), max(tps), pct(ttft, 0.5), pct(ttft, 0.95))
        lo, ls = cell["locus"], cell["llama-server"]
        print(f"| {level} | {lo[0]:.1f} ({lo[1]:.1f}–{lo[2]:.1f}) | {ls[0]:.1f} ({ls[1]:.1f}–{ls[2]:.1f}) | **{lo[0] / ls[0]:.2f}** | "
              f"{lo[3]:.2f} / {ls[3]:.2f} s (**{lo[3] / ls[3]:.2f}**) | {lo[4]:.2f} / {ls[4]:.2f} s (**{lo[4] / ls[4]:.2f}**) |")
    if memory:
        print()
        for impl, m in memory.items():
            print(f"- {impl}: RSS idle {m['VmRSS']:.0f} MB, after the run {m['after']['VmRSS']:.0f} MB, peak {m['after']['VmHWM']:.0f} MB")
    if prefix_rows:
        print()
        for impl in ("locus", "llama-server"):
            rs = [r for r in prefix_rows if r["impl"] == impl]
            if rs:
                print(f"- prefix reuse, {impl}: {rs[0]['prompt_tokens']} prompt tokens, TTFT first turn "
                      f"{statistics.median(r['ttft_first'] for r in rs):.2f} s, second {statistics.median(r['ttft_second'] for r in rs):.3f} s, "
                      f"ratio median {statistics.median(r['ratio'] for r in rs):.1f}x, cached tokens reported {[r['cached_second'] for r in rs]}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--llama-run", required=True, help="run/ folder made by build-llama-bench.sh")
    p.add_argument("--locus", required=True, help="the locus executable")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--parallel", type=int, default=4)
    p.add_argument("--ctx", type=int, default=4096, help="total context (llama-server -c); Locus gets ctx/parallel per slot")
    p.add_argument("--tokens", type=int, default=128)
    p.add_argument("--words", type=int, default=48, help="prompt length in words (each request its own random words)")
    p.add_argument("--levels", default="1,2,4,8")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--prefix-words", type=int, default=760, help="shared prefix in words (~1,950 tokens: the random model trained context is 2,048)")
    p.add_argument("--prefix-trials", type=int, default=3)
    p.add_argument("--phases", default="throughput,prefix")
    p.add_argument("--out", default="concurrent.jsonl")
    p.add_argument("--logs", default=".")
    args = p.parse_args()
    args.levels = [int(x) for x in args.levels.split(",")]
    os.makedirs(args.logs, exist_ok=True)
    rows, memory, prefix_rows = [], None, []
    with open(args.out, "a") as out:
        phases = args.phases.split(",")
        if "throughput" in phases:
            rows, memory = throughput_phase(args, out)
        if "prefix" in phases:
            prefix_rows = prefix_phase(args, out)
    if rows:
        summary(rows, memory, prefix_rows, args.levels)
    else:
        summary([], None, prefix_rows, [])


if __name__ == "__main__":
    main()

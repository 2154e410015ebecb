#!/usr/bin/env python3
"""Embeddings/s of Locus's /v1/embeddings vs llama.cpp's own llama-server (same prebuilt llama.cpp, same model,
mean pooling, 2 threads), plus the agreement of their vectors (cosine per input).

usage: embeddings.py MODEL.gguf [--rounds 5] [--inputs 256] [--batch 32]
env:   LLAMA_SERVER (default /work/nc/build/bin/llama-server; its folder is LD_LIBRARY_PATH)
       LOCUS (default src/Locus.Cli/bin/Release/net10.0/locus)

Method: both servers load the model once (untimed) and get one untimed warm-up pass. Each round posts the same
INPUTS sentences (~30 tokens each) in requests of BATCH inputs, one request at a time, to each server (order
alternating per round), and times the whole pass. Results: median embeddings/s over the rounds, and the ratio.
"""
import argparse, json, math, os, random, socket, statistics, subprocess, sys, time, urllib.error, urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORDS = ("the little dog ran to a big red ball and a girl named Lily saw it in the park one day with her mom "
         "they were happy and played under a tree near the river until the sun went down").split()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/embeddings", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def wait_ready(port, proc, name, model):
    for _ in range(600):
        if proc.poll() is not None:
            sys.exit(f"{name} exited with {proc.returncode}")
        try:
            post(port, {"model": model, "input": "hello"})
            return
        except urllib.error.HTTPError as e:
            if e.code == 503:  # llama-server: still loading
                time.sleep(0.5)
                continue
            sys.exit(f"{name} answered {e.code}: {e.read()[:300]!r}")
        except Exception:
            time.sleep(0.5)
    sys.exit(f"{name} did not start")


def sentences(n):
    rng = random.Random(7)
    return [" ".join(rng.choice(WORDS) for _ in range(24)).capitalize() + "." for _ in range(n)]


def run_pass(port, model, inputs, batch):
    vectors, started = [], time.perf_counter()
    for i in range(0, len(inputs), batch):
        answer = post(port, {"model": model, "input": inputs[i:i + batch], "encoding_format": "float"})
        vectors += [d["embedding"] for d in sorted(answer["data"], key=lambda d: d["index"])]
    return len(inputs) / (time.perf_counter() - started), vectors


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def main():
    args = argparse.ArgumentParser()
    args.add_argument("model")
    args.add_argument("--rounds", type=int, default=5)
    args.add_argument("--inputs", type=int, default=256)
    args.add_argument("--batch", type=int, default=32)
    args.add_argument("--ctx", type=int, default=2048)
    a = args.parse_args()
    server = os.environ.get("LLAMA_SERVER", "/work/nc/build/bin/llama-server")
    locus = os.environ.get("LOCUS", os.path.join(REPO, "src/Locus.Cli/bin/Release/net10.0/locus"))
    model_id = os.path.splitext(os.path.basename(a.model))[0]
    lport, cport = free_port(), free_port()
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(server))
    # One slot per input of a request, each with room for it: llama-server batches its slots into one decode.
    llama = subprocess.Popen([server, "-m", a.model, "--embeddings", "--pooling", "mean", "-t", "2", "-tb", "2",
                              "-c", str(a.ctx), "-b", str(a.ctx), "-ub", str(a.ctx), "-np", str(a.batch), "--kv-unified",
                              "--port", str(lport), "--host", "127.0.0.1", "--no-webui"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours = subprocess.Popen([locus, "serve", "--model", a.model, "--port", str(cport), "--threads", "2",
                             "--ctx", str(a.ctx)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(lport, llama, "llama-server", "m")
        wait_ready(cport, ours, "locus", model_id)
        inputs = sentences(a.inputs)
        servers = [("llama-server", lport, "m"), ("locus", cport, model_id)]
        vectors = {name: run_pass(port, m, inputs, a.batch)[1] for name, port, m in servers}  # warm-up
        rates = {name: [] for name, _, _ in servers}
        for r in range(a.rounds):
            for name, port, m in (servers if r % 2 == 0 else servers[::-1]):
                rate, _ = run_pass(port, m, inputs, a.batch)
                rates[name].append(rate)
        cosines = [cosine(x, y) for x, y in zip(vectors["llama-server"], vectors["locus"])]
        tokens = post(cport, {"model": model_id, "input": inputs})["usage"]["prompt_tokens"] / len(inputs)
        result = {
            "model": model_id, "inputs": a.inputs, "batch": a.batch, "tokens_per_input": round(tokens, 1), "rounds": a.rounds,
            "llama_server_eps": round(statistics.median(rates["llama-server"]), 1),
            "locus_eps": round(statistics.median(rates["locus"]), 1),
            "min_cosine": round(min(cosines), 6), "mean_cosine": round(statistics.mean(cosines), 6),
        }
        result["ratio"] = round(result["locus_eps"] / result["llama_server_eps"], 3)
        print(json.dumps(result))
    finally:
        for p in (llama, ours):
            p.terminate()
            p.wait()


if __name__ == "__main__":
    main()

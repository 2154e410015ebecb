#!/usr/bin/env python3
"""Result plumbing for benchmarks/native-compare (standard library only; see README.md).

  results.py llama-bench --pp PP.jsonl --tg TG.jsonl   convert two `llama-bench -o jsonl` outputs (a `-p P -n 0 -d 0`
                                                       run and a `-p 0 -n N -d P` run) into result lines, one per rep
  results.py tag --model PATH --round K [--cpu-variant V] [--impl NAME]
                                                       copy result lines from stdin to stdout, keeping only JSON
                                                       objects with "impl", and adding "round", "model_path",
                                                       "model_bytes" (and cpu_variant where missing)
  results.py summary RESULTS.jsonl                     medians per model and impl, ratios, fraction of bandwidth ceiling
"""
import argparse
import json
import os
import statistics
import sys
from collections import defaultdict


def read_jsonl(path_or_file):
    f = open(path_or_file) if isinstance(path_or_file, str) else path_or_file
    out = []
    for line in f:
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            out.append(obj)
    return out


def cmd_llama_bench(a):
    pp = [o for o in read_jsonl(a.pp) if o.get("n_prompt", 0) > 0 and o.get("n_gen", 0) == 0]
    tg = [o for o in read_jsonl(a.tg) if o.get("n_gen", 0) > 0 and o.get("n_prompt", 0) == 0]
    if not pp or not tg:
        sys.exit("results.py llama-bench: missing pp or tg test in llama-bench output")
    pp, tg = pp[0], tg[0]
    pps, tgs = pp["samples_ts"], tg["samples_ts"]
    for rep in range(min(len(pps), len(tgs))):
        print(json.dumps({
            "impl": "llama-bench",
            "model": os.path.basename(pp["model_filename"]),
            "pp_tokens": pp["n_prompt"],
            "pp_tps": round(pps[rep], 2),
            "tg_tokens": tg["n_gen"],
            "tg_tps": round(tgs[rep], 2),
            "threads": pp["n_threads"],
            "rep": rep,
            "tg_depth": tg["n_depth"],
            "flash_attn": pp["flash_attn"],
            "build_commit": pp["build_commit"],
        }))


def cmd_tag(a):
    size = os.path.getsize(a.model) if a.model and os.path.exists(a.model) else None
    n = 0
    for obj in read_jsonl(sys.stdin):
        if "impl" not in obj:
            continue
        if a.impl and obj["impl"] != a.impl:
            print(f"warning: expected impl {a.impl!r}, got {obj['impl']!r}", file=sys.stderr)
        obj["round"] = a.round
        if a.model:
            obj["model_path"] = a.model
            obj.setdefault("model", os.path.basename(a.model))
            if size is not None:
                obj["model_bytes"] = size
        if os.environ.get("LOCUS_BENCH_BUSY_BEFORE"):
            obj["busy_before"] = float(os.environ["LOCUS_BENCH_BUSY_BEFORE"])  # cores others used before the round
        if a.cpu_variant and not obj.get("cpu_variant"):
            obj["cpu_variant"] = a.cpu_variant
        print(json.dumps(obj))
        n += 1
    if n == 0:
        print("warning: no result line", file=sys.stderr)
        sys.exit(1)


def med(xs):
    return statistics.median(xs) if xs else None


def fmt(x, nd=1):
    return "-" if x is None else f"{x:,.{nd}f}"


def cmd_summary(a):
    rows = read_jsonl(a.results)
    bw = [r for r in rows if r.get("impl") == "bandwidth"]
    runs = [r for r in rows if r.get("impl") != "bandwidth" and "pp_tps" in r]
    by = defaultdict(lambda: defaultdict(list))  # model -> impl -> rows
    for r in runs:
        by[r["model"]][r["impl"]].append(r)
    order = ["llama-bench", "node-llama-cpp", "locus"]

    bw_all = [b["read_gbs_median"] for b in bw]
    print(f"results: {a.results}")
    if bw_all:
        print(f"read bandwidth (2 threads): median of rounds {fmt(med(bw_all), 2)} GB/s, "
              f"range {fmt(min(bw_all), 2)}-{fmt(max(bw_all), 2)}, best single pass "
              f"{fmt(max(b['read_gbs_best'] for b in bw), 2)} GB/s, {len(bw_all)} probes")
    for model, impls in by.items():
        any_row = next(iter(next(iter(impls.values()))), {})
        mbytes = any_row.get("model_bytes")
        P = any_row.get("pp_tokens")
        N = any_row.get("tg_tokens")
        print()
        print(f"== {model}  ({fmt(mbytes / 1e6, 1) if mbytes else '?'} MB, P={P}, N={N}, "
              f"threads={any_row.get('threads')})")
        print(f"{'impl':<16}{'n':>4}{'pp tok/s':>12}{'(min-max)':>22}{'tg tok/s':>12}{'(min-max)':>20}  cpu")
        meds = {}
        for impl in sorted(impls, key=lambda i: (order.index(i) if i in order else 99, i)):
            rs = impls[impl]
            pp = [r["pp_tps"] for r in rs]
            tg = [r["tg_tps"] for r in rs]
            meds[impl] = (med(pp), med(tg))
            variants = ",".join(sorted({str(r.get("cpu_variant")) for r in rs if r.get("cpu_variant")})) or "?"
            print(f"{impl:<16}{len(rs):>4}{fmt(med(pp)):>12}{'(' + fmt(min(pp)) + '-' + fmt(max(pp)) + ')':>22}"
                  f"{fmt(med(tg)):>12}{'(' + fmt(min(tg)) + '-' + fmt(max(tg)) + ')':>20}  {variants}")
        busy = [r["busy_before"] for rs in impls.values() for r in rs if "busy_before" in r]
        if busy:
            print(f"other processes before the rounds: median {med(busy):.2f} cores, max {max(busy):.2f}")
        if "locus" in meds:
            for ref in ("llama-bench", "node-llama-cpp"):
                if ref in meds and meds[ref][0] and meds[ref][1]:
                    print(f"ratio locus/{ref}: pp {meds['locus'][0] / meds[ref][0]:.3f}, "
                          f"tg {meds['locus'][1] / meds[ref][1]:.3f}")
        if "node-llama-cpp" in meds and "llama-bench" in meds:
            print(f"ratio node-llama-cpp/llama-bench: pp {meds['node-llama-cpp'][0] / meds['llama-bench'][0]:.3f}, "
                  f"tg {meds['node-llama-cpp'][1] / meds['llama-bench'][1]:.3f}")
        # Generation reads (about) every weight once per token: tg x bytes is the read rate it needs.
        # Pair each round's tg median with that round's bandwidth probe (bandwidth drifts minute to minute).
        if mbytes and mbytes >= a.min_bytes_for_ceiling:
            bw_round = {b.get("round"): b["read_gbs_median"] for b in bw if b.get("model") == model}
            for impl in impls:
                fr = []
                per_round = defaultdict(list)
                for r in impls[impl]:
                    per_round[r.get("round")].append(r["tg_tps"])
                for rnd, tgs in per_round.items():
                    if rnd in bw_round:
                        fr.append(med(tgs) * mbytes / (bw_round[rnd] * 1e9))
                if fr:
                    print(f"fraction of bandwidth ceiling ({impl}): median {med(fr):.3f} "
                          f"(tg x {mbytes / 1e6:.0f} MB / read GB/s of the same round; {len(fr)} rounds)")
        elif mbytes:
            print("fraction of bandwidth ceiling: n/a (model fits in cache)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("llama-bench")
    p.add_argument("--pp", required=True)
    p.add_argument("--tg", required=True)
    p.set_defaults(fn=cmd_llama_bench)
    p = sub.add_parser("tag")
    p.add_argument("--model")
    p.add_argument("--round", type=int, required=True)
    p.add_argument("--cpu-variant")
    p.add_argument("--impl")
    p.set_defaults(fn=cmd_tag)
    p = sub.add_parser("summary")
    p.add_argument("results")
    p.add_argument("--min-bytes-for-ceiling", type=int, default=64 << 20,
                   help="only models at least this big get a bandwidth-ceiling fraction (default 64 MiB)")
    p.set_defaults(fn=cmd_summary)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Start-up time of `locus plan --json ...` for two builds, interleaved (docs/benchmarks.md, section 9).

    python3 benchmarks/startup-ab.py A_ROOT B_ROOT [ROUNDS]

A_ROOT and B_ROOT are checkouts with a Release build of the CLI (dotnet build src/Locus.Cli -c Release). The builds
alternate, the order flipping every round, after two warm-up rounds; each process's wall time and CPU time (user +
sys, from getrusage) are recorded, and both builds' outputs must be byte-identical. Prints medians and B/A. The
config in force is the caller's: set LOCUS_CONFIG to measure with a file, or run where none is found without one.
"""
import resource
import statistics
import subprocess
import sys
import time

ARGS = ["plan", "--json", "--device", "apple-m2-max", "--params-b", "8", "--quant", "Q4_K_M", "--ctx", "8192"]
EXE = "src/Locus.Cli/bin/Release/net10.0/locus"


def run(exe):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([exe] + ARGS, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall * 1000, cpu * 1000, done.stdout


def main():
    builds = {"A": f"{sys.argv[1]}/{EXE}", "B": f"{sys.argv[2]}/{EXE}"}
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    wall, cpu, output = {k: [] for k in builds}, {k: [] for k in builds}, {}
    for r in range(rounds + 2):
        for name in (["A", "B"] if r % 2 == 0 else ["B", "A"]):
            w, c, out = run(builds[name])
            if output.setdefault(name, out) != out:
                sys.exit(f"{name}'s output changed between runs")
            if r >= 2:
                wall[name].append(w)
                cpu[name].append(c)
    if output["A"] != output["B"]:
        sys.exit("the two builds print different output")
    for name in builds:
        q = statistics.quantiles(wall[name], n=4)
        print(f"{name}: wall median {statistics.median(wall[name]):.0f} ms (p25 {q[0]:.0f}, p75 {q[2]:.0f}), "
              f"cpu median {statistics.median(cpu[name]):.0f} ms, {rounds} runs")
    ratio = lambda d: statistics.median(d["B"]) / statistics.median(d["A"])
    print(f"B/A: wall {ratio(wall):.3f}, cpu {ratio(cpu):.3f}; output identical ({len(output['A'])} bytes)")


if __name__ == "__main__":
    main()

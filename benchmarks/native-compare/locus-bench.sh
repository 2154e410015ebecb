#!/usr/bin/env bash
# LOCUS_BENCH_CMD for run.sh: locus-bench.sh MODEL P N THREADS REPS → JSON lines from `locus bench`.
# Builds the Release CLI first if it is not there.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
LOCUS="$REPO/src/Locus.Cli/bin/Release/net10.0/locus"
[[ -x "$LOCUS" ]] || dotnet build "$REPO/src/Locus.Cli" -c Release >&2
exec "$LOCUS" bench --model "$1" --prompt-tokens "$2" --gen-tokens "$3" --threads "$4" --reps "$5"

#!/usr/bin/env bash
# Reproduces the evaluation tables in docs/routing.md: one JSON object per line (router eval --json).
# Usage: bash docs/router-eval.sh [path to shared data/routing]   (default ../shared/data/routing)
set -euo pipefail
D=$(cd "${1:-$(dirname "$0")/../../shared/data/routing}" && pwd)
R=$D/routellm
B=$D/routerbench
ROOT=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$ROOT/src/Locus.Cli" -c Release -v quiet -nologo >&2
locus() { dotnet "$ROOT/src/Locus.Cli/bin/Release/net10.0/locus.dll" "$@"; }
others() { # every data set but $1, comma-separated
  local out=()
  for s in "$R/mmlu" "$R/gsm8k" "$R/mt_bench" "$B/arc_challenge_train.csv" "$B/mbpp_train.csv" "$B/winograde_train.csv"; do
    [[ "$s" == "$1" ]] || out+=("$s")
  done
  (IFS=,; echo "${out[*]}")
}
for s in "$R/mt_bench" "$R/mmlu" "$R/gsm8k"; do
  locus router eval --data "$s" --router heuristic --json
  [[ "$s" == "$R/gsm8k" ]] || locus router eval --data "$s" --router learned-cv --json
  locus router eval --data "$s" --train "$(others "$s")" --cloud-share 0.3 --json
done
for s in "$B/arc_challenge_train.csv" "$B/mbpp_train.csv" "$B/winograde_train.csv"; do
  locus router eval --data "$s" --router heuristic --json
  locus router eval --data "$s" --train "$(others "$s")" --json
done

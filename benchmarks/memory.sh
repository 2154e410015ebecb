#!/usr/bin/env bash
# Resident memory of `locus serve`: right after start-up (idle, model loaded) and after a burst of requests.
# usage: benchmarks/memory.sh [MODEL.gguf]   (default ../shared/models/stories260K.gguf)
# Prints one JSON line: {"model":..., "idle_rss_mb":..., "after_requests_rss_mb":..., "requests":N}
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
MODEL=${1:-$REPO/../shared/models/stories260K.gguf}
LOCUS="$REPO/src/Locus.Cli/bin/Release/net10.0/locus"
[[ -x "$LOCUS" ]] || dotnet build "$REPO/src/Locus.Cli" -c Release >&2
REQUESTS=${REQUESTS:-50}
PORT=${PORT:-18199}

"$LOCUS" serve --model "$MODEL" --port "$PORT" --threads 2 --chat-template raw >/tmp/locus-memory.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
sleep 2 # let start-up work (JIT, GC) settle
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status"; }
idle=$(rss)
for i in $(seq "$REQUESTS"); do
  curl -sf "http://127.0.0.1:$PORT/v1/chat/completions" -H 'content-type: application/json' \
    -d '{"model":"'"$(basename "$MODEL" .gguf)"'","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":64,"stream":'"$([ $((i % 2)) = 0 ] && echo true || echo false)"'}' >/dev/null
done
sleep 1
printf '{"model":"%s","idle_rss_mb":%s,"after_requests_rss_mb":%s,"requests":%d}\n' "$(basename "$MODEL")" "$idle" "$(rss)" "$REQUESTS"

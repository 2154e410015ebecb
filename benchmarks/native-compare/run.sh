#!/usr/bin/env bash
# Interleaved run set: llama.cpp's llama-bench (on the prebuilt libraries), node-llama-cpp 3.22.1 and Locus,
# same model, same threads, same prompt length, greedy, medians. See README.md.
#
# usage: run.sh [LARGE_MODEL.gguf ...]
#   models: stories260K (from shared/models) followed by the arguments; LOCUS_BENCH_MODELS="a.gguf b.gguf" replaces the list
# env (defaults):
#   LOCUS_BENCH_P=256 LOCUS_BENCH_N=128 LOCUS_BENCH_ROUNDS=5 LOCUS_BENCH_THREADS=2 LOCUS_BENCH_REPS=1
#                       prompt tokens, generated tokens, rounds, threads, timed reps per process and round
#   LOCUS_BENCH_WORK    work folder (default: a new mktemp dir; kept); builds and installs are reused from it
#   LOCUS_LLAMA_BENCH_RUN   an existing run/ folder made by build-llama-bench.sh (else it is built into WORK)
#   LOCUS_LLAMA_BUILD_DIR / LOCUS_PREBUILT_DIR   passed on to build-llama-bench.sh (reuse a build / unpacked libs)
#   LOCUS_BENCH_CMD     Locus benchmark command; called as: $LOCUS_BENCH_CMD MODEL P N THREADS REPS
#                       (absent: Locus is skipped)
#   LOCUS_BENCH_RESULTS results file (default WORK/results.jsonl; appended to)
#   LOCUS_BENCH_IMPLS="llama-bench node-llama-cpp locus"  which implementations to run
#   LOCUS_BENCH_ROTATE=1  rotate the order of the implementations from round to round (0: fixed order)
#   LOCUS_BENCH_TIMEOUT=600   seconds one benchmark process may run before it is killed (that round is lost)
#   LOCUS_BENCH_QUIET_MAX=300  before each round wait (at most this many seconds) until other processes use
#                       less than LOCUS_BENCH_QUIET_BUSY=0.15 cores; 0 disables the wait
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
P=${LOCUS_BENCH_P:-256}
N=${LOCUS_BENCH_N:-128}
K=${LOCUS_BENCH_ROUNDS:-5}
T=${LOCUS_BENCH_THREADS:-2}
R=${LOCUS_BENCH_REPS:-1}
IMPLS=(${LOCUS_BENCH_IMPLS:-llama-bench node-llama-cpp locus})
ROTATE=${LOCUS_BENCH_ROTATE:-1}
TO=${LOCUS_BENCH_TIMEOUT:-600}
WORK=${LOCUS_BENCH_WORK:-}
if [[ -z "$WORK" ]]; then WORK=$(mktemp -d -t locus-native-compare.XXXXXX); fi
mkdir -p "$WORK/logs"
WORK=$(cd "$WORK" && pwd)
RESULTS=${LOCUS_BENCH_RESULTS:-$WORK/results.jsonl}
log() { echo "[run] $*" >&2; }

if [[ -n "${LOCUS_BENCH_MODELS:-}" ]]; then
    read -r -a MODELS <<<"$LOCUS_BENCH_MODELS"
else
    MODELS=("$REPO/../shared/models/stories260K.gguf" "$@")
fi
for m in "${MODELS[@]}"; do [[ -f "$m" ]] || { log "model not found: $m"; exit 1; }; done
for i in "${!MODELS[@]}"; do MODELS[$i]=$(readlink -f "${MODELS[$i]}"); done

has_impl() { local x; for x in "${IMPLS[@]}"; do [[ $x == "$1" ]] && return 0; done; return 1; }

# --- setup (not timed) ---------------------------------------------------------------------------------
LLB_RUN=${LOCUS_LLAMA_BENCH_RUN:-$WORK/llama-bench/run}
if has_impl llama-bench && [[ ! -x "$LLB_RUN/llama-bench.sh" ]]; then
    log "building llama-bench into $WORK/llama-bench"
    "$HERE/build-llama-bench.sh" "$WORK/llama-bench" >/dev/null
fi
LLB_VARIANT=$(cat "$LLB_RUN/CPU_VARIANT" 2>/dev/null || echo "")

NLC_DIR="$WORK/nlc"
if has_impl node-llama-cpp && [[ ! -f "$NLC_DIR/node_modules/node-llama-cpp/dist/index.js" ]]; then
    log "npm install node-llama-cpp (prebuilt linux-x64 binaries only) into $NLC_DIR"
    mkdir -p "$NLC_DIR"
    cp "$HERE/package.json" "$NLC_DIR/package.json"
    # --omit=optional: no CUDA/Vulkan/other-platform binary packages (linux-x64 is a direct dependency);
    # --ignore-scripts: no postinstall (it would only probe/build binaries); never build or download llama.cpp
    (cd "$NLC_DIR" && NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
fi

BW="$WORK/bandwidth"
if [[ ! -x "$BW" || "$HERE/bandwidth.c" -nt "$BW" ]]; then
    gcc -O3 -march=native -fopenmp -o "$BW" "$HERE/bandwidth.c"
fi

if has_impl locus && [[ -z "${LOCUS_BENCH_CMD:-}" ]]; then
    log "LOCUS_BENCH_CMD is not set: skipping Locus"
fi

# --- the machine is shared: wait for other processes to go quiet before a round ---------------------------
cpu_busy() { # prints the number of busy cores over the next second (from /proc/stat)
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat)
    sleep 1
    read -r -a b < <(grep '^cpu ' /proc/stat)
    local ta=0 tb=0 i
    for i in 1 2 3 4 5 6 7 8; do ta=$((ta + a[i])); tb=$((tb + b[i])); done
    local idle=$(((b[4] + b[5]) - (a[4] + a[5]))) total=$((tb - ta)) ncpu
    ncpu=$(nproc)
    awk -v i="$idle" -v t="$total" -v n="$ncpu" 'BEGIN { printf "%.2f", (t > 0 ? (1 - i / t) * n : 0) }'
}
QUIET_MAX=${LOCUS_BENCH_QUIET_MAX:-300}
QUIET_BUSY=${LOCUS_BENCH_QUIET_BUSY:-0.15}
BUSY=""
wait_quiet() {
    BUSY=$(cpu_busy)
    ((QUIET_MAX > 0)) || return 0
    local waited=1
    while awk -v b="$BUSY" -v q="$QUIET_BUSY" 'BEGIN { exit !(b > q) }'; do
        if ((waited >= QUIET_MAX)); then
            log "machine still busy ($BUSY cores used by others) after ${waited}s: measuring anyway"
            return 0
        fi
        ((waited % 30 == 1)) && log "waiting for a quiet machine ($BUSY cores busy)"
        BUSY=$(cpu_busy); waited=$((waited + 1))
    done
}

# --- one measurement per implementation -----------------------------------------------------------------
run_impl() { # impl model round
    local impl=$1 m=$2 k=$3 tag="$WORK/logs/$(basename "$2" .gguf)-r$3-$1"
    case "$impl" in
        llama-bench)
            # pp: P-token prompt at depth 0; tg: N tokens at depth P (as after a P-token prompt). Each test
            # runs one untimed warm-up; -r R timed reps. Run from / so that ggml's cwd plugin search adds nothing.
            (cd / && timeout "$TO" "$LLB_RUN/llama-bench.sh" -m "$m" -t "$T" -ngl 0 -b 512 -ub 512 -fa auto -r "$R" \
                -p "$P" -n 0 -d 0 -o jsonl >"$tag.pp.jsonl" 2>"$tag.pp.err") &&
            (cd / && timeout "$TO" "$LLB_RUN/llama-bench.sh" -m "$m" -t "$T" -ngl 0 -b 512 -ub 512 -fa auto -r "$R" \
                -p 0 -n "$N" -d "$P" -o jsonl >"$tag.tg.jsonl" 2>"$tag.tg.err") &&
            python3 "$HERE/results.py" llama-bench --pp "$tag.pp.jsonl" --tg "$tag.tg.jsonl" |
                python3 "$HERE/results.py" tag --model "$m" --round "$k" --impl llama-bench --cpu-variant "$LLB_VARIANT" >>"$RESULTS"
            ;;
        node-llama-cpp)
            LOCUS_NLC_DIR="$NLC_DIR" timeout "$TO" node "$HERE/nlc-bench.mjs" "$m" "$P" "$N" "$T" "$R" 2>"$tag.err" |
                python3 "$HERE/results.py" tag --model "$m" --round "$k" --impl node-llama-cpp >>"$RESULTS"
            ;;
        locus)
            [[ -n "${LOCUS_BENCH_CMD:-}" ]] || return 0
            timeout "$TO" bash -c "$LOCUS_BENCH_CMD"' "$@"' locus-bench "$m" "$P" "$N" "$T" "$R" 2>"$tag.err" |
                python3 "$HERE/results.py" tag --model "$m" --round "$k" --impl locus >>"$RESULTS"
            ;;
    esac
}

log "work: $WORK   results: $RESULTS"
log "models: ${MODELS[*]}"
log "P=$P N=$N threads=$T rounds=$K reps/round=$R impls=${IMPLS[*]}"
for m in "${MODELS[@]}"; do
    for ((k = 1; k <= K; k++)); do
        order=("${IMPLS[@]}")
        if [[ $ROTATE == 1 ]]; then
            s=$(((k - 1) % ${#IMPLS[@]}))
            order=("${IMPLS[@]:s}" "${IMPLS[@]:0:s}")
        fi
        wait_quiet
        export LOCUS_BENCH_BUSY_BEFORE=$BUSY
        for impl in "${order[@]}"; do
            if ! run_impl "$impl" "$m" "$k"; then
                log "$impl failed on $(basename "$m") round $k (see $WORK/logs)"
            fi
        done
        "$BW" 1024 10 "$T" | python3 "$HERE/results.py" tag --model "$m" --round "$k" >>"$RESULTS"
        log "$(basename "$m") round $k/$K done (others used $BUSY cores just before it; load $(cut -d' ' -f1-3 /proc/loadavg))"
    done
done

python3 "$HERE/results.py" summary "$RESULTS"

#!/usr/bin/env bash
# Builds llama.cpp's own `llama-bench` and `llama-server` from the exact source of the prebuilt llama.cpp that Locus loads
# (node-llama-cpp 3.22.1's llama/gitRelease.bundle) and sets it up to run against the PREBUILT libraries of
# @node-llama-cpp/linux-x64@3.22.1, so its compute kernels are byte-identical to Locus's. See README.md.
#
# usage: build-llama-bench.sh [WORK_DIR]
#   WORK_DIR                default: $LOCUS_BENCH_WORK, else a new mktemp dir
# env:
#   LOCUS_LLAMA_BUILD_DIR   reuse an existing cmake build dir that already has bin/llama-bench (skips clone+build)
#   LOCUS_PREBUILT_DIR      reuse an unpacked bins/linux-x64 folder of @node-llama-cpp/linux-x64@3.22.1 (skips npm pack)
#   JOBS                    build parallelism (default 2)
#
# Result: WORK_DIR/run/ holds a copy of llama-bench, symlinks to the prebuilt libraries under the sonames the
# binary asks for, and the prebuilt libggml-cpu-*.so plugins; WORK_DIR/run/llama-bench.sh runs it with
# LD_LIBRARY_PATH set. The copy must sit in that folder: ggml_backend_load_all() (called by llama-bench, and
# living in the prebuilt libggml) looks for libggml-cpu-*.so in the folder of /proc/self/exe (symlinks resolved)
# and in the current directory, not on LD_LIBRARY_PATH; GGML_BACKEND_PATH names one extra file, not a folder.
set -euo pipefail

NLC_VERSION=3.22.1
WORK=${1:-${LOCUS_BENCH_WORK:-}}
if [[ -z "$WORK" ]]; then WORK=$(mktemp -d -t locus-llama-bench.XXXXXX); fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
JOBS=${JOBS:-2}
log() { echo "[build-llama-bench] $*" >&2; }

# --- 1. the prebuilt libraries -------------------------------------------------------------------------
PREBUILT=${LOCUS_PREBUILT_DIR:-}
if [[ -z "$PREBUILT" ]]; then
    PREBUILT="$WORK/prebuilt/package/bins/linux-x64"
    if [[ ! -f "$PREBUILT/libllama.v0.5.0.so" ]]; then
        log "npm pack @node-llama-cpp/linux-x64@$NLC_VERSION"
        mkdir -p "$WORK/prebuilt"
        (cd "$WORK/prebuilt" && npm pack --silent "@node-llama-cpp/linux-x64@$NLC_VERSION" >/dev/null && tar xzf node-llama-cpp-linux-x64-"$NLC_VERSION".tgz)
    fi
fi
PREBUILT=$(cd "$PREBUILT" && pwd)
for f in libllama.v0.5.0.so libggml.v0.5.0.so libggml-base.so; do
    [[ -f "$PREBUILT/$f" ]] || { log "missing $PREBUILT/$f"; exit 1; }
done

# --- 2. llama-bench from the matching source -----------------------------------------------------------
BUILD=${LOCUS_LLAMA_BUILD_DIR:-}
if [[ -z "$BUILD" ]]; then
    BUILD="$WORK/build"
    SRC="$WORK/llama.cpp-src"
    if [[ ! -d "$SRC/.git" ]]; then
        log "npm pack node-llama-cpp@$NLC_VERSION (for llama/gitRelease.bundle)"
        mkdir -p "$WORK/nlc-pack"
        (cd "$WORK/nlc-pack" && npm pack --silent "node-llama-cpp@$NLC_VERSION" >/dev/null && tar xzf node-llama-cpp-"$NLC_VERSION".tgz package/llama/gitRelease.bundle)
        git -c advice.detachedHead=false clone --quiet "$WORK/nlc-pack/package/llama/gitRelease.bundle" "$SRC"
    fi
    if [[ ! -x "$BUILD/bin/llama-bench" || ! -x "$BUILD/bin/llama-server" ]]; then
        log "cmake configure + build llama-bench and llama-server (-j$JOBS; about 12 minutes on 2 cores)"
        cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
            -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DGGML_NATIVE=OFF >"$WORK/cmake-configure.log" 2>&1 \
            || { tail -30 "$WORK/cmake-configure.log" >&2; exit 1; }
        cmake --build "$BUILD" --target llama-bench llama-server -j"$JOBS" >"$WORK/cmake-build.log" 2>&1 \
            || { tail -30 "$WORK/cmake-build.log" >&2; exit 1; }
    fi
fi
BUILD=$(cd "$BUILD" && pwd)
for tool in llama-bench llama-server; do
    [[ -x "$BUILD/bin/$tool" ]] || { log "no $BUILD/bin/$tool"; exit 1; }
done

# --- 3. run folder: binary copy + prebuilt libs under the names it expects -----------------------------
RUN="$WORK/run"
rm -rf "$RUN"
mkdir -p "$RUN"
cp "$BUILD/bin/llama-bench" "$BUILD/bin/llama-server" "$RUN/"
# the prebuilt libraries under their own names (they NEED libggml.v0.5.0.so / libggml-base.so) and the CPU plugins
for f in "$PREBUILT"/libllama.v0.5.0.so "$PREBUILT"/libggml.v0.5.0.so "$PREBUILT"/libggml-base.so "$PREBUILT"/libggml-cpu-*.so; do
    ln -s "$f" "$RUN/$(basename "$f")"
done
# the sonames the freshly built binary (and the helper libraries built with it) ask for, followed transitively:
# libllama / libggml / libggml-base -> the prebuilt files; other libraries of the build (libllama-bench-impl,
# libllama-common: argument parsing, printing, CPU info; no compute kernels) -> copied from the build, so that
# they too call into the prebuilt libllama/libggml; system libraries are left to the loader.
queue=("$RUN/llama-bench" "$RUN/llama-server")
while ((${#queue[@]})); do
    obj=${queue[0]}; queue=("${queue[@]:1}")
    while read -r needed; do
        [[ -e "$RUN/$needed" ]] && continue
        case "$needed" in
            libllama.so*)     ln -s "$PREBUILT/libllama.v0.5.0.so" "$RUN/$needed" ;;
            libggml.so*)      ln -s "$PREBUILT/libggml.v0.5.0.so" "$RUN/$needed" ;;
            libggml-base.so*) ln -s "$PREBUILT/libggml-base.so" "$RUN/$needed" ;;
            libggml-*)
                log "$(basename "$obj") NEEDS $needed directly: a linked-in backend would bypass the prebuilt kernels"; exit 1 ;;
            *)
                if [[ -e "$BUILD/bin/$needed" ]]; then
                    cp -L "$BUILD/bin/$needed" "$RUN/$needed"
                    queue+=("$RUN/$needed")
                fi ;;
        esac
    done < <(readelf -d "$obj" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done

# provenance: the source commit (the bundle is one squashed commit; llama-bench prints it as build_commit) and the
# checksums of the prebuilt files the symlinks point to
SRC=${SRC:-$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)}
{
    [[ -n "${SRC:-}" && -d "$SRC/.git" ]] && echo "source $(git -C "$SRC" rev-parse HEAD)"
    (cd "$PREBUILT" && sha256sum libllama.v0.5.0.so libggml.v0.5.0.so libggml-base.so libggml-cpu-*.so)
} >"$RUN/PROVENANCE"

for tool in llama-bench llama-server; do
    cat >"$RUN/$tool.sh" <<EOF
#!/usr/bin/env bash
# $tool against the prebuilt node-llama-cpp 3.22.1 libraries in this folder (made by build-llama-bench.sh)
HERE=\$(cd "\$(dirname "\$0")" && pwd)
export LD_LIBRARY_PATH="\$HERE\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
exec "\$HERE/$tool" "\$@"
EOF
    chmod +x "$RUN/$tool.sh"
done

# --- 4. verify that the prebuilt libraries are what gets loaded ----------------------------------------
fail=0
while read -r name arrow path rest; do
    case "$name" in libllama*|libggml*) ;; *) continue ;; esac
    real=$(readlink -f "$path" 2>/dev/null || echo "$path")
    case "$real" in
        "$PREBUILT"/*) log "ldd: $name -> $real (prebuilt)" ;;
        "$RUN"/*) log "ldd: $name -> $real (host-side helper built from the same source)" ;;
        *) log "ldd: $name -> $real  (NOT the prebuilt library)"; fail=1 ;;
    esac
done < <(LD_LIBRARY_PATH="$RUN" ldd "$RUN/llama-bench"; LD_LIBRARY_PATH="$RUN" ldd "$RUN/llama-server")
[[ $fail == 0 ]] || exit 1

# Which CPU variant ggml's loader keeps (it dlopens every libggml-cpu-*.so, asks each for its score and keeps
# the best), and proof that the plugins are the prebuilt files: LD_DEBUG=files lists every object loaded.
# Run from / so that the current-directory search path of ggml_backend_load_all adds nothing.
if out=$(cd / && LD_DEBUG=files LD_LIBRARY_PATH="$RUN" "$RUN/llama-bench" --list-devices 2>&1); then
    while read -r f; do
        p=$f; [[ $p == /* ]] || p="$RUN/$p"
        r=$(readlink -f "$p")
        case "$r" in "$PREBUILT"/*|"$RUN"/*) ;; *) log "loaded a library from outside: $r"; exit 1 ;; esac
        log "loaded: $f -> $r"
    done < <(printf '%s\n' "$out" | sed -n 's/.*file=\([^ ]*lib\(llama\|ggml\)[^ ]*\) .*\(needed\|dynamically loaded\) by.*/\1/p' | sort -u)
    plugin=$(printf '%s\n' "$out" | sed -n 's/^load_backend: loaded CPU backend from \(.*\)$/\1/p' | head -1)
    [[ -n "$plugin" ]] || { printf '%s\n' "$out" | grep -v '^ *[0-9]*:' >&2; log "no CPU backend was loaded"; exit 1; }
    log "CPU backend kept by ggml_backend_load_all: $plugin -> $(readlink -f "$plugin")"
    basename "$plugin" .so | sed 's/^libggml-cpu-//' >"$RUN/CPU_VARIANT"
else
    printf '%s\n' "$out" | grep -v '^ *[0-9]*:' | tail -20 >&2
    log "llama-bench --list-devices failed"; exit 1
fi
log "ready: $RUN/llama-bench.sh"
echo "$RUN"

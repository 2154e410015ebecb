#!/usr/bin/env bash
# Fetches the exact llama.cpp source matching the prebuilt natives (llama.cpp v0.5.0, inside npm node-llama-cpp@3.22.1
# as llama/gitRelease.bundle) into a cache outside the repository, and prints its path. Used by the struct-layout probe
# test and the native benchmark. Needs npm and git.
set -euo pipefail
version=3.22.1
integrity="sha512-bltIipuWmc123H7tMIgDGKSsSrhmhlQYeVUC48XTjVW7XGJJiJJyCdlTMzQ/LiWoPkGDpcL4FviDpgw7qfTiDw=="
dest="${LOCUS_LLAMA_SOURCE_DIR:-$HOME/.cache/locus/llama-src-$version}"
if [ -f "$dest/include/llama.h" ]; then echo "$dest"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "node-llama-cpp@$version" --silent >/dev/null)
actual="sha512-$(openssl dgst -sha512 -binary "$work"/node-llama-cpp-$version.tgz | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "integrity mismatch for node-llama-cpp@$version: expected $integrity, got $actual" >&2; exit 1
fi
tar -xzf "$work/node-llama-cpp-$version.tgz" -C "$work" package/llama/gitRelease.bundle
rm -rf "$dest.tmp" && git clone -q "$work/package/llama/gitRelease.bundle" "$dest.tmp" 2>/dev/null
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "$dest"

#!/usr/bin/env bash
# Fetches the prebuilt CUDA or Vulkan build of llama.cpp that matches the CPU build Locus ships (node-llama-cpp 3.22.1,
# llama.cpp v0.5.0, the same commit) into the cache Locus searches when llama.backend is auto, cuda or vulkan, after
# checking its sha512 integrity. Only npm is needed; no Node.js code runs.
#
# usage: build/fetch-gpu-natives.sh cuda|vulkan        prints the folder it filled
#
# The CUDA build needs the CUDA 13 runtime (libcudart.so.13, libcublas.so.13) and an NVIDIA driver; the Vulkan build
# needs libvulkan.so.1 and a Vulkan driver. Both also carry the CPU plugins: without a usable GPU they run on the CPU.
set -euo pipefail
version=3.22.1
backend=${1:-}
case "$backend" in
  cuda)   integrity="sha512-8rQCjyNNLZJUFit+YpjwlC4hwkKgOMIkB2wuycKBf8NU2O3ySKbiWZQ8aw9ku2nUTXjSnUIrE6KB88itduTBuA==" ;;
  vulkan) integrity="sha512-bBxqU+JOcBu1nb5Qj2zcMci+JByT1E8EajHvYodyNfVIPkEhXh+/HMwR1/BT7xP08YK0hks+kM8fglER0P8JEg==" ;;
  *) echo "usage: $0 cuda|vulkan" >&2; exit 2 ;;
esac
dest="${LOCUS_NATIVE_CACHE:-$HOME/.cache/locus/native}/linux-x64-$backend-$version"
if ls "$dest"/libllama*.so >/dev/null 2>&1; then echo "$dest"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "@node-llama-cpp/linux-x64-$backend@$version" --silent >/dev/null)
tarball=$(ls "$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "integrity mismatch for @node-llama-cpp/linux-x64-$backend@$version: expected $integrity, got $actual" >&2; exit 1
fi
tar -xzf "$tarball" -C "$work"
rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
# The libraries and backend plugins only: llama-addon.node and libllama-common.so are node-llama-cpp's own.
find "$work/package/bins/linux-x64-$backend" -maxdepth 1 -name 'lib*.so' ! -name 'libllama-common.so' -exec cp {} "$dest.tmp/" \;
rm -rf "$dest" && mv "$dest.tmp" "$dest"
echo "$dest"

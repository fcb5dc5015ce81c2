#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the source node-llama-cpp ships (llama/gitRelease.bundle)
# into a cache folder outside the clone, and prints the binary's path. Reused when present:
# the folder is keyed by the llama.cpp release and the CPU (the build is tuned to it), so a new
# node-llama-cpp or another machine builds a new server.
# ~6 min on 2 cores the first time. `--path` prints the path without building. CASCADE_LLAMA_CACHE moves the cache (default ~/.cache/cascade-llama).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
llama="$root/node_modules/node-llama-cpp/llama"
release="$(node -p "require('$llama/llama.cpp.info.json').tag")"
cpu="$(uname -m)-$( (grep -m1 -E '^(model name|flags)' /proc/cpuinfo 2>/dev/null || uname -p) | md5sum | cut -c1-8)"
cache="${CASCADE_LLAMA_CACHE:-$HOME/.cache/cascade-llama}/$release-$cpu"
server="$cache/build/bin/llama-server"
# --path: only print where the binary is (or would be).
if [ "${1:-}" = "--path" ] || [ -x "$server" ]; then echo "$server"; exit 0; fi
command -v cmake >/dev/null || { echo "cmake is needed to build llama-server (apt-get install cmake g++)" >&2; exit 1; }
mkdir -p "$cache"
if [ ! -d "$cache/src/.git" ]; then
  rm -rf "$cache/src"
  git clone --quiet "$llama/gitRelease.bundle" "$cache/src" >&2
fi
cmake -S "$cache/src" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF >&2
cmake --build "$cache/build" --target llama-server -j"$(nproc)" >&2
echo "$server"

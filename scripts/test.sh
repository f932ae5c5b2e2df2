#!/usr/bin/env bash
# Runs every test: builds (Release, warnings as errors), then the C++ suite (GoogleTest via ctest)
# and the Python suite (pytest on files the engine really writes). Exit code 0 only if all pass.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3 \
  -DBUURTBEREIK_WERROR=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure
BUURTBEREIK_BIN="$PWD/build/buurtbereik" /usr/bin/python3 -m pytest tests/python -q -p no:cacheprovider

#!/usr/bin/env bash
# One command for a fresh machine: install what is missing, build in Release, and simulate the
# default scenario (Waterlandpleinbuurt, one year) into results/waterlandpleinbuurt.h5.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3
cmake --build build -j"$(nproc)"
mkdir -p results
build/buurtbereik run scenarios/waterlandpleinbuurt.yaml -o results/waterlandpleinbuurt.h5

#!/usr/bin/env bash
# Whole-plan benchmark (issue 7's speed goals): `buurtbereik plan hours` on the default buurt and
# `buurtbereik plan allocate` of 10 FTE over the seven buurten of bench/noord-7.yaml, each
# BENCH_REPS times with the default options on 2 threads. Prints median [min-max] wall seconds.
# Builds nothing; prints figures, never judges them.
#
#   bench/plan_run.sh
#   BENCH_REPS=1 bench/plan_run.sh
#
# Environment:
#   BUURTBEREIK_BIN   the CLI (default: build/buurtbereik under the repository root)
#   BENCH_REPS        repetitions per command (default 3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/common.sh
source "$here/common.sh"
root="$(dirname "$here")"
bin="${BUURTBEREIK_BIN:-$root/build/buurtbereik}"
reps="${BENCH_REPS:-3}"
[[ -x "$bin" ]] || {
    echo "plan_run.sh: error: no executable $bin (build first, or set BUURTBEREIK_BIN)" >&2
    exit 1
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

measure() {
    local label="$1"
    shift
    : >"$tmp/$label"
    for ((i = 0; i < reps; i++)); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" -o "$tmp/$label.h5" --force --quiet --threads 2
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$tmp/$label"
    done
    read -r med lo hi < <(stats <"$tmp/$label")
    printf '%-58s %7.1f s [%.1f-%.1f]\n' "$label" "$med" "$lo" "$hi"
}

echo "Plans, $reps repetitions each, 2 threads on $(nproc) cores; median [min-max] wall time:"
measure "plan hours, default buurt (target feasible)" \
    "$bin" plan hours "$root/scenarios/waterlandpleinbuurt.yaml" \
    --target "zorgmissers_helped>=0.1 within 52 weeks"
measure "plan hours, default buurt (target not reachable)" \
    "$bin" plan hours "$root/scenarios/waterlandpleinbuurt.yaml" \
    --target "zorgmissers_helped>=0.7 within 52 weeks"
measure "plan allocate, 10 FTE over 7 buurten" \
    "$bin" plan allocate "$here/noord-7.yaml" --total-fte 10 --objective households_helped

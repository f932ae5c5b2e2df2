#!/usr/bin/env bash
# Whole-run benchmark: runs the CLI (`buurtbereik run --quiet`) on the default scenario and on the
# 100,000-household benchmark city, BENCH_REPS times each, and prints household-days per second and
# peak memory per household. Builds nothing; prints figures, never judges them (no timed checks).
#
#   bench/whole_run.sh                      # uses build/buurtbereik, 5 repetitions
#   BUURTBEREIK_BIN=build-bench/buurtbereik BENCH_REPS=3 bench/whole_run.sh
#
# Environment:
#   BUURTBEREIK_BIN        the CLI binary (default: build/buurtbereik under the repository root)
#   BUURTBEREIK_BENCH_BIN  the Google Benchmark binary for the simulation-only rate (default:
#                          bench/buurtbereik_bench beside the CLI; skipped if absent)
#   BENCH_REPS             repetitions per scenario (default 5)
#   BENCH_SIM_ONLY         set to 0 to skip the simulation-only rate
#
# A run's wall time covers everything the CLI does: loading the scenario, generating the
# population, calibrating (on a fixed 20,000-household population), simulating and writing the
# HDF5 file. A tiny run (bench/tiny-100.yaml, 100 households) measures the fixed overhead; figures
# are given both with it and with it subtracted. Peak memory is the peak RSS from GNU time (%M).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/common.sh
source "$here/common.sh"
root="$(dirname "$here")"
bin="${BUURTBEREIK_BIN:-$root/build/buurtbereik}"
reps="${BENCH_REPS:-5}"
bench_bin="${BUURTBEREIK_BENCH_BIN:-$(dirname "$bin")/bench/buurtbereik_bench}"
sim_only="${BENCH_SIM_ONLY:-1}"

die() {
    echo "whole_run.sh: error: $*" >&2
    exit 1
}

[[ -x "$bin" ]] || die "no executable CLI at '$bin'; build it first or set BUURTBEREIK_BIN"
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive whole number, not '$reps'"
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    die "GNU time (/usr/bin/time -f) is needed for peak memory; install it: sudo apt-get install time"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

default_sc="$root/scenarios/waterlandpleinbuurt.yaml"
city_sc="$here/city-100k.yaml"
tiny_sc="$here/tiny-100.yaml"

# Households and horizon of a scenario, from `buurtbereik validate` (nothing is hard-coded here).
households_of() { "$bin" validate "$1" | sed -n 's/.*valid (\([0-9]*\) households.*/\1/p'; }
days_of() { "$bin" validate "$1" | sed -n 's/.*, \([0-9]*\) days).*/\1/p'; }


# Runs one scenario `reps` times; appends "<wall s> <CPU s, user+sys> <peak RSS KiB>" per run to
# $tmp/<label>.runs. Extra arguments go to `buurtbereik run`.
measure() {
    local label="$1" scenario="$2"
    shift 2
    : >"$tmp/$label.runs"
    local r t0 t1
    for ((r = 1; r <= reps; r++)); do
        t0=$(date +%s%N)
        if ! /usr/bin/time -f '%U %S %M' -o "$tmp/time" \
            "$bin" run "$scenario" -o "$tmp/out.h5" --quiet "$@" 2>"$tmp/stderr"; then
            cat "$tmp/stderr" >&2
            die "'$bin run $scenario $*' failed (repetition $r)"
        fi
        t1=$(date +%s%N)
        echo "$(((t1 - t0) / 1000)) $(tail -n 1 "$tmp/time")" |
            awk '{ printf "%.6f %.2f %d\n", $1 / 1e6, $2 + $3, $4 }' >>"$tmp/$label.runs"
        rm -f "$tmp/out.h5"
    done
}

# "median [min-max]" in millions of `work` / (column `col` - `minus`) over the runs in `file`.
rate() {
    local file="$1" work="$2" col="$3" minus="$4" s
    if s=$(awk -v w="$work" -v c="$col" -v t="$minus" '$c > t { print w / ($c - t) }' "$file" |
        stats); then
        echo "$s" | awk '{ printf "%.2fM [%.2f-%.2fM]", $1 / 1e6, $2 / 1e6, $3 / 1e6 }'
    else
        echo "- (no run took longer than the tiny run)"
    fi
}

echo "Buurtbereik whole-run benchmark"
echo "  binary:      $bin ($("$bin" --version 2>/dev/null || echo 'version unknown'))"
echo "  host:        $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "  repetitions: $reps per scenario; figures are median [min-max] over them"
echo

tiny_hh="$(households_of "$tiny_sc")"
measure tiny "$tiny_sc"
read -r tiny_wall _ < <(cut -d' ' -f1 "$tmp/tiny.runs" | stats)
read -r tiny_cpu _ < <(cut -d' ' -f2 "$tmp/tiny.runs" | stats)
read -r tiny_rss _ < <(cut -d' ' -f3 "$tmp/tiny.runs" | stats)
awk -v hh="$tiny_hh" -v w="$tiny_wall" -v c="$tiny_cpu" -v m="$tiny_rss" 'BEGIN {
    printf "Fixed overhead, tiny run (%d households; medians): wall %.3f s, CPU %.2f s, peak RSS %.1f MiB\n",
        hh, w, c, m / 1024 }'

report() {
    local label="$1" scenario="$2"
    shift 2
    local hh days
    hh="$(households_of "$scenario")"
    days="$(days_of "$scenario")"
    [[ -n "$hh" && -n "$days" ]] || die "cannot read households and days of $scenario"
    measure "$label" "$scenario" "$@"
    local work=$((hh * days)) runs="$tmp/$label.runs"
    echo
    echo "$label${*:+ ($*)}: $hh households x $days days"
    echo "  household-days/s, wall:                   $(rate "$runs" "$work" 1 0)"
    echo "  household-days/s, wall above fixed:       $(rate "$runs" "$work" 1 "$tiny_wall")"
    echo "  household-days/s, CPU:                    $(rate "$runs" "$work" 2 0)"
    echo "  household-days/s, CPU above fixed:        $(rate "$runs" "$work" 2 "$tiny_cpu")"
    cut -d' ' -f3 "$runs" | stats | awk -v hh="$hh" -v tiny="$tiny_rss" -v tiny_hh="$tiny_hh" '{
        printf "  peak RSS:                                 %.1f MiB [%.1f-%.1f]\n", $1 / 1024, $2 / 1024, $3 / 1024
        printf "  bytes/household, total:                  %.0f [%.0f-%.0f]\n", $1 * 1024 / hh, $2 * 1024 / hh, $3 * 1024 / hh
        printf "  bytes/household, above tiny run:         %.0f\n", ($1 - tiny) * 1024 / (hh - tiny_hh) }'
}
report waterlandpleinbuurt "$default_sc"
report city-100k "$city_sc"
report city-100k "$city_sc" --no-events

cat <<'TEXT'

How to read: "wall" is the whole CLI run (scenario load, population, calibration, simulation, HDF5
write) on the clock; "CPU" is user+sys time of the same runs, less disturbed by other load on a
shared machine (the engine is single-threaded, so it is per core). "above fixed" subtracts the tiny
run's median (start-up and the fixed 20,000-household calibration), leaving the part that grows
with households x days. Bytes/household "total" is peak RSS / households, fixed overhead included;
"above tiny run" is (peak RSS - tiny run's) / (households - tiny run's): what grows with the
population. Design targets: >= 20M household-days/s per core for a whole run; < 500 B/household.
TEXT

# Simulation only: the Google Benchmark of a year of Simulation::step (CPU time, no set-up, no I/O).
if [[ "$sim_only" != 0 ]]; then
    echo
    if [[ -x "$bench_bin" ]] && command -v python3 >/dev/null; then
        echo "Simulation only (a year of Simulation::step, no set-up or I/O, household-days per CPU"
        echo "second; $bench_bin):"
        "$bench_bin" --benchmark_filter='^year/(waterlandpleinbuurt|city_100k)$' \
            --benchmark_repetitions="$reps" --benchmark_format=json >"$tmp/bench.json" \
            2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; die "$bench_bin failed"; }
        python3 - "$tmp/bench.json" <<'PY'
import json, statistics, sys
runs = {}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") == "iteration":
        runs.setdefault(b["run_name"], []).append(b["items_per_second"])
for name, v in runs.items():
    print(f"  {name:<40} {statistics.median(v) / 1e6:.2f}M [{min(v) / 1e6:.2f}-{max(v) / 1e6:.2f}M]"
          f" over {len(v)} repetitions")
PY
    else
        echo "Simulation only: skipped (no $bench_bin or no python3). Run it with"
        echo "  <build>/bench/buurtbereik_bench --benchmark_filter=year --benchmark_repetitions=5"
    fi
fi

#!/usr/bin/env bash
# Whole-study benchmark: `buurtbereik run --replications N` on the default scenario (one year),
# on 1 and 2 threads and, when the binary has MPI support and mpirun exists, on 2 MPI ranks;
# BENCH_REPS times each. Prints median [min-max] wall seconds and replications per second, the
# scaling efficiency of 2 threads (rate on 2 / (2 x rate on 1)) and the MPI path's wall time
# relative to 2 threads. Builds nothing; prints figures, never judges them.
#
#   bench/study_run.sh                          # 1000 replications, 3 repetitions
#   BENCH_REPLICATIONS=200 BENCH_REPS=5 bench/study_run.sh
#
# Environment:
#   BUURTBEREIK_BIN      the CLI (default: build/buurtbereik under the repository root)
#   BENCH_REPLICATIONS   replications per study (default 1000)
#   BENCH_REPS           repetitions per configuration (default 3)
#   BENCH_MPI            set to 0 to skip the MPI configuration
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/common.sh
source "$here/common.sh"
root="$(dirname "$here")"
bin="${BUURTBEREIK_BIN:-$root/build/buurtbereik}"
n="${BENCH_REPLICATIONS:-1000}"
reps="${BENCH_REPS:-3}"
mpi="${BENCH_MPI:-1}"
scenario="$root/scenarios/waterlandpleinbuurt.yaml"

die() {
    echo "study_run.sh: error: $*" >&2
    exit 1
}
[[ -x "$bin" ]] || die "no executable CLI at '$bin'; build it first or set BUURTBEREIK_BIN"
[[ "$n" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPLICATIONS must be a positive whole number, not '$n'"
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive whole number, not '$reps'"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

calc() { awk "BEGIN { print $* }"; }


# Runs a configuration `reps` times; the command is "$@" with -o appended. Writes wall seconds,
# one per line, to $tmp/<label>.
measure() {
    local label="$1"
    shift
    : >"$tmp/$label"
    for ((i = 0; i < reps; i++)); do
        local t0 t1
        t0=$(date +%s.%N)
        "$@" -o "$tmp/$label.h5" --force --quiet
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$tmp/$label"
    done
}

report() {
    local label="$1" what="$2"
    read -r med lo hi < <(stats <"$tmp/$label")
    printf '%-34s %8.1f s [%.1f-%.1f]   %7.1f replications/s [%.1f-%.1f]\n' "$what" "$med" "$lo" \
        "$hi" "$(calc "$n / $med")" "$(calc "$n / $hi")" "$(calc "$n / $lo")"
}

echo "Study of $n replications of $(basename "$scenario") (one year each), $reps repetitions;"
echo "median [min-max] wall time, $(nproc) cores:"
measure t1 "$bin" run "$scenario" --replications "$n" --threads 1
report t1 "1 thread"
measure t2 "$bin" run "$scenario" --replications "$n" --threads 2
report t2 "2 threads"
read -r m1 _ _ < <(stats <"$tmp/t1")
read -r m2 _ _ < <(stats <"$tmp/t2")
printf 'scaling efficiency, 2 threads: %.2f (rate on 2 / (2 x rate on 1), medians)\n' \
    "$(calc "$m1 / (2 * $m2)")"

if [[ "$mpi" != 0 ]] && "$bin" --version | grep -q mpi && command -v mpirun >/dev/null; then
    measure mpi2 mpirun --allow-run-as-root --oversubscribe -n 2 "$bin" run "$scenario" \
        --replications "$n"
    report mpi2 "2 MPI ranks"
    read -r mm _ _ < <(stats <"$tmp/mpi2")
    printf 'MPI overhead against 2 threads: %+.1f%% wall time (medians)\n' \
        "$(calc "100 * ($mm / $m2 - 1)")"
else
    echo "(MPI configuration skipped: no MPI support in $bin, no mpirun, or BENCH_MPI=0)"
fi

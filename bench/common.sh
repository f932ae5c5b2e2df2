# Shell helpers shared by the benchmark scripts (sourced, not run).

# "median min max" of the numbers on stdin (one per line); fails on no input.
stats() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        print m, v[1], v[NR] }'
}

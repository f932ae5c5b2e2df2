#!/usr/bin/env bash
# Fuzzes the scenario and study parsers with libFuzzer (tests/fuzz/README.md):
#   1. builds the fuzz targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer into
#      build-fuzz/ (a separate CMake project, tests/fuzz/CMakeLists.txt);
#   2. regression: runs every seed (tests/fuzz/corpus/<target>/) and every reproducer
#      (tests/fuzz/crashes/<target>/) once, without fuzzing;
#   3. fuzzes each target for its share of SECONDS (default 60, split evenly over the targets;
#      0 runs the regression only), starting from the seeds and the corpus grown by earlier runs
#      in build-fuzz/corpus/<target>/.
# Exit code 0 only if nothing was found: no crash, sanitizer report, uncaught exception, timeout
# (-timeout per input) or out-of-memory (-rss_limit_mb). Inputs that failed are saved in
# build-fuzz/artifacts/<target>/; libFuzzer's output is in build-fuzz/logs/.
# Needs the Debian packages clang and libclang-rt-14-dev (scripts/deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: bash scripts/fuzz.sh [SECONDS]   (total fuzzing time, default 60; 0: regression only)" >&2
  exit 2
fi
for tool in clang clang++ cmake; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool not found (bash scripts/deps.sh)" >&2; exit 2; }
done

build=build-fuzz
targets=(scenario study)
limits=(-timeout=10 -rss_limit_mb=2048)
start=$(date +%s)

mkdir -p "$build"
if ! { cmake -S tests/fuzz -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
         -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"; } >"$build/build.log" 2>&1
then
  tail -40 "$build/build.log"
  echo "fuzz: build failed (log: $build/build.log)" >&2
  exit 1
fi
echo "fuzz: built in $(( $(date +%s) - start )) s"

# Findings must abort loudly; leaks count too. Temporary study files go under build-fuzz/tmp.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export BB_FUZZ_TMP="$PWD/$build/tmp"
rm -rf "$BB_FUZZ_TMP" "$build/logs" && mkdir -p "$BB_FUZZ_TMP" "$build/logs"

failed=()
# Shows what went wrong: the finding and its stack, from a libFuzzer log.
show_failure() {
  { grep -aE -m1 -A30 'FINDING|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$1" ||
      tail -30 "$1"
    grep -aE '^SUMMARY|Test unit written' "$1"
  } | awk '!seen[$0]++' | cut -c1-400 || true
}

# 1. Regression: every seed and reproducer, one process per file, so that all failures are listed.
for t in "${targets[@]}"; do
  files=()
  for dir in "tests/fuzz/corpus/$t" "tests/fuzz/crashes/$t"; do
    if [ -d "$dir" ]; then
      while IFS= read -r -d '' f; do files+=("$f"); done \
        < <(find "$dir" -type f ! -name '*.md' -print0 | sort -z)
    fi
  done
  echo "fuzz: regression: $build/fuzz_$t ${limits[*]} FILE, for each of the ${#files[@]} files" \
    "in tests/fuzz/corpus/$t/ and tests/fuzz/crashes/$t/"
  bad=0
  for f in "${files[@]}"; do
    log="$build/logs/regression-$t-$(basename "$f").log"
    if ! "./$build/fuzz_$t" "${limits[@]}" "$f" </dev/null >"$log" 2>&1; then
      echo "fuzz: FAILED  $build/fuzz_$t ${limits[*]} $f"
      show_failure "$log"
      failed+=("$f")
      bad=$((bad + 1))
    else
      rm -f "$log"
    fi
  done
  echo "fuzz: regression fuzz_$t: ${#files[@]} inputs, $bad failed"
done

# 2. Fuzzing: each target for an equal share of the time.
if [ "$seconds" -gt 0 ]; then
  share=$(( (seconds + ${#targets[@]} - 1) / ${#targets[@]} ))
  for t in "${targets[@]}"; do
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
    log="$build/logs/fuzz-$t.log"
    cmd=("./$build/fuzz_$t" -dict=tests/fuzz/yaml.dict -max_total_time="$share" -max_len=65536
         "${limits[@]}" -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/"
         "$build/corpus/$t" "tests/fuzz/corpus/$t")
    echo "fuzz: ${cmd[*]} </dev/null"
    if "${cmd[@]}" </dev/null >"$log" 2>&1; then
      { grep -aE '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" | tail -2
        grep -aE '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
      } | sed 's/^/fuzz:   /' || true
    else
      echo "fuzz: FINDING in fuzz_$t (full log: $log)"
      show_failure "$log"
      failed+=("fuzz_$t: $(ls -t "$build/artifacts/$t" 2>/dev/null | head -1)")
    fi
  done
fi
rm -rf "$BB_FUZZ_TMP"

if ((${#failed[@]} > 0)); then
  echo "fuzz: ${#failed[@]} failure(s) after $(( $(date +%s) - start )) s:"
  printf 'fuzz:   %s\n' "${failed[@]}"
  echo "fuzz: reproduce with $build/fuzz_<target> <input>; tests/fuzz/README.md says what to do"
  exit 1
fi
echo "fuzz: no findings in $(( $(date +%s) - start )) s"

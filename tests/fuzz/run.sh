#!/bin/sh
# Builds the libFuzzer target for zeeklog's reader/parser core and runs it.
#   sh tests/fuzz/run.sh [SECONDS]         (from anywhere; default 600)
# Env: FUZZ_JOBS (parallel workers, default 1), FUZZ_MAX_LEN (default 16384),
#      FUZZ_BUILD (default build-fuzz), CLANG (default clang), FUZZ_ARGS (extra
#      libFuzzer flags), FUZZ_KEEP_GOING=1 (fork mode: record every crash in
#      the artifacts directory and go on, instead of stopping at the first).
# The seeds (tests/fuzz/corpus) and the crashers found so far
# (tests/fuzz/regressions) are read, never written; what the run learns goes
# to FUZZ_BUILD/corpus and is kept for the next run. A crash, leak, UB report,
# timeout or broken invariant stops the run with a non-zero exit and leaves the
# input in FUZZ_BUILD/artifacts/: replay it with FUZZ_BUILD/fuzz_scan FILE, fix
# it, then add it to tests/fuzz/regressions/ (tests/scripts/test_fuzz_regressions.sh
# replays every file there).
set -eu
SECONDS_TO_RUN=${1:-600}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
B=${FUZZ_BUILD:-build-fuzz}
CLANG=${CLANG:-clang}
JOBS=${FUZZ_JOBS:-1}
MAX_LEN=${FUZZ_MAX_LEN:-16384}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-O1 -g -fno-omit-frame-pointer -std=c11 -D_GNU_SOURCE -pthread -Iext"

mkdir -p "$B/obj" "$B/corpus" "$B/artifacts"
# The core (`make core-sources`: every ext/ source but the SQLite layer),
# instrumented for coverage; an archive, so only what the target uses links.
objs=""
for src in $(make -s --no-print-directory core-sources); do
  obj="$B/obj/$(echo "${src#ext/}" | tr / _ | sed 's/\.c$//').o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find ext -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
    $CLANG $CFLAGS -fsanitize=fuzzer-no-link $SAN -c "$src" -o "$obj"
  fi
  objs="$objs $obj"
done
rm -f "$B/libzlcore.a"
ar rcs "$B/libzlcore.a" $objs
# The libraries the extension links (the Makefile's ZL_LIBS), so that a new one is picked up.
LIBS=$(sed -n 's/^ZL_LIBS *= *//p' Makefile)
[ -n "$LIBS" ] || LIBS="-pthread -lpcre2-8 -lisal -lm"
# shellcheck disable=SC2086
$CLANG $CFLAGS -fsanitize=fuzzer $SAN -o "$B/fuzz_scan" tests/fuzz/fuzz_scan.c \
  "$B/libzlcore.a" $LIBS
echo "fuzz: built $B/fuzz_scan; running ${SECONDS_TO_RUN}s with $JOBS job(s)"

ls "$B/artifacts" > "$B/artifacts.before"
# The target writes each input to a file here (memory-backed when /dev/shm is there).
if [ -d /dev/shm ]; then ZL_FUZZ_DIR=$(mktemp -d /dev/shm/zl-fuzz-XXXXXX); else ZL_FUZZ_DIR=$(mktemp -d); fi
export ZL_FUZZ_DIR
trap 'rm -rf "$ZL_FUZZ_DIR"' EXIT
trap 'exit 1' INT TERM
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"; export UBSAN_OPTIONS
set +e
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
  PAR="-fork=$JOBS -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
elif [ "$JOBS" -gt 1 ]; then PAR="-jobs=$JOBS -workers=$JOBS"; else PAR=""; fi
# shellcheck disable=SC2086
"$B/fuzz_scan" $PAR -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
  -max_len="$MAX_LEN" -dict=tests/fuzz/zeek.dict -print_final_stats=1 \
  -artifact_prefix="$B/artifacts/" ${FUZZ_ARGS:-} \
  "$B/corpus" tests/fuzz/corpus tests/fuzz/regressions 2>&1 | tee "$B/last-run.log" |
  grep -v -e '^#[0-9]*.*\(NEW\|REDUCE\)' -e '^#[0-9]*.*pulse' -e '^"' -e '^######'
rc=$(grep -c -e '^==[0-9]*==ERROR' -e 'invariant failed' -e '^SUMMARY: ' -e 'Test unit written' \
       -e 'crash-\|leak-\|timeout-\|oom-' "$B/last-run.log")
set -e
grep -e '^stat::number_of_executed_units' -e '^Done [0-9]* runs' "$B/last-run.log" | tail -2 || true
grep -E '^#[0-9]+: cov' "$B/last-run.log" | tail -1 || true        # fork mode's totals
# shellcheck disable=SC2010  # artifact names are libFuzzer hashes
new=$(ls "$B/artifacts" | grep -v -x -F -f "$B/artifacts.before" || true)
if [ "$rc" != 0 ] || [ -n "$new" ]; then
  echo "fuzz: FAILED; new inputs in $B/artifacts/: $(echo $new) (see $B/last-run.log)" >&2
  exit 1
fi
echo "fuzz: no crash in ${SECONDS_TO_RUN}s"

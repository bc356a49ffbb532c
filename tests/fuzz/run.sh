#!/bin/sh
# Builds zeeklog's libFuzzer targets and runs each one for SECONDS.
#   sh tests/fuzz/run.sh [SECONDS]         (from anywhere; default 600)
# Targets: fuzz_scan (tests/fuzz/fuzz_scan.c: the reader/parser core, no SQLite), fuzz_funcs
# (tests/fuzz/fuzz_funcs.c: the SQL functions through libsqlite3 and the whole extension) and
# fuzz_json_line (tests/fuzz/fuzz_json_line.c: the JSON line scanner's walks against each other
# and against cJSON). Env: FUZZ_TARGETS (default "scan funcs json"), FUZZ_JOBS (parallel
# workers, default 1), FUZZ_MAX_LEN (default 16384 for fuzz_scan, 4096 for the others), FUZZ_BUILD (default
# build-fuzz), CLANG (default clang), FUZZ_ARGS (extra libFuzzer flags), FUZZ_KEEP_GOING=1
# (fork mode: record every crash in the artifacts directory and go on, instead of stopping at
# the first).
# The seeds (tests/fuzz/corpus, tests/fuzz/funcs/corpus) and the crashers found so far
# (tests/fuzz/regressions, tests/fuzz/funcs/regressions) are read, never written; what a run
# learns goes to FUZZ_BUILD/corpus (and corpus-funcs) and is kept for the next run. A crash,
# leak, UB report, timeout or broken invariant stops the run with a non-zero exit and leaves
# the input in FUZZ_BUILD/artifacts/: replay it with FUZZ_BUILD/fuzz_scan FILE (or fuzz_funcs),
# fix it, then add it to the target's regressions/ (tests/scripts/test_fuzz_regressions.sh and
# tests/scripts/test_fuzz_funcs.sh replay every file there).
set -eu
SECONDS_TO_RUN=${1:-600}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
B=${FUZZ_BUILD:-build-fuzz}
CLANG=${CLANG:-clang}
JOBS=${FUZZ_JOBS:-1}
TARGETS=${FUZZ_TARGETS:-scan funcs json}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-O1 -g -fno-omit-frame-pointer -std=c11 -D_GNU_SOURCE -pthread -Iext"

mkdir -p "$B/obj" "$B/corpus" "$B/corpus-funcs" "$B/corpus-json" "$B/artifacts"
# compile_all OUT.a SOURCES...: each source instrumented for coverage, into an archive (so
# only what a target uses links).
compile_all() {
  archive=$1; shift
  objs=""
  for src in "$@"; do
    obj="$B/obj/$(echo "${src#ext/}" | tr / _ | sed 's/\.c$//').o"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] ||
       [ -n "$(find ext -name '*.h' -newer "$obj" 2>/dev/null | head -1)" ]; then
      $CLANG $CFLAGS -fsanitize=fuzzer-no-link $SAN -c "$src" -o "$obj"
    fi
    objs="$objs $obj"
  done
  rm -f "$archive"
  # shellcheck disable=SC2086
  ar rcs "$archive" $objs
}
# The core (`make core-sources`: every ext/ source but the SQLite layer) ...
CORE=$(make -s --no-print-directory core-sources)
# shellcheck disable=SC2086
compile_all "$B/libzlcore.a" $CORE
# The libraries the extension links (the Makefile's ZL_LIBS), so that a new one is picked up.
LIBS=$(sed -n 's/^ZL_LIBS *= *//p' Makefile)
[ -n "$LIBS" ] || LIBS="-pthread -lpcre2-8 -lisal -lm"
case " $TARGETS " in *" scan "*)
  # shellcheck disable=SC2086
  $CLANG $CFLAGS -fsanitize=fuzzer $SAN -o "$B/fuzz_scan" tests/fuzz/fuzz_scan.c \
    "$B/libzlcore.a" $LIBS ;;
esac
case " $TARGETS " in *" funcs "*)
  # ... and the SQLite layer, for the functions' target (linked with libsqlite3).
  SQL_SRC=$(find ext -name '*.c' | sort | grep -v -x -F "$(echo "$CORE" | tr ' ' '\n')")
  # shellcheck disable=SC2086
  compile_all "$B/libzlsql.a" $SQL_SRC
  # shellcheck disable=SC2086
  $CLANG $CFLAGS -fsanitize=fuzzer $SAN -o "$B/fuzz_funcs" tests/fuzz/fuzz_funcs.c \
    "$B/libzlsql.a" "$B/libzlcore.a" -lsqlite3 $LIBS ;;
esac

case " $TARGETS " in *" json "*)
  # shellcheck disable=SC2086
  $CLANG $CFLAGS -fsanitize=fuzzer $SAN -o "$B/fuzz_json_line" tests/fuzz/fuzz_json_line.c \
    "$B/libzlcore.a" -lcjson $LIBS ;;
esac

# The targets write inputs to files here (memory-backed when /dev/shm is there).
if [ -d /dev/shm ]; then ZL_FUZZ_DIR=$(mktemp -d /dev/shm/zl-fuzz-XXXXXX); else ZL_FUZZ_DIR=$(mktemp -d); fi
export ZL_FUZZ_DIR
trap 'rm -rf "$ZL_FUZZ_DIR"' EXIT
trap 'exit 1' INT TERM
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"; export UBSAN_OPTIONS
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
  PAR="-fork=$JOBS -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
elif [ "$JOBS" -gt 1 ]; then PAR="-jobs=$JOBS -workers=$JOBS"; else PAR=""; fi

# fuzz NAME MAX_LEN DICT CORPUS SEEDS REGRESSIONS: runs one target for SECONDS_TO_RUN.
fuzz() {
  name=$1; max_len=${FUZZ_MAX_LEN:-$2}; dict=$3; corpus=$4; seeds=$5; regressions=$6
  echo "fuzz: built $B/$name; running ${SECONDS_TO_RUN}s with $JOBS job(s)"
  ls "$B/artifacts" > "$B/artifacts.before"
  set +e
  # shellcheck disable=SC2086
  "$B/$name" $PAR -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" -dict="$dict" -print_final_stats=1 \
    -artifact_prefix="$B/artifacts/" ${FUZZ_ARGS:-} \
    "$corpus" "$seeds" "$regressions" 2>&1 | tee "$B/last-run-$name.log" |
    grep -v -e '^#[0-9]*.*\(NEW\|REDUCE\)' -e '^#[0-9]*.*pulse' -e '^"' -e '^######'
  rc=$(grep -c -e '^==[0-9]*==ERROR' -e 'invariant failed' -e 'check failed' -e '^SUMMARY: ' \
         -e 'Test unit written' -e 'crash-\|leak-\|timeout-\|oom-' "$B/last-run-$name.log")
  set -e
  grep -e '^stat::number_of_executed_units' -e '^Done [0-9]* runs' "$B/last-run-$name.log" | tail -2 || true
  grep -E '^#[0-9]+: cov' "$B/last-run-$name.log" | tail -1 || true        # fork mode's totals
  # shellcheck disable=SC2010  # artifact names are libFuzzer hashes
  new=$(ls "$B/artifacts" | grep -v -x -F -f "$B/artifacts.before" || true)
  if [ "$rc" != 0 ] || [ -n "$new" ]; then
    echo "fuzz: $name FAILED; new inputs in $B/artifacts/: $(echo $new) (see $B/last-run-$name.log)" >&2
    exit 1
  fi
  echo "fuzz: $name: no crash in ${SECONDS_TO_RUN}s"
}
case " $TARGETS " in *" scan "*)
  fuzz fuzz_scan 16384 tests/fuzz/zeek.dict "$B/corpus" tests/fuzz/corpus tests/fuzz/regressions ;;
esac
case " $TARGETS " in *" funcs "*)
  fuzz fuzz_funcs 4096 tests/fuzz/funcs/funcs.dict "$B/corpus-funcs" tests/fuzz/funcs/corpus \
    tests/fuzz/funcs/regressions ;;
esac
case " $TARGETS " in *" json "*)
  # seeded with the scan's corpus (its JSON logs' lines are inputs too)
  fuzz fuzz_json_line 4096 tests/fuzz/json.dict "$B/corpus-json" tests/fuzz/corpus tests/fuzz/regressions ;;
esac

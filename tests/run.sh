#!/bin/sh
# Runs zeeklog's tests and prints one closing line "N passed, N failed".
#   sh tests/run.sh BUILD [unit|sql|scripts]
# unit:    every BUILD/unit/LAYER/test_* (Check suites, from tests/unit/LAYER/test_*.c,
#          one per core of ext/LAYER/)
# sql:     every tests/sql/GROUP/NAME.sql (table: the zeek table; func: the
#          functions), run by the sqlite3 shell from tests/ with the extension
#          loaded; stdout+stderr must equal tests/sql/GROUP/NAME.expected
# scripts: every tests/scripts/test_*.sh, run from the repository's top;
#          exit status 0 passes
BUILD=${1:-build}
ONLY=${2:-all}
TOP=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
export ZEEKLOG_BUILD="$BUILD" ZEEKLOG_EXT="$BUILD/zeeklog"
pass=0; fail=0; failed=""
ok()  { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL $1"; }

if [ "$ONLY" = all ] || [ "$ONLY" = unit ]; then
  for t in $(find "$BUILD/unit" -type f -name 'test_*' ! -name '*.log' 2>/dev/null | sort); do
    [ -x "$t" ] || continue
    name=${t#"$BUILD"/}
    if (cd "$TOP/tests" && "$t" > "$t.log" 2>&1); then ok "$name"
    else cat "$t.log"; bad "$name"; fi
  done
fi
if [ "$ONLY" = all ] || [ "$ONLY" = sql ]; then
  for t in "$TOP"/tests/sql/*/*.sql; do
    [ -f "$t" ] || continue
    name=${t#"$TOP"/tests/}; name=${name%.sql}; out="$BUILD/$name.out"
    mkdir -p "$(dirname "$out")"
    (cd "$TOP/tests" && { echo ".load $ZEEKLOG_EXT"; cat "$t"; } |
       sqlite3 -batch :memory: > "$out" 2>&1)
    if diff -u "$TOP/tests/$name.expected" "$out" > "$BUILD/$name.diff"; then ok "$name"
    else cat "$BUILD/$name.diff"; bad "$name"; fi
  done
fi
if [ "$ONLY" = all ] || [ "$ONLY" = scripts ]; then
  for t in "$TOP"/tests/scripts/test_*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    if (cd "$TOP" && sh "$t" > "$BUILD/$name.log" 2>&1); then ok "scripts/$name"
    else cat "$BUILD/$name.log"; bad "scripts/$name"; fi
  done
fi
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/sh
# Runs zeeklog's tests and prints one closing line "N passed, N failed".
#   sh tests/run.sh BUILD [unit|sql|scripts]
# unit:    every build/unit/test_* (Check suites, from tests/unit/test_*.c)
# sql:     every tests/sql/NAME.sql, run by the sqlite3 shell from tests/ with
#          the extension loaded; stdout+stderr must equal tests/sql/NAME.expected
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
  for t in "$BUILD"/unit/test_*; do
    [ -x "$t" ] || continue
    if (cd "$TOP/tests" && "$t" > "$BUILD/unit/$(basename "$t").log" 2>&1); then ok "unit/$(basename "$t")"
    else cat "$BUILD/unit/$(basename "$t").log"; bad "unit/$(basename "$t")"; fi
  done
fi
if [ "$ONLY" = all ] || [ "$ONLY" = sql ]; then
  mkdir -p "$BUILD/sql"
  for t in "$TOP"/tests/sql/*.sql; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sql); out="$BUILD/sql/$name.out"
    (cd "$TOP/tests" && { echo ".load $ZEEKLOG_EXT"; cat "$t"; } |
       sqlite3 -batch :memory: > "$out" 2>&1)
    if diff -u "$TOP/tests/sql/$name.expected" "$out" > "$BUILD/sql/$name.diff"; then ok "sql/$name"
    else cat "$BUILD/sql/$name.diff"; bad "sql/$name"; fi
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

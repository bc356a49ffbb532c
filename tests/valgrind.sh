#!/bin/sh
# The SQL tests, and the damaged-file / threaded paths, under valgrind (what `make valgrind`
# runs): no invalid access, no use of uninitialised memory, no leak of any kind.
#   sh tests/valgrind.sh [BUILD]             (from anywhere; BUILD defaults to build)
# 1. Every tests/sql/GROUP/NAME.sql through `valgrind sqlite3` with BUILD/zeeklog loaded: the output
#    must still equal tests/sql/GROUP/NAME.expected, and memcheck must report 0 errors and 0 bytes
#    definitely, indirectly or possibly lost (the sqlite3 shell frees everything it allocates,
#    so any block left is the extension's).
# 2. Extra scripts over files made under mktemp -d: a gzip and a zstd file read whole and abandoned
#    after one row (the inflating thread stopped mid-file), truncated and corrupt gzip and
#    truncated zstd (errors), a
#    line over max_line, a glob, strict=1 errors, a missing file, a 100k-field header.
# 3. The threaded paths once more under helgrind (the inflating thread and its ring; the
#    parsing workers, also when a query stops after one row): no data race, no lock misuse.
#    VALGRIND_HELGRIND=0 skips it.
# PCRE2's JIT code reads in 16-byte steps past a subject's end (within its page): memcheck
# reports every such read, so ZEEKLOG_NO_JIT=1 (ext/func/regexp/regex.c) runs regexps interpreted here.
# A failing script leaves its valgrind log in BUILD/valgrind/.
set -u
ZEEKLOG_NO_JIT=1; export ZEEKLOG_NO_JIT
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
EXT="$BUILD/zeeklog"
SQLITE=${SQLITE3:-sqlite3}
command -v valgrind >/dev/null 2>&1 || { echo "valgrind: not installed (apt-get install valgrind)"; exit 2; }
[ -f "$EXT.so" ] || { echo "valgrind: $EXT.so not built (make)"; exit 2; }
OUT="$BUILD/valgrind"
rm -rf "$OUT"; mkdir -p "$OUT"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
pass=0; fail=0; failed=""
VG="valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=all
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes --num-callers=30"

# vg NAME DIR EXPECTED: runs the script in $OUT/NAME.sql in DIR under memcheck. EXPECTED (a
# file, or "-") is compared with the output, but a difference is only noted: valgrind runs
# x87 long double arithmetic, which SQLite uses to print REALs, in 64 bits, so a REAL can
# print differently in its last digit (1342775668.07248 for ...07247). Correct results are
# tests/run.sh's business; this run judges memory.
vg() {
  name=$1; dir=$2; want=$3
  (cd "$dir" && $VG --log-file="$OUT/$name.vg" "$SQLITE" -batch :memory: < "$OUT/$name.sql" > "$OUT/$name.out" 2>&1)
  rc=$?
  why=""
  [ "$rc" = 99 ] && why="memcheck errors"
  grep -q 'ERROR SUMMARY: 0 errors' "$OUT/$name.vg" || why="memcheck errors"
  grep -q -e 'All heap blocks were freed' -e 'in use at exit: 0 bytes' "$OUT/$name.vg" || why="${why:+$why, }blocks left at exit"
  note=""
  if [ "$want" != - ] && ! diff -u "$want" "$OUT/$name.out" > "$OUT/$name.diff"; then
    note=" (output differs from $(basename "$want"): see $OUT/$name.diff)"
  fi
  if [ -z "$why" ]; then pass=$((pass + 1)); echo "PASS valgrind/$name$note"
  else
    fail=$((fail + 1)); failed="$failed $name"; echo "FAIL valgrind/$name: $why"
    [ -s "$OUT/$name.diff" ] && cat "$OUT/$name.diff"
    grep -A40 -e 'Invalid' -e 'uninitialised' -e 'lost in' "$OUT/$name.vg" | head -80
  fi
}

for t in "$TOP"/tests/sql/*/*.sql; do
  [ -f "$t" ] || continue
  name=$(basename "$(dirname "$t")")-$(basename "$t" .sql)
  { echo ".load $EXT"; cat "$t"; } > "$OUT/sql-$name.sql"
  vg "sql-$name" "$TOP/tests" "${t%.sql}.expected"
done

# ---- files for the extra scripts --------------------------------------------------------
LOG="$TOP/tests/data/zat/http.log"
i=0; while [ $i -lt 300 ]; do cat "$LOG"; i=$((i + 1)); done > "$T/big.log"   # ~2.8 MB
gzip -1 -c "$T/big.log" > "$T/big.log.gz"
# ~1.1 MB for helgrind, which runs some 100x slower: still more than one 1 MiB ring block
i=0; while [ $i -lt 120 ]; do cat "$LOG"; i=$((i + 1)); done | gzip -1 > "$T/hg.log.gz"
zstd -q -3 -c "$T/big.log" > "$T/big.log.zst"
# ~700 KB under one header: several chunks for the parsing workers (helgrind)
{ grep '^#' "$LOG" | grep -v '^#close'; i=0; while [ $i -lt 80 ]; do grep -v '^#' "$LOG"; i=$((i + 1)); done; } > "$T/mid.log"
gzip -c "$LOG" > "$T/small.log.gz"
size=$(wc -c < "$T/small.log.gz")
head -c $((size / 2)) "$T/small.log.gz" > "$T/cut.log.gz"
{ head -c $((size / 2)) "$T/small.log.gz"; printf 'XXXXXXXXXXXXXXXX'; tail -c +$((size / 2 + 17)) "$T/small.log.gz"; } > "$T/corrupt.log.gz"
zsize=$(wc -c < "$T/big.log.zst")
head -c $((zsize / 2)) "$T/big.log.zst" > "$T/cut.log.zst"
{ sed -n '1,8p' "$LOG"; awk 'BEGIN { s = ""; for (i = 0; i < 300000; i++) s = s "A"; print s }'; sed -n '9,$p' "$LOG"; } > "$T/longline.log"
sed -e 's/\t200\t/\tTWO\t/' "$LOG" > "$T/badline.log"
mkdir "$T/g"; for k in 1 2 3 4 5 6 7 8; do cp "$LOG" "$T/g/http.$k.log"; done
awk 'BEGIN { printf "#separator \\x09\n#fields"; for (i = 0; i < 100000; i++) printf "\tf%d", i;
             printf "\n#types"; for (i = 0; i < 100000; i++) printf "\tstring"; print "" }' > "$T/wide.log"

extra() {
  cat <<EOF
.load $EXT
.nullvalue NULL
SELECT count(*), count(DISTINCT uid), sum(length(uri)) FROM zeek_http('big.log.gz');
SELECT uid FROM zeek_http('big.log.gz') LIMIT 1;
SELECT count(*) FROM zeek_http('cut.log.gz');
SELECT count(*) FROM zeek_http('corrupt.log.gz');
SELECT count(*), count(DISTINCT uid), sum(length(uri)) FROM zeek_http('big.log.zst');
SELECT uid FROM zeek_http('big.log.zst') LIMIT 1;
SELECT count(*) FROM zeek_http('cut.log.zst');
CREATE VIRTUAL TABLE temp.ll USING zeek('longline.log', max_line=65536);
SELECT count(*), zeek_skipped('ll') FROM ll;
CREATE VIRTUAL TABLE temp.st USING zeek('badline.log', strict=1);
SELECT count(*) FROM st;
CREATE VIRTUAL TABLE temp.gl USING zeek('g/http.*.log');
SELECT count(*), count(DISTINCT _file), max(_line) FROM gl;
SELECT count(*) FROM zeek_http('missing.log');
SELECT count(*) FROM zeek_http('nothing*.log');
CREATE VIRTUAL TABLE temp.w USING zeek('wide.log');
SELECT count(*) FROM zeek_http('wide.log');
CREATE VIRTUAL TABLE temp.j USING zeek('$TOP/tests/logs/json_basic.log');
SELECT * FROM j;
EOF
}
extra > "$OUT/extra.sql"
vg extra "$T" -
if grep -q 'gzip stream is truncated' "$OUT/extra.out" && grep -q 'corrupt gzip' "$OUT/extra.out" &&
   grep -q 'strict=1' "$OUT/extra.out" && grep -q 'zstd stream is truncated' "$OUT/extra.out"; then :; else
  echo "FAIL valgrind/extra: the expected errors are missing:"; cat "$OUT/extra.out"
  fail=$((fail + 1)); failed="$failed extra-output"
fi

if [ "${VALGRIND_HELGRIND:-1}" != 0 ]; then
  name=helgrind-gzip
  printf '.load %s\nSELECT count(*) FROM zeek_http(%s);\nSELECT uid FROM zeek_http(%s) LIMIT 1;\nSELECT count(*) FROM zeek_http(%s);\nSELECT uid FROM zeek_http(%s) LIMIT 1;\nCREATE VIRTUAL TABLE temp.p USING zeek(%s, threads=3);\nSELECT count(*), sum(length(uri)) FROM p;\nSELECT uid FROM p LIMIT 1;\n' \
    "$EXT" "'hg.log.gz'" "'hg.log.gz'" "'cut.log.gz'" "'big.log.zst'" "'mid.log'" |
    (cd "$T" && valgrind --tool=helgrind --error-exitcode=99 --log-file="$OUT/$name.vg" \
       "$SQLITE" -batch :memory: > "$OUT/$name.out" 2>&1)
  if [ $? != 99 ] && grep -q 'ERROR SUMMARY: 0 errors' "$OUT/$name.vg"; then
    pass=$((pass + 1)); echo "PASS valgrind/$name"
  else
    fail=$((fail + 1)); failed="$failed $name"; echo "FAIL valgrind/$name"
    grep -B2 -A30 'Possible data race\|lock order\|Thread #' "$OUT/$name.vg" | head -120
  fi
fi

[ -n "$failed" ] && echo "failed:$failed"
echo "valgrind: $pass passed, $fail failed (logs in $OUT)"
[ "$fail" = 0 ]

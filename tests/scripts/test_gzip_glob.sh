#!/bin/sh
# gzip and globs: plain vs .gz give identical rows; concatenated gzip members are one stream;
# truncated or corrupt gzip is an error naming the file (never a crash, never silent partial
# results); a glob over several files (zeekctl layout logs/DATE/http.HH:MM:SS-HH:MM:SS.log.gz)
# returns the files' rows in glob (sorted) order with _file/_line; an empty glob, a missing
# file and a directory are errors naming the path.
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_gzip_glob.sh      (from the repo top)
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
case "$EXT" in /*) ;; *) EXT="$(pwd)/$EXT" ;; esac
SQLITE=${SQLITE3:-sqlite3}
SRC="$(pwd)/tests/data/zat/http.log"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
failures=0

pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# sql DIR STATEMENT...: run the statements in DIR with the extension loaded; stdout+stderr.
# The exit status of sqlite3 is kept in $TMP/rc.
sql() {
  d=$1; shift
  { echo ".load $EXT"; echo ".nullvalue NULL"; for s in "$@"; do echo "$s"; done; } > "$TMP/in.sql"
  (cd "$d" && "$SQLITE" -batch :memory: < "$TMP/in.sql" 2>&1); echo $? > "$TMP/rc"
}
# a full dump of a table, every visible column and _line, in scan order
DUMP="SELECT *, _line FROM t;"

# same_as_plain LABEL FILE: FILE must read exactly like the plain tests/data/zat/http.log.
same_as_plain() {
  sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('$SRC');" "$DUMP" "SELECT zeek_skipped('t');" > "$TMP/plain.out"
  sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('$2');" "$DUMP" "SELECT zeek_skipped('t');" > "$TMP/other.out"
  n=$(grep -c . "$TMP/plain.out")
  if [ "$n" -ne 37 ]; then fail "$1: the plain file gave $n lines, expected 36 rows + skip count"
  elif cmp -s "$TMP/plain.out" "$TMP/other.out"; then pass "$1: identical to the plain file (36 rows)"
  else fail "$1: differs from the plain file"; diff "$TMP/plain.out" "$TMP/other.out" | head -10; fi
}

# expect_error LABEL NEEDLE DIR STATEMENT...: an error message that contains NEEDLE, no crash.
expect_error() {
  label=$1; needle=$2; shift 2
  out=$(sql "$@"); rc=$(cat "$TMP/rc")
  if [ "$rc" -ge 128 ]; then fail "$label: sqlite3 died (status $rc): $out"
  elif echo "$out" | grep -q 'error' && echo "$out" | grep -qF -- "$needle"; then
    pass "$label: $(echo "$out" | grep error | head -1)"
  else fail "$label: expected an error naming '$needle', got: $out"; fi
}

# ---- plain vs gzip -------------------------------------------------------------------------
gzip -c "$SRC" > "$TMP/http.log.gz"
same_as_plain "gzip file" "$TMP/http.log.gz"

# ---- concatenated gzip members (e.g. cat a.gz b.gz > c.gz): one stream ----------------------
head -n 20 "$SRC" | gzip -c > "$TMP/multi.log.gz"
tail -n +21 "$SRC" | head -n 10 | gzip -c >> "$TMP/multi.log.gz"
tail -n +31 "$SRC" | gzip -c >> "$TMP/multi.log.gz"
same_as_plain "3-member gzip" "$TMP/multi.log.gz"

# ---- truncated gzip: an error naming the file, not a silent partial result ------------------
size=$(wc -c < "$TMP/http.log.gz")
head -c $((size / 2)) "$TMP/http.log.gz" > "$TMP/truncated.log.gz"
expect_error "truncated gzip" "truncated.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('truncated.log.gz');" "SELECT count(*) FROM t;"
out=$(sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('truncated.log.gz');" "SELECT count(*) FROM t;")
if echo "$out" | grep -qx '[0-9]*'; then fail "truncated gzip: a row count came back: $out"; else pass "truncated gzip: no row count returned"; fi
# cut a few bytes before the end: all the data is there but the trailer (CRC, length) is not
head -c $((size - 4)) "$TMP/http.log.gz" > "$TMP/notrailer.log.gz"
expect_error "gzip without its trailer" "notrailer.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('notrailer.log.gz');" "SELECT count(*) FROM t;"

# ---- corrupt gzip ---------------------------------------------------------------------------
# bytes in the middle of the deflate data overwritten
cp "$TMP/http.log.gz" "$TMP/corrupt.log.gz"
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
  dd of="$TMP/corrupt.log.gz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect_error "corrupt deflate data" "corrupt.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('corrupt.log.gz');" "SELECT count(*) FROM t;"
# a wrong CRC in the trailer (the data itself decompresses fine)
cp "$TMP/http.log.gz" "$TMP/badcrc.log.gz"
printf '\000\000\000\000' | dd of="$TMP/badcrc.log.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
expect_error "gzip with a wrong CRC" "badcrc.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('badcrc.log.gz');" "SELECT count(*) FROM t;"
# a file that is not gzip at all but is named .gz
printf 'this is not gzip\n' > "$TMP/notgzip.log.gz"
expect_error "a .gz file that is not gzip (read as plain text: no header)" "notgzip.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('notgzip.log.gz');" "SELECT count(*) FROM t;"

# ---- glob over a zeekctl archive directory --------------------------------------------------
# Three hourly files from the 36 rows of zat/http.log (each with its own header): rows 1-10,
# 11-25, 26-36. Written out of order, so the glob's sort order is what puts them in order.
D="$TMP/logs/2012-03-16"; mkdir -p "$D"
hdr() { head -n 8 "$SRC"; }
data() { grep -v '^#' "$SRC" | sed -n "$1,$2p"; }
{ hdr; data 26 36; echo "#close	2012-03-16-15-00-00"; } | gzip -c > "$D/http.14:00:00-15:00:00.log.gz"
{ hdr; data 1 10;  echo "#close	2012-03-16-13-00-00"; } | gzip -c > "$D/http.12:00:00-13:00:00.log.gz"
{ hdr; data 11 25; echo "#close	2012-03-16-14-00-00"; } | gzip -c > "$D/http.13:00:00-14:00:00.log.gz"
# files the glob must not pick up
{ hdr; data 1 1; } > "$D/http.12:00:00-13:00:00.log"
{ hdr; data 1 1; } | gzip -c > "$D/dns.12:00:00-13:00:00.log.gz"

# expected: _file, _line and uid of every row, in glob order (computed from the source file)
{
  i=0
  grep -v '^#' "$SRC" | cut -f2 | while read -r uid; do
    i=$((i + 1))
    if [ $i -le 10 ]; then f="logs/2012-03-16/http.12:00:00-13:00:00.log.gz"; l=$((i + 8))
    elif [ $i -le 25 ]; then f="logs/2012-03-16/http.13:00:00-14:00:00.log.gz"; l=$((i - 10 + 8))
    else f="logs/2012-03-16/http.14:00:00-15:00:00.log.gz"; l=$((i - 25 + 8)); fi
    echo "$f|$l|$uid"
  done
  echo "0"
} > "$TMP/glob.expected"
sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-16/http.*.log.gz');" \
  "SELECT _file, _line, uid FROM t;" "SELECT zeek_skipped('t');" > "$TMP/glob.out"
if cmp -s "$TMP/glob.expected" "$TMP/glob.out"; then pass "glob: 36 rows from 3 gzip files in glob order, _file/_line right"
else fail "glob: rows, order or _file/_line differ"; diff "$TMP/glob.expected" "$TMP/glob.out" | head -20; fi

# the glob's rows are the same rows as the single plain file's (all columns)
sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-16/http.*.log.gz');" "SELECT * FROM t;" > "$TMP/g.out"
sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('$SRC');" "SELECT * FROM t;" > "$TMP/p.out"
if cmp -s "$TMP/g.out" "$TMP/p.out"; then pass "glob: all columns equal to the plain file's rows"
else fail "glob: column values differ from the plain file"; diff "$TMP/p.out" "$TMP/g.out" | head -10; fi

# ? and [..] work too; _file is not in SELECT *
out=$(sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-1?/http.1[23]:00:00-*.log.gz');" \
  "SELECT count(*), count(DISTINCT _file) FROM t;")
if [ "$out" = "25|2" ]; then pass "glob with ? and [..]: 25 rows from 2 files"; else fail "glob with ? and [..]: got '$out', expected '25|2'"; fi
out=$(sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-16/http.*.log.gz');" \
  "CREATE TEMP TABLE c AS SELECT * FROM t;" \
  "SELECT count(*) FROM pragma_table_info('c') WHERE name IN ('_file', '_line');")
if [ "$out" = "0" ]; then pass "_file/_line are hidden from SELECT *"; else fail "_file/_line in SELECT *: got '$out'"; fi

# a glob over both plain and gzip files of the same hour
out=$(sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-16/http.12:00:00-13:00:00.log*');" \
  "SELECT _file, count(*) FROM t GROUP BY _file ORDER BY _file;")
want="logs/2012-03-16/http.12:00:00-13:00:00.log|1
logs/2012-03-16/http.12:00:00-13:00:00.log.gz|10"
if [ "$out" = "$want" ]; then pass "glob mixing plain and gzip files"; else fail "glob mixing plain and gzip files: got '$out'"; fi

# ---- errors naming the path -----------------------------------------------------------------
expect_error "empty glob" "logs/2099-01-01/http.*.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2099-01-01/http.*.log.gz');" "SELECT count(*) FROM t;"
expect_error "glob matching nothing in an existing dir" "logs/2012-03-16/conn.*.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-16/conn.*.log.gz');" "SELECT count(*) FROM t;"
expect_error "missing file" "logs/nosuch.log" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/nosuch.log');" "SELECT count(*) FROM t;"
expect_error "missing .gz file" "logs/nosuch.log.gz" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/nosuch.log.gz');" "SELECT count(*) FROM t;"
expect_error "directory" "logs/2012-03-16" "$TMP" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/2012-03-16');" "SELECT count(*) FROM t;"
expect_error "zeek_http() on a missing file" "logs/nosuch.log" "$TMP" \
  "SELECT count(*) FROM zeek_http WHERE path = 'logs/nosuch.log';"

# an empty file: no header, no rows. A clear error (it cannot be typed) or zero rows; never a crash.
: > "$TMP/empty.log"
out=$(sql "$TMP" "CREATE VIRTUAL TABLE temp.t USING zeek('empty.log');" "SELECT count(*) FROM t;"); rc=$(cat "$TMP/rc")
if [ "$rc" -lt 128 ]; then pass "empty file: no crash ($(echo "$out" | head -1))"; else fail "empty file: sqlite3 died ($rc)"; fi

echo "$failures failed"
[ "$failures" -eq 0 ]

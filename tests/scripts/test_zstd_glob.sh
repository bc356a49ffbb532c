#!/bin/sh
# zstd archives and globs that never block, through the SQL layer:
# - a .zst file (written by the zstd command, -3 and -19, one frame or several
#   concatenated) gives exactly the rows of the plain file, _line included;
#   a .zst under another name is still recognised by its magic bytes;
# - truncated, corrupt, garbage-followed and over-window (--long=28) streams
#   are errors naming the file, with no row count returned;
# - a glob mixing plain, .gz and .zst files reads each, in glob order;
# - a glob that also matches a FIFO, a symlink to /dev/zero and a directory
#   skips them and reads the rest; naming a FIFO or /dev/zero directly is an
#   error at once; zeek_attach() still takes a glob of directories. Every
#   query runs under `timeout`: a read that blocks fails.
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_zstd_glob.sh      (from the repo top)
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
case "$EXT" in /*) ;; *) EXT="$(pwd)/$EXT" ;; esac
SQLITE=${SQLITE3:-sqlite3}
SRC="$(pwd)/tests/data/zat/http.log"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
failures=0
command -v zstd > /dev/null || { echo "FAIL: the zstd command is needed (make deps)"; exit 1; }

pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# sql STATEMENT...: runs the statements in $TMP with the extension loaded, under a
# 20 s timeout; stdout+stderr. The exit status is kept in $TMP/rc (124: timed out).
sql() {
  { echo ".load $EXT"; for s in "$@"; do echo "$s"; done; } > "$TMP/in.sql"
  (cd "$TMP" && timeout 20 "$SQLITE" -batch :memory: < "$TMP/in.sql" 2>&1); echo $? > "$TMP/rc"
}
DUMP="SELECT *, _line FROM t;"

# same_as_plain LABEL FILE: FILE reads exactly like tests/data/zat/http.log (36 rows).
sql "CREATE VIRTUAL TABLE temp.t USING zeek('$SRC');" "$DUMP" > "$TMP/plain.out"
[ "$(wc -l < "$TMP/plain.out")" -eq 36 ] || fail "the plain file gave $(wc -l < "$TMP/plain.out") rows, expected 36"
same_as_plain() {
  sql "CREATE VIRTUAL TABLE temp.t USING zeek('$2');" "$DUMP" > "$TMP/other.out"
  if cmp -s "$TMP/plain.out" "$TMP/other.out"; then pass "$1: identical to the plain file (36 rows)"
  else fail "$1: differs from the plain file"; diff "$TMP/plain.out" "$TMP/other.out" | head -5; fi
}

# expect_error LABEL NEEDLE STATEMENT...: an error containing NEEDLE, no row count, no crash.
expect_error() {
  label=$1; needle=$2; shift 2
  out=$(sql "$@"); rc=$(cat "$TMP/rc")
  if [ "$rc" = 124 ]; then fail "$label: timed out (a read blocked)"
  elif [ "$rc" -ge 128 ]; then fail "$label: sqlite3 died (status $rc): $out"
  elif echo "$out" | grep -qx '[0-9][0-9]*'; then fail "$label: a row count came back: $out"
  elif echo "$out" | grep -qF -- "$needle"; then pass "$label: $(echo "$out" | head -1)"
  else fail "$label: expected an error with '$needle', got: $out"; fi
}
count_of() { sql "CREATE VIRTUAL TABLE temp.t USING zeek('$1');" "SELECT count(*) FROM t;"; }

# ---- plain vs zstd ---------------------------------------------------------------------------
zstd -q -3 -c "$SRC" > "$TMP/http.log.zst"
same_as_plain "zstd -3" "$TMP/http.log.zst"
zstd -q -19 -c "$SRC" > "$TMP/http19.log.zst"
same_as_plain "zstd -19" "$TMP/http19.log.zst"
cat "$SRC" | zstd -q -3 --long=27 > "$TMP/long27.log.zst"       # a 128 MiB window: the bound
same_as_plain "zstd --long=27 (128 MiB window)" "$TMP/long27.log.zst"
cp "$TMP/http.log.zst" "$TMP/http-no-suffix.log"
same_as_plain "zstd named .log (by magic)" "$TMP/http-no-suffix.log"
# three frames back to back (cat a.zst b.zst c.zst), as zstd -d reads them
head -n 20 "$SRC" | zstd -q -c > "$TMP/multi.log.zst"
tail -n +21 "$SRC" | head -n 10 | zstd -q -c >> "$TMP/multi.log.zst"
tail -n +31 "$SRC" | zstd -q -c >> "$TMP/multi.log.zst"
same_as_plain "3 concatenated zstd frames" "$TMP/multi.log.zst"

# ---- damaged zstd ----------------------------------------------------------------------------
size=$(wc -c < "$TMP/http.log.zst")
head -c $((size / 2)) "$TMP/http.log.zst" > "$TMP/cut.log.zst"
expect_error "truncated zstd" "'cut.log.zst': zstd stream is truncated" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('cut.log.zst');" "SELECT count(*) FROM t;"
cp "$TMP/http.log.zst" "$TMP/bad.log.zst"
printf '\377\377\377\377\377\377\377\377' | dd of="$TMP/bad.log.zst" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect_error "corrupt zstd" "'bad.log.zst': corrupt zstd stream (" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('bad.log.zst');" "SELECT count(*) FROM t;"
{ cat "$TMP/http.log.zst"; printf 'hello'; } > "$TMP/garbage.log.zst"
expect_error "zstd with garbage after" "'garbage.log.zst': 5 bytes after the end of the zstd stream are not a zstd frame" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('garbage.log.zst');" "SELECT count(*) FROM t;"
cat "$SRC" | zstd -q -3 --long=28 > "$TMP/long28.log.zst"
expect_error "zstd --long=28 (256 MiB window)" "'long28.log.zst': a zstd frame needs a window over 128 MiB" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('long28.log.zst');" "SELECT count(*) FROM t;"
{ gzip -c "$SRC"; printf 'hello'; } > "$TMP/garbage.log.gz"
expect_error "gzip with garbage after" "'garbage.log.gz': 5 bytes after the end of the gzip stream are not a gzip member" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('garbage.log.gz');" "SELECT count(*) FROM t;"

# ---- a glob mixing plain, gzip and zstd ------------------------------------------------------
# Rows 1-10 plain, 11-25 gzip, 26-36 zstd, each file with its own header.
D="$TMP/logs"; mkdir -p "$D"
hdr() { head -n 8 "$SRC"; }
data() { grep -v '^#' "$SRC" | sed -n "$1,$2p"; }
{ hdr; data 1 10; } > "$D/http.12:00:00-13:00:00.log"
{ hdr; data 11 25; } | gzip -c > "$D/http.13:00:00-14:00:00.log.gz"
{ hdr; data 26 36; } | zstd -q -c > "$D/http.14:00:00-15:00:00.log.zst"
out=$(sql "CREATE VIRTUAL TABLE temp.t USING zeek('logs/http.*');" "SELECT _file, count(*), min(_line) FROM t GROUP BY _file ORDER BY min(rowid);")
want="logs/http.12:00:00-13:00:00.log|10|9
logs/http.13:00:00-14:00:00.log.gz|15|9
logs/http.14:00:00-15:00:00.log.zst|11|9"
if [ "$out" = "$want" ]; then pass "glob of plain, .gz and .zst: 10 + 15 + 11 rows in glob order"
else fail "glob of plain, .gz and .zst: got '$out'"; fi
sql "CREATE VIRTUAL TABLE temp.t USING zeek('logs/http.*');" "SELECT * FROM t;" > "$TMP/g.out"
sql "CREATE VIRTUAL TABLE temp.t USING zeek('$SRC');" "SELECT * FROM t;" > "$TMP/p.out"
if cmp -s "$TMP/g.out" "$TMP/p.out"; then pass "glob of plain, .gz and .zst: every column equals the plain file's"
else fail "glob of plain, .gz and .zst: values differ"; diff "$TMP/p.out" "$TMP/g.out" | head -5; fi

# ---- globs never block -----------------------------------------------------------------------
mkfifo "$D/http.15:00:00-16:00:00.log"
ln -s /dev/zero "$D/http.16:00:00-17:00:00.log"
mkdir "$D/http.17:00:00-18:00:00.log"
ln -s "$D/http.12:00:00-13:00:00.log" "$D/http.18:00:00-19:00:00.log"     # a symlink to a file: read
out=$(count_of 'logs/http.*'); rc=$(cat "$TMP/rc")
if [ "$rc" = 124 ]; then fail "glob over a FIFO, /dev/zero and a directory: timed out"
elif [ "$out" = 46 ]; then pass "glob over a FIFO, /dev/zero and a directory: skipped them, 36 + 10 rows (via the symlink)"
else fail "glob over a FIFO, /dev/zero and a directory: got '$out' (rc $rc), expected 46"; fi
expect_error "a glob of only a FIFO and a directory" "no regular file matches 'logs/http.1[57]:*' (skipped 2:" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/http.1[57]:*');" "SELECT count(*) FROM t;"
expect_error "a FIFO named directly" "'logs/http.15:00:00-16:00:00.log' is a FIFO, not a log file" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/http.15:00:00-16:00:00.log');" "SELECT count(*) FROM t;"
expect_error "/dev/zero named directly" "'/dev/zero' is a character device, not a log file" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('/dev/zero', schema='http');" "SELECT count(*) FROM t;"
expect_error "a symlink to /dev/zero named directly" "'logs/http.16:00:00-17:00:00.log' is a character device, not a log file" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('logs/http.16:00:00-17:00:00.log');" "SELECT count(*) FROM t;"
expect_error "zeek_http() on a FIFO" "is a FIFO, not a log file" \
  "SELECT count(*) FROM zeek_http('logs/http.15:00:00-16:00:00.log');"

# zeek_attach() over a glob of directories: the directories are what it looks for
mkdir -p "$TMP/days/2012-03-16" "$TMP/days/2012-03-17"
cp "$D/http.12:00:00-13:00:00.log" "$TMP/days/2012-03-16/http.12:00:00-13:00:00.log"
cp "$D/http.14:00:00-15:00:00.log.zst" "$TMP/days/2012-03-17/http.14:00:00-15:00:00.log.zst"
out=$(sql "SELECT files FROM zeek_attach('days/2012-03-*');" "SELECT count(*) FROM http;")
if [ "$out" = "2
21" ]; then pass "zeek_attach over a glob of directories: 2 files (plain, zstd), 10 + 11 rows"
else fail "zeek_attach over a glob of directories: got '$out'"; fi

echo "$failures failed"
[ "$failures" -eq 0 ]

#!/bin/sh
# The SQL functions stop within 100 ms of sqlite3_interrupt(), on a current SQLite (3.41+): the
# harness tests/interrupt/interrupt.c is built against the amalgamation that the npm package
# better-sqlite3 ships (examples/node_modules, installed here when missing; without npm or
# network the test is skipped with a message), loads the extension, starts a slow statement,
# interrupts it after 50 ms and measures how long it ran on.
#   sh tests/scripts/test_interrupt.sh        (from the repository's top)
# Cases: long values (regexp_replace with 40 million empty matches, attack_class and scanner_ua
# on 4 MB with 200 slow signatures of one's own), long loops (every function over 10^8 rows) and
# long scans (plain, GROUP BY, DISTINCT, a summary table and gzip over a 500k-row log, 30 million bad
# lines, 20 million JSON lines, a sparse 1 TiB file of zero bytes after its header).
# The amalgamation's object is kept in build/interrupt/ (compiling it takes ~30 s).
set -u
TOP=$(pwd)
EXT=${ZEEKLOG_EXT:-$TOP/build/zeeklog}
AMALG=examples/node_modules/better-sqlite3/deps/sqlite3
CACHE=build/interrupt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
if [ ! -f "$AMALG/sqlite3.c" ]; then
  if ! command -v npm >/dev/null 2>&1; then echo "SKIP: no npm to fetch better-sqlite3's SQLite"; exit 0; fi
  echo "installing better-sqlite3@12 into examples/node_modules (for its SQLite amalgamation) ..."
  if ! (cd examples && npm install --no-audit --no-fund --no-package-lock > "$T/npm.log" 2>&1); then
    if grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network' "$T/npm.log"; then
      echo "SKIP: npm has no network to fetch better-sqlite3's SQLite:"; tail -n 5 "$T/npm.log"; exit 0
    fi
    cat "$T/npm.log"; echo "FAIL: npm install better-sqlite3"; exit 1
  fi
fi
mkdir -p "$CACHE"
if [ ! -f "$CACHE/sqlite3.o" ] || [ "$AMALG/sqlite3.c" -nt "$CACHE/sqlite3.o" ]; then
  echo "compiling $AMALG/sqlite3.c ..."
  ${CC:-cc} -O1 -DSQLITE_THREADSAFE=1 -c "$AMALG/sqlite3.c" -o "$CACHE/sqlite3.o.tmp" &&
    mv "$CACHE/sqlite3.o.tmp" "$CACHE/sqlite3.o" || { echo "FAIL: compile sqlite3.c"; exit 1; }
fi
${CC:-cc} -O2 -Wall -Wextra -I"$AMALG" -o "$T/interrupt" tests/interrupt/interrupt.c \
  "$CACHE/sqlite3.o" -lpthread -ldl -lm || { echo "FAIL: compile the harness"; exit 1; }
# Under make sanitize the extension is instrumented: the harness needs the ASan runtime first,
# and the bound is 1 s (instrumented code runs several times slower: the check is then that
# every case stops, not how soon; the 100 ms bound is the plain build's).
PRELOAD=""
WITHIN=100
if [ "${ZEEKLOG_SANITIZE:-0}" = 1 ]; then
  PRELOAD=$(${CLANG:-clang} -print-file-name="libclang_rt.asan-$(uname -m).so")
  WITHIN=1000
fi
failed=0
# check NAME [HARNESS ARGS...] SQL
check() {
  name=$1; shift
  if out=$(LD_PRELOAD="$PRELOAD" ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" "$T/interrupt" -w "$WITHIN" "$@" 2>&1); then
    echo "ok   $name: $out"
  else
    echo "FAIL $name: $out"; failed=$((failed + 1))
  fi
}
ROWS="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)"
SLOW="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT 'slow' || i, '^(?:a|b)*+\$' FROM n"
FOUR_MB="replace(printf('%.*c', 2000000, 'x'), 'x', 'ab') || 'd'"
check "regexp_replace, 40 million empty matches" "$EXT" \
  "SELECT length(regexp_replace(printf('%.*c', 40000000, 'a'), '', 'x'))"
check "regexp_replace, 20 million expansions" "$EXT" \
  "SELECT length(regexp_replace(printf('%.*c', 20000000, 'a'), '(a)', '<\$1>'))"
check "attack_class, 4 MB and 200 slow signatures" \
  -s "INSERT INTO attack_signatures(name, pattern) $SLOW" "$EXT" "SELECT attack_class($FOUR_MB)"
check "scanner_ua, 4 MB and 200 slow signatures" \
  -s "INSERT INTO scanner_signatures(name, pattern) $SLOW" "$EXT" "SELECT scanner_ua($FOUR_MB)"
check "attack_class over 10^8 rows" "$EXT" "$ROWS SELECT count(*) FROM n WHERE attack_class('/x?id=' || i) IS NOT NULL"
check "is_scanner_ua over 10^8 rows" "$EXT" "$ROWS SELECT sum(is_scanner_ua('curl/' || i)) FROM n"
check "regexp functions over 10^8 rows" "$EXT" \
  "$ROWS SELECT count(regexp_substr('x' || i, '\\d+7')), count(regexp_capture('x' || i, '(\\d)9')) FROM n WHERE regexp_like('x' || i, '^x')"
check "mode, time_bucket, uri_decode over 10^8 rows" "$EXT" \
  "$ROWS SELECT mode(i % 1000), count(time_bucket(i, 60)), count(uri_decode('%41' || i)) FROM n"
# The scans' logs, written here: 500k rows by the benchmark's generator (130 MB), a header then
# 30 million one-field lines (all skipped as bad), 20 million small JSON objects, and a header
# followed by a 1 TiB hole (reads as zero bytes, no newline: one line too long, skipped as the
# reader goes, never buffered).
${CC:-cc} -std=c11 -O2 -o "$T/zeekgen" bench/zeekgen.c || { echo "FAIL: compile zeekgen"; exit 1; }
"$T/zeekgen" -n 500000 -s 3 -o "$T/big.log"
{ head -n 8 "$T/big.log"; yes x | head -n 30000000; } > "$T/bad.log"
yes '{"ts":1300000000.5,"uri":"/index.html","status_code":200}' | head -n 20000000 > "$T/json.log"
head -n 8 "$T/big.log" > "$T/sparse.log" && truncate -s 1T "$T/sparse.log"
table() { echo "CREATE VIRTUAL TABLE t USING zeek('$T/$1'${2:+, $2})"; }
check "plain scan, 500k rows" -s "$(table big.log)" "$EXT" "SELECT count(*) FROM t WHERE uri LIKE '%zz%'"
check "GROUP BY scan, 500k rows" -s "$(table big.log)" "$EXT" "SELECT id_orig_h, count(*) FROM t GROUP BY 1"
check "DISTINCT scan, 500k rows" -s "$(table big.log)" "$EXT" "SELECT count(DISTINCT user_agent) FROM t"
check "summary table, 500k rows" -s "$(table big.log "group='id_orig_h user_agent', bucket='1 minute'")" \
  "$EXT" "SELECT count(*) FROM t"
gzip -1 -c "$T/big.log" > "$T/big.log.gz"
check "gzip'd scan, 500k rows" -s "$(table big.log.gz)" "$EXT" "SELECT count(*) FROM t WHERE uri LIKE '%zz%'"
check "30 million bad lines" -s "$(table bad.log)" "$EXT" "SELECT count(*) FROM t"
check "20 million JSON lines" -s "$(table json.log)" "$EXT" "SELECT count(*) FROM t WHERE uri LIKE '%zz%'"
check "sparse 1 TiB file" -s "$(table sparse.log)" "$EXT" "SELECT count(*) FROM t"
[ "$failed" = 0 ]

#!/bin/sh
# Parsing on worker threads must not change any answer: the same queries over
# logs that cross many chunk boundaries (a 2 MB example log; that log with bad
# lines, a mid-file header block, a 300 KB line and CRLF ends; its gzip) give
# identical output with threads=0 (all in the query's thread), 1, 2 and 4.
# Also checks the bad-line count against awk's and that strict=1 names the
# same file:line whatever the threads.
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
LOG=examples/http.log

# A damaged copy: every 997th data line loses its last field, every 1499th
# gets a non-numeric status, the header repeats in the middle, one data line
# gets a 300 KB uri, and the second half has CRLF line ends.
awk '
  BEGIN { FS = OFS = "\t"; big = "a"; while (length(big) < 300000) big = big big }
  /^#/ { if (!seen_fields || $1 != "#close") hdr = hdr $0 "\n"; if ($1 == "#types") seen_fields = 1; print; next }
  { n++ }
  n % 997 == 0 { NF = NF - 1 }
  n % 1499 == 0 { $15 = "x" $15 }
  n == 4000 { printf "%s", hdr }
  n == 5000 { $10 = "/" big }
  { if (n > 4400) print $0 "\r"; else print }
' "$LOG" > "$T/damaged.log"
gzip -c "$T/damaged.log" > "$T/damaged.log.gz"
bad=$(awk -F'\t' '!/^#/ { sub(/\r$/, ""); if (NF != 27 || ($15 != "-" && $15 !~ /^[0-9]+$/)) n++ } END { print n + 0 }' "$T/damaged.log")

queries="SELECT count(*), zeek_skipped('t') FROM t;
SELECT status_code, count(*), sum(response_body_len), min(_line), max(_line) FROM t GROUP BY 1 ORDER BY 1;
SELECT id_orig_h, count(*), mode(status_code) FROM t GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5;
SELECT _line, ts_iso, length(uri), user_agent, tags, resp_mime_types FROM t WHERE _line % 501 = 0 ORDER BY _line;
SELECT sum(length(uri)), count(DISTINCT uid), total(ts) FROM t;
SELECT count(*) FROM (SELECT * FROM t LIMIT 3);"

run() {  # file threads
  sqlite3 -batch :memory: <<SQL 2>&1
.load $EXT
CREATE VIRTUAL TABLE temp.t USING zeek('$1', threads=$2);
$queries
SQL
}
fail=0
for f in "$LOG" "$T/damaged.log" "$T/damaged.log.gz"; do
  run "$f" 0 > "$T/ref.out"
  for n in 1 2 4; do
    run "$f" $n > "$T/t$n.out"
    if ! cmp -s "$T/ref.out" "$T/t$n.out"; then
      echo "FAIL: $f: threads=$n differs from threads=0"; diff "$T/ref.out" "$T/t$n.out" | head -5; fail=1
    fi
  done
  echo "ok   $f: threads 0/1/2/4 agree ($(head -1 "$T/ref.out"))"
done
got=$(run "$T/damaged.log" 2 | head -1)
[ "$got" = "$(awk -F'\t' '!/^#/' "$T/damaged.log" | wc -l | awk -v b=$bad '{print $1 - b "|" b}')" ] ||
  { echo "FAIL: count|skipped $got, awk says $bad bad lines"; fail=1; }
first_bad=$(awk -F'\t' '!/^#/ { sub(/\r$/, ""); if (NF != 27 || ($15 != "-" && $15 !~ /^[0-9]+$/)) { print NR; exit } }' "$T/damaged.log")
for n in 0 2; do
  err=$(sqlite3 -batch :memory: ".load $EXT" \
        "CREATE VIRTUAL TABLE temp.s USING zeek('$T/damaged.log', strict=1, threads=$n)" \
        "SELECT count(*) FROM s" 2>&1 || true)
  case "$err" in
    *"damaged.log:$first_bad: "*"(strict=1)"*) echo "ok   strict=1 threads=$n stops at line $first_bad" ;;
    *) echo "FAIL: strict threads=$n: $err (want line $first_bad)"; fail=1 ;;
  esac
done
exit $fail

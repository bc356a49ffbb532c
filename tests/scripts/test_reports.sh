#!/bin/sh
# The saved reports (sql/NN*.sql, sql/triage.sql) and their runner
# (bin/zeeklog-report) on tests/reports/http.log, a log designed for this test
# (tests/reports/blocks.txt says what is in it): every report's output must
# equal what tests/reports/expect.awk computes from the log on its own.
#   sh tests/scripts/test_reports.sh      (from the repository's top)
# Env: ZEEKLOG_EXT (extension path without .so; default build/zeeklog).
set -u
TOP=$(pwd)
EXT=${ZEEKLOG_EXT:-$TOP/build/zeeklog}
LOG=tests/reports/http.log
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-reports.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }
same() { # NAME EXPECTED ACTUAL
  if diff -u "$2" "$3" > "$T/diff"; then ok "$1"; else cat "$T/diff"; fail "$1"; fi
}
command -v gawk > /dev/null || { echo "FAIL: gawk is needed (make deps)"; exit 1; }
[ -f "$EXT.so" ] || { echo "FAIL: no extension at $EXT.so"; exit 1; }

# The test log is generated from blocks.txt: it must be up to date.
awk -f tests/reports/make_log.awk tests/reports/blocks.txt > "$T/http.log"
same "tests/reports/http.log matches blocks.txt" "$LOG" "$T/http.log"
# triage.sql is generated from the reports: it must be up to date.
sh sql/make_triage.sh - > "$T/triage.sql"
same "sql/triage.sql is up to date (sh sql/make_triage.sh)" sql/triage.sql "$T/triage.sql"

mkdir -p "$T/exp"
LC_ALL=C gawk -v out="$T/exp" -f tests/reports/expect.awk "$LOG" || { echo "FAIL: expect.awk"; exit 1; }

run_sql() { # SETUP-SQL FILE... : runs the files with the log as temp.http
  setup=$1; shift
  {
    echo ".load $EXT"
    echo "CREATE VIRTUAL TABLE temp.http USING zeek('$LOG');"
    echo "$setup"
    echo ".headers on"
    echo ".mode list"
    echo ".nullvalue -"
    for f in "$@"; do echo ".read $f"; done
  } | sqlite3 -bail -batch :memory: 2>&1
}

# Each report, straight on the zeek table.
for f in sql/[0-9][0-9]*.sql; do
  name=$(basename "$f" .sql)
  run_sql "" "$f" > "$T/$name.out"
  same "report $name" "$T/exp/$name.expected" "$T/$name.out"
done

# The same reports on a plain table (a copy), as the runner makes it.
run_sql "ALTER TABLE temp.http RENAME TO http_log;
CREATE TEMP TABLE http AS SELECT * FROM http_log;" sql/[0-9][0-9]*.sql > "$T/copy.out"
cat "$T"/exp/[0-9]*.expected > "$T/all.expected"
same "reports on a copied table" "$T/all.expected" "$T/copy.out"

# ... and on a view in main over a plain table (not over the zeek table:
# that one is DIRECTONLY).
{
  echo ".load $EXT"
  echo "CREATE VIRTUAL TABLE temp.src USING zeek('$LOG');"
  echo "CREATE TABLE t AS SELECT * FROM src;"
  echo "CREATE VIEW http AS SELECT * FROM t;"
  echo ".headers on"
  echo ".mode list"
  echo ".nullvalue -"
  for f in sql/[0-9][0-9]*.sql; do echo ".read $f"; done
} | sqlite3 -bail -batch :memory: > "$T/view.out" 2>&1
same "reports on a view" "$T/all.expected" "$T/view.out"

# triage.sql: the summary, then every report under its heading.
expected_triage() { # SKIPPED
  sed -e "s/VERSION/$(sqlite3 :memory: ".load $EXT" 'SELECT zeeklog_version()')/" \
      -e "s/SKIPPED/$1/" "$T/exp/summary.expected" | sed '1s/^/zeeklog triage report\n/'
  for f in sql/[0-9][0-9]*.sql; do
    name=$(basename "$f" .sql)
    num=$(echo "$name" | sed 's/_.*//; s/^0//')
    echo
    echo "$num. $(sed -n 's/^-- title: //p' "$f" | head -n 1)  [$name.sql]"
    cat "$T/exp/$name.expected"
  done
}
expected_triage 1 > "$T/triage.expected"
{
  echo ".load $EXT"
  echo "CREATE VIRTUAL TABLE temp.http USING zeek('$LOG');"
  sed 's/^\.mode box$/.mode list/' sql/triage.sql
} | sqlite3 -bail -batch :memory: > "$T/triage.out" 2>&1
same "triage.sql (skipped_lines 1: the malformed line)" "$T/triage.expected" "$T/triage.out"

# The runner: its box output equals the shell's box output of triage.sql,
# with or without the cached copy.
{
  echo ".load $EXT"
  echo "CREATE VIRTUAL TABLE temp.http USING zeek('$LOG');"
  cat sql/triage.sql
} | sqlite3 -bail -batch :memory: > "$T/triage-box.out" 2>&1
R="sh bin/zeeklog-report --lib $EXT"
$R "$LOG" > "$T/runner.out" 2>&1
same "zeeklog-report (cached copy)" "$T/triage-box.out" "$T/runner.out"
$R --no-cache "$LOG" > "$T/runner-nc.out" 2>&1
same "zeeklog-report --no-cache" "$T/triage-box.out" "$T/runner-nc.out"
grep -q '│ 1,000    │ 1             │ 11         │' "$T/runner.out" \
  && ok "runner summary: 1,000 requests, 1 skipped line, 11 source IPs" \
  || fail "runner summary line"

# gzip and a glob, and a path with a quote in it.
mkdir -p "$T/logs/it's here"
gzip -c "$LOG" > "$T/logs/it's here/http.1.log.gz"
gzip -c "$LOG" > "$T/logs/it's here/http.2.log.gz"
$R --report 01 "$T/logs/it's here/http.1.log.gz" > "$T/gz.out" 2>&1
$R --report 01 "$LOG" > "$T/plain.out" 2>&1
same "runner on .gz, path with a quote" "$T/plain.out" "$T/gz.out"
$R --report 01 "$T/logs/it's here/http.*.log.gz" > "$T/glob.out" 2>&1
grep -q '│ 404         │ Not Found             │    1,144 │  57.2% │' "$T/glob.out" \
  && ok "runner on a glob of two files (2 x 572 404s)" || { cat "$T/glob.out"; fail "runner on a glob"; }

# --report picks reports; --mode changes the layout.
$R --report 03 --report 06 --mode column "$LOG" > "$T/two.out" 2>&1
n=$(grep -c '^[0-9]\+[ab]*\. ' "$T/two.out")
[ "$n" = 2 ] && grep -q '^hour  ' "$T/two.out" && ok "--report 03 --report 06 --mode column" \
  || { cat "$T/two.out"; fail "--report/--mode"; }

# --format csv / json: one file per report, plain numbers.
$R --format csv --out "$T/csv" "$LOG" > "$T/csv.list" 2>&1
[ "$(wc -l < "$T/csv.list")" = "$(ls sql/[0-9][0-9]*.sql | wc -l)" ] && ok "--format csv wrote one file per report" \
  || { cat "$T/csv.list"; fail "--format csv file list"; }
tr -d '\r' < "$T/csv/01_status_codes.csv" > "$T/01.csv"
same "--format csv: 01_status_codes.csv" "$T/exp/01_status_codes.csv" "$T/01.csv"
$R --format json --out "$T/json" "$LOG" > /dev/null 2>&1
/usr/bin/python3 - "$T/json" <<'EOF' && ok "--format json: hourly and rate spikes" || fail "--format json"
import json, sys, os
d = sys.argv[1]
h = json.load(open(os.path.join(d, "03_hourly.json")))
assert [r["requests"] for r in h] == [122, 340, 210, 0, 0, 141, 187], h
assert [r["modal_status"] for r in h] == [200, 404, 404, None, None, 404, 200], h
assert all(r["bar"] is None for r in h)
s = json.load(open(os.path.join(d, "06_rate_spikes.json")))
assert s[0] == {"src_ip": "10.0.0.1", "busiest_minute": "2012-03-16 11:00", "at_peak": 2,
                "minute_reqs": 120, "peak_rps": 2.0, "median_rps": 1.0, "ratio": 2.0,
                "active_min": 5, "total": 340}, s[0]
a = json.load(open(os.path.join(d, "07b_attack_examples.json")))
assert a[0]["attack_class"] == "sqli" and a[0]["requests"] == 30, a[0]
x = [r for r in a if r["attack_class"] == "xss"][0]
assert x["src_ips"] == "10.0.0.2, 10.0.0.10", x
t = [r["uri"] for r in a if r["attack_class"] == "traversal"]
assert t == ["/files/..\\xc0\\xaf..\\xc0\\xafsecret.txt", "/static/../../../../var/www/secret.conf"], t
EOF

# An empty result is an empty JSON list; a log with no rows gives empty reports.
head -n 8 "$LOG" > "$T/empty.log"
$R --format json --out "$T/ejson" "$T/empty.log" > /dev/null 2>&1
[ "$(cat "$T/ejson/03_hourly.json")" = "[]" ] && ok "empty log: [] in JSON" || fail "empty log JSON"
$R "$T/empty.log" > "$T/empty.out" 2>&1 && grep -q '│ 0        │ 0             │ 0          │' "$T/empty.out" \
  && ok "empty log: triage runs" || { cat "$T/empty.out"; fail "empty log triage"; }

# Errors: a missing log, bad options -> non-zero exit and a message.
if $R "$T/none.log" > "$T/err.out" 2>&1; then fail "missing log accepted"; else
  grep -q "cannot open" "$T/err.out" && ok "missing log: error" || { cat "$T/err.out"; fail "missing log message"; }
fi
if $R --format xml "$LOG" > /dev/null 2>&1; then fail "--format xml accepted"; else ok "--format xml refused"; fi
if $R --report 99 "$LOG" > /dev/null 2>&1; then fail "--report 99 accepted"; else ok "--report 99 refused"; fi
$R --list | grep -q '^06_rate_spikes ' && ok "--list" || fail "--list"

# Speed: the whole triage on 20,000 rows (20 copies of the test log) stays quick.
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$LOG"; done > "$T/big.log"
start=$(date +%s)
$R "$T/big.log" > "$T/big.out" 2>&1 || { cat "$T/big.out"; fail "triage on 20,000 rows"; }
secs=$(( $(date +%s) - start ))
[ "$secs" -le 10 ] && ok "triage on 20,000 rows in ${secs}s" || fail "triage on 20,000 rows took ${secs}s"

[ "$fails" = 0 ] && echo "all report tests passed" || echo "$fails report test(s) failed"
[ "$fails" = 0 ]

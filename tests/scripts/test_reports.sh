#!/bin/sh
# The saved reports (sql/NN*.sql, sql/triage.sql) and their runner
# (bin/zeeklog-report) on tests/reports/http.log, a log designed for this test
# (tests/reports/blocks.txt says what is in it): every report's output must
# equal what tests/reports/expect.awk computes from the log on its own; the
# same on logs over two years, 15 and 60 days (report 03's bucket choice),
# across daylight-saving changes and in half-hour zones (--tz); the runner's
# fast shared tables equal the reports' own; every report fits 120 columns.
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

# Every report that makes a shared table makes it with the same statement.
setup() { awk -v b="-- setup: $1" '/^-- (setup: |report$)/ { on = ($0 == b) } on' "$2"; }
setup zeeklog_totals sql/01_status_codes.sql > "$T/setup-totals.sql"
setup zeeklog_minutes sql/03_hourly.sql > "$T/setup-minutes.sql"
setup zeeklog_attacks sql/07a_attack_classes.sql > "$T/setup-attacks.sql"
[ -s "$T/setup-totals.sql" ] && [ -s "$T/setup-minutes.sql" ] && [ -s "$T/setup-attacks.sql" ] || fail "no setup blocks in 01, 03 and 07a"
for f in sql/[0-9][0-9]*.sql; do
  for t in totals minutes attacks; do
    setup zeeklog_$t "$f" > "$T/setup.sql"
    [ ! -s "$T/setup.sql" ] || cmp -s "$T/setup.sql" "$T/setup-$t.sql" || fail "$f: its zeeklog_$t setup differs from the first report's"
  done
  grep -q '^-- setup: zeeklog_' "$f" || fail "$f makes no shared table"
done

mkdir -p "$T/exp"
LC_ALL=C gawk -v out="$T/exp" -f tests/reports/expect.awk "$LOG" || { echo "FAIL: expect.awk"; exit 1; }

run_sql() { # SETUP-SQL FILE... : runs the files with the log ($RLOG, default $LOG) as temp.http
  setup=$1; shift
  {
    echo ".load $EXT"
    echo "CREATE VIRTUAL TABLE temp.http USING zeek('${RLOG:-$LOG}');"
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
    title=$(sed -n 's/^-- title: //p' "$f" | head -n 1)
    case "$name" in 02_*|03_*|06_*) title="$title (times in ${2:-UTC})" ;; esac
    echo "$num. $title  [$name.sql]"
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
# whether it makes the shared tables (the fast way) or the reports do.
{
  echo ".load $EXT"
  echo "CREATE VIRTUAL TABLE temp.http USING zeek('$LOG');"
  cat sql/triage.sql
} | sqlite3 -bail -batch :memory: > "$T/triage-box.out" 2>&1
R="sh bin/zeeklog-report --lib $EXT"
$R "$LOG" > "$T/runner.out" 2>&1
same "zeeklog-report (its shared tables)" "$T/triage-box.out" "$T/runner.out"
$R --no-cache "$LOG" > "$T/runner-nc.out" 2>&1
same "zeeklog-report --no-cache (the reports' own)" "$T/triage-box.out" "$T/runner-nc.out"
ZEEKLOG_REPORT_SERIAL=1 $R "$LOG" > "$T/runner-serial.out" 2>&1
same "zeeklog-report in one sqlite3 process (ZEEKLOG_REPORT_SERIAL=1)" "$T/triage-box.out" "$T/runner-serial.out"
# The second process (the attack scan) failing fails the run, with its message.
printf '#!/bin/sh\nfor a in "$@"; do case "$a" in *attacks.db) cat > /dev/null; echo "second: simulated failure" >&2; exit 1 ;; esac; done\nexec sqlite3 "$@"\n' > "$T/sqlite3-second-fails"
chmod +x "$T/sqlite3-second-fails"
if SQLITE3=$T/sqlite3-second-fails $R "$LOG" > "$T/second.out" 2> "$T/second.err"; then fail "a failing second process went unnoticed"
else grep -qx 'second: simulated failure' "$T/second.err" && grep -q '^6\. ' "$T/second.out" && ! grep -q '^7a\. ' "$T/second.out" \
  && ok "a failing second process: exit 1, its message, the reports before 07a" || { cat "$T/second.err"; fail "second process failure"; }
fi
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
[ "$n" = 2 ] && grep -q '^bucket  ' "$T/two.out" && ok "--report 03 --report 06 --mode column" \
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
assert h[0]["bucket"] == "2012-03-16 10:00" and {r["width"] for r in h} == {"1 hour"}, h
assert [r["modal_status"] for r in h] == [200, 404, 404, None, None, 404, 200], h
assert all(r["bar"] is None for r in h)
s = json.load(open(os.path.join(d, "06_rate_spikes.json")))
assert s[0] == {"src_ip": "10.0.0.1", "busiest_minute": "2012-03-16 11:00", "at_peak": 2,
                "minute_reqs": 120, "peak_rps": 2.0, "median_rps": 1.0, "ratio": 2.0,
                "minutes": 5, "total": 340}, s[0]
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

# More logs: two years, 15 days, 60 days (report 03 chooses weeks, 6 hours,
# days), and nights when Europe's clocks change; each report equals
# expect.awk's answer, in UTC and (TZ and zeeklog_tz set, as --tz sets them)
# in zones with daylight-saving time, half-hour and 45-minute offsets.
for b in span_week span_6h span_day dst_spring dst_fall; do
  awk -f tests/reports/make_log.awk tests/reports/$b.txt > "$T/$b.log"
done
check_zone() { # LOG ZONE (empty: UTC)
  name=$(basename "$1" .log)${2:+ in $2}
  rm -rf "$T/zexp"; mkdir -p "$T/zexp"
  TZ=${2:-UTC} LC_ALL=C gawk -v out="$T/zexp" -v tz="$2" -f tests/reports/expect.awk "$1" ||
    { fail "expect.awk on $name"; return; }
  cat "$T"/zexp/[0-9]*.expected > "$T/zone.expected"
  RLOG=$1 TZ=${2:-UTC} run_sql "${2:+CREATE TEMP TABLE zeeklog_tz(\"$2\");}" sql/[0-9][0-9]*.sql > "$T/zone.out"
  same "every report on $name" "$T/zone.expected" "$T/zone.out"
}
for b in span_week span_6h span_day dst_spring dst_fall; do check_zone "$T/$b.log" ""; done
for z in Europe/Paris America/New_York Australia/Lord_Howe; do
  for b in span_week span_6h span_day dst_spring dst_fall; do check_zone "$T/$b.log" $z; done
done
for z in Europe/Paris Asia/Kolkata Asia/Kathmandu America/St_Johns; do check_zone "$LOG" $z; done
# What the zone's clock does, by hand (Paris): the hour that never was shows
# 0 requests; the hour the clock reads twice holds both hours' requests.
RLOG=$T/dst_spring.log TZ=Europe/Paris run_sql 'CREATE TEMP TABLE zeeklog_tz("Europe/Paris");' sql/03_hourly.sql > "$T/spring.out"
grep -qx '2012-03-25 02:00|1 hour|       0|-|' "$T/spring.out" && grep -qx '2012-03-25 01:00|1 hour|      16|500|########################################' "$T/spring.out" \
  && ok "Paris, 2012-03-25: no 02:00 on the clock (0 requests); 01:00 CET has 6 + 10 sqlmap requests" \
  || { cat "$T/spring.out"; fail "Paris spring change"; }
RLOG=$T/dst_fall.log TZ=Europe/Paris run_sql 'CREATE TEMP TABLE zeeklog_tz("Europe/Paris");' sql/03_hourly.sql > "$T/fall.out"
grep -q '^2012-10-28 02:00|1 hour|      72|403|' "$T/fall.out" && [ "$(grep -c '|1 hour|' "$T/fall.out")" = 7 ] \
  && ok "Paris, 2012-10-28: 02:00 holds two hours (6 + 6 + 30 + 30 requests), 7 hours in all" \
  || { cat "$T/fall.out"; fail "Paris autumn change"; }
RLOG=$T/span_week.log run_sql "" sql/03_hourly.sql > "$T/week.out"
w=$(grep -c '|1 week|' "$T/week.out")
[ "$w" -ge 100 ] && [ "$w" -le 106 ] && ok "20 requests over two years: $w weekly rows" || fail "two years: $w weekly rows"

# The runner's fast shared tables (a summary table, one plain scan) equal
# the ones the reports make with plain SQL, value for value and type for
# type, on every test log, the example and the real http.logs.
shared_tables() { # how: fast | generic; LOG
  {
    if [ "$1" = fast ]; then
      $R --script "$2" | sed '/^-- zeeklog-report: the reports$/q'
    else
      echo ".load $EXT"
      echo "CREATE VIRTUAL TABLE temp.http USING zeek('$2');"
      cat "$T/setup-totals.sql" "$T/setup-minutes.sql" "$T/setup-attacks.sql"
    fi
    echo "SELECT quote(id_orig_h), quote(user_agent), quote(status_code), quote(status_msg),"
    echo "       quote(rows), quote(first_ts), quote(last_ts)"
    echo "  FROM zeeklog_totals ORDER BY id_orig_h, user_agent, status_code, status_msg;"
    echo "SELECT quote(id_orig_h), quote(status_code), quote(minute), quote(rows)"
    echo "  FROM zeeklog_minutes ORDER BY id_orig_h, status_code, minute;"
    echo "SELECT quote(class), quote(uri), quote(id_orig_h), quote(rows) FROM zeeklog_attacks"
    echo "  ORDER BY class, uri, id_orig_h;"
  } | sqlite3 -bail -batch :memory: 2>&1
}
R="sh bin/zeeklog-report --lib $EXT"
# ... and a copy of the test log with unset times, sources and user agents.
awk 'BEGIN { FS = OFS = "\t" } /^#/ || NF != 27 { print; next }
     ++n % 7 == 0 { $1 = "-" } n % 11 == 0 { $3 = "-" } n % 13 == 0 { $12 = "-" } { print }' "$LOG" > "$T/unset.log"
http_logs="$LOG $T/unset.log $T/span_week.log $T/span_6h.log $T/span_day.log $T/dst_spring.log $T/dst_fall.log examples/http.log tests/data/zat/http.log tests/data/brobeat/sample-http.log tests/data/zeek-btest/v2.0-http-mime-and-md5.http.log tests/data/zeek-btest/v3.2.0-http-methods.http.log"
for l in $http_logs; do
  shared_tables fast "$l" > "$T/fast.out"; shared_tables generic "$l" > "$T/generic.out"
  if [ -s "$T/fast.out" ] && cmp -s "$T/fast.out" "$T/generic.out"; then
    ok "fast shared tables = the reports' own on $(basename "$l") ($(wc -l < "$T/fast.out") rows)"
  else diff "$T/generic.out" "$T/fast.out" | head -5; fail "fast shared tables on $l"; fi
done

# Every report fits a 120-column terminal in box mode (the widest line, in
# characters), on every log above, in UTC and in a zone with a long name.
widest() { LC_ALL=C.UTF-8 gawk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"; }
for l in $http_logs; do
  $R "$l" > "$T/box.out" 2>&1
  w=$(widest "$T/box.out")
  [ "$w" -le 120 ] && ok "$(basename "$l"): widest line $w" || { cat "$T/box.out"; fail "$l: a line of $w columns"; }
done
$R --tz America/Argentina/ComodRivadavia "$LOG" > "$T/box.out" 2>&1
w=$(widest "$T/box.out")
[ "$w" -le 120 ] && ok "--tz America/Argentina/ComodRivadavia: widest line $w" || { cat "$T/box.out"; fail "long zone name: $w columns"; }

# --tz: the runner's output is triage.sql's with TZ and zeeklog_tz set;
# UTC is the default and says so; an unknown zone is refused.
{
  echo ".load $EXT"
  echo "CREATE VIRTUAL TABLE temp.http USING zeek('$LOG');"
  echo 'CREATE TEMP TABLE zeeklog_tz("Asia/Kolkata");'
  sed 's/times in UTC/times in Asia\/Kolkata/' sql/triage.sql
} | TZ=Asia/Kolkata sqlite3 -bail -batch :memory: > "$T/tz-box.out" 2>&1
$R --tz Asia/Kolkata "$LOG" > "$T/tz-runner.out" 2>&1
same "zeeklog-report --tz Asia/Kolkata" "$T/tz-box.out" "$T/tz-runner.out"
grep -q '│ 2012-03-16 15:30:00 │ 2012-03-16 22:19:57 │ Asia/Kolkata │' "$T/tz-runner.out" && grep -q '^3\. .*(times in Asia/Kolkata)' "$T/tz-runner.out" \
  && ok "--tz Asia/Kolkata: summary and headings say the zone" || fail "--tz Asia/Kolkata labels"
grep -q '│ 2012-03-16 10:00:00 │ 2012-03-16 16:49:57 │ UTC       │' "$T/runner.out" && grep -q '^2\. .*(times in UTC)' "$T/runner.out" \
  && ok "default: UTC, and the summary and headings say so" || fail "UTC labels"
$R --tz UTC "$LOG" > "$T/utc.out" 2>&1
same "--tz UTC is the default" "$T/runner.out" "$T/utc.out"
for z in Europe/Pariss ../../etc/passwd /etc/localtime 'CET-1CEST' ''; do
  if $R --tz "$z" --report 01 "$LOG" > "$T/tzerr.out" 2>&1 && [ -n "$z" ]; then fail "--tz '$z' accepted"
  elif [ -n "$z" ]; then grep -q -- "--tz: .*'$z'" "$T/tzerr.out" && ok "--tz '$z' refused: $(cat "$T/tzerr.out")" || { cat "$T/tzerr.out"; fail "--tz '$z' message"; }
  fi
done

# Speed: the whole triage on 20,000 rows (20 copies of the test log) stays quick.
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$LOG"; done > "$T/big.log"
start=$(date +%s)
$R "$T/big.log" > "$T/big.out" 2>&1 || { cat "$T/big.out"; fail "triage on 20,000 rows"; }
secs=$(( $(date +%s) - start ))
[ "$secs" -le 10 ] && ok "triage on 20,000 rows in ${secs}s" || fail "triage on 20,000 rows took ${secs}s"

[ "$fails" = 0 ] && echo "all report tests passed" || echo "$fails report test(s) failed"
[ "$fails" = 0 ]

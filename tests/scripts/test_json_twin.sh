#!/bin/sh
# A TSV log and its JSON twin (the same records as Zeek writes them with
# LogAscii::use_json=T, by tests/tools/tsv_to_json.py) give identical answers:
# every saved report and the triage, with the JSON schema taken from
# schema='http' and from the first object; with ts written as epoch
# seconds, milliseconds and ISO-8601 text; plain and gzip.
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
LOG=examples/http.log
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
for mode in epoch millis iso; do "$PY" tests/tools/tsv_to_json.py --ts=$mode "$LOG" > "$T/$mode.json.log"; done
gzip -c "$T/epoch.json.log" > "$T/epoch.json.log.gz"

reports() {  # table options -> every report's output
  { echo ".load $EXT"
    echo "CREATE VIRTUAL TABLE temp.http USING zeek($1);"
    echo "SELECT count(*), min(ts), max(ts), min(ts_iso), sum(status_code) FROM http;"
    for r in sql/0*.sql; do echo ".print == $r"; cat "$r"; done
    echo ".print == triage"; cat sql/triage.sql
  } | sqlite3 -batch :memory: 2>&1
}
reports "'$LOG'" > "$T/tsv.out"
fail=0
for variant in "'$T/epoch.json.log', schema='http'" "'$T/epoch.json.log'" \
               "'$T/millis.json.log', schema='http'" "'$T/iso.json.log', schema='http'" \
               "'$T/epoch.json.log.gz', schema='http'"; do
  reports "$variant" > "$T/json.out"
  case "$variant" in      # whole milliseconds: only the first line shows the rounding
    *millis*) sed -i 1d "$T/json.out"; sed 1d "$T/tsv.out" > "$T/want.out" ;;
    *) cp "$T/tsv.out" "$T/want.out" ;;
  esac
  if cmp -s "$T/want.out" "$T/json.out"; then echo "ok   zeek($variant) = TSV ($(grep -c '' "$T/tsv.out") lines)"
  else echo "FAIL: zeek($variant) differs from the TSV log"; diff "$T/want.out" "$T/json.out" | head -10; fail=1; fi
done
grep -q "sqli" "$T/tsv.out" || { echo "FAIL: the reports found no attack at all"; fail=1; }
exit $fail

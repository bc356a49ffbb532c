#!/bin/sh
# Issue 12: values written by an attacker cannot blind the triage. A log of ordinary requests
# seeded with the values that used to make attack_class() or scanner_ua() fail — and with them
# the whole SELECT, so that zeeklog-report exited 1 without its attack section: a query string
# of 1,500 '=', 'union/**/' 430 times, a 130 KiB URI and a 130 KiB user agent — goes through
# the whole report to its end, and the attack and scanner reports still name what is there.
#   sh tests/scripts/test_hostile_values.sh      (from the repository's top)
set -eu
BUILD=${ZEEKLOG_BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
failed=0
ok()  { echo "ok   $1"; }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
LOG="$T/http.log"
grep '^#' examples/http.log | grep -v '^#close' > "$LOG"
grep -v '^#' examples/http.log | head -200 >> "$LOG"
# The hostile rows: the first ordinary row with its uri (field 10) and user_agent (field 12)
# replaced; the long values are made inside awk (a 130 KiB argument is over execve's limit).
grep -v '^#' examples/http.log | head -1 | awk -F'\t' -v OFS='\t' '
  function times(s, n,   out, i) { out = ""; for (i = 0; i < n; i++) out = out s; return out }
  function row(uri, ua) { $10 = uri; $12 = ua; print }
  { line = $0
    row("/search?q=" times("=", 1500), "Mozilla/5.0"); $0 = line
    row("/p.php?id=1" times("union/**/", 430), "Mozilla/5.0"); $0 = line
    row("/" times("a", 133120), "Mozilla/5.0"); $0 = line
    row("/x", times("a", 133120)); $0 = line
    row("/index.php?id=1\047 OR \0471\047=\0471", "sqlmap/1.4.7#stable (http://sqlmap.org)"); $0 = line
    row("/x?id=1 UNION SELECT username,password FROM users--",
        "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)") }' >> "$LOG"
if sh bin/zeeklog-report --build "$BUILD" "$LOG" > "$T/report" 2> "$T/err"; then
  ok "the report ran to its end"
else
  bad "zeeklog-report failed: $(head -5 "$T/err")"
fi
if [ -s "$T/err" ]; then bad "the report wrote errors: $(head -5 "$T/err")"; else ok "no error written"; fi
grep -q 'sqli' "$T/report" && ok "the attack section names sqli" || bad "no sqli in the report"
grep -q 'sqlmap' "$T/report" && ok "the scanner section names sqlmap" || bad "no sqlmap in the report"
grep -q 'Nikto' "$T/report" && ok "the scanner section names Nikto" || bad "no Nikto in the report"
# The values themselves, each decided (neither an error nor 'undetermined'):
got=$(sqlite3 :memory: ".load $BUILD/zeeklog" \
  "SELECT count(*), count(attack_class(uri)), sum(attack_class(uri) = 'undetermined'), sum(scanner_ua(user_agent) = 'undetermined') FROM zeek_http('$LOG')" 2>&1 || true)
want=$(awk -F'\t' '!/^#/ { n++ } END { print n "|2|0|0" }' "$LOG")
[ "$got" = "$want" ] && ok "every value decided: $got" || bad "count, classes, undetermined: got '$got', want '$want'"
[ "$failed" = 0 ]

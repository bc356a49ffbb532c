#!/bin/sh
# zeeklog-report on a log directory (zeek_attach): the triage on its http
# logs, the hunt reports (sql/hunt/) on its conn, dns and http logs. The test
# writes the directory itself: tests/reports/http.log cut into two hourly
# http.*.log.gz files, tests/logs/hunt/conn.log and dns.log, and a README the
# runner must leave alone; every number checked is computed here with awk
# from the files written.
#   sh tests/scripts/test_report_dir.sh      (from the repository's top)
# Env: ZEEKLOG_EXT (extension path without .so; default build/zeeklog).
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-report-dir.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
ok()   { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
same() { # NAME EXPECTED ACTUAL
  if diff -u "$2" "$3" > "$T/diff"; then ok "$1"; else head -n 30 "$T/diff"; fail "$1"; fi
}
[ -f "$EXT.so" ] || { echo "FAIL: no extension at $EXT.so"; exit 1; }
R="sh bin/zeeklog-report --lib $EXT"

# The directory: the http log's header on both halves of its data lines.
D=$T/logs/2012-03-16
mkdir -p "$D"
H=tests/reports/http.log
grep '^#' "$H" | grep -v '^#close' > "$T/head"
grep -v '^#' "$H" > "$T/data"
n=$(wc -l < "$T/data")
{ cat "$T/head"; head -n $((n / 2)) "$T/data"; } | gzip > "$D/http.00:00:00-01:00:00.log.gz"
{ cat "$T/head"; tail -n $((n - n / 2)) "$T/data"; } | gzip > "$D/http.01:00:00-02:00:00.log.gz"
cp tests/logs/hunt/conn.log "$D/conn.log"
cp tests/logs/hunt/dns.log "$D/dns.log"
echo "not a log" > "$D/README.txt"

$R "$D" > "$T/out" 2> "$T/err" || { cat "$T/err"; fail "zeeklog-report DIR exits 0"; }
[ -s "$T/err" ] && { cat "$T/err"; fail "zeeklog-report DIR writes nothing on stderr"; }

# What it found: one line per table, with its file count.
printf '  %-10s %3d file%s  %s\n' conn 1 " " "$D/conn.*" dns 1 " " "$D/dns.*" http 2 s "$D/http.*" > "$T/want-list"
sed -n '2,4p' "$T/out" > "$T/got-list"
same "the directory's tables and files" "$T/want-list" "$T/got-list"

# The summary line: requests, skipped lines and sources over both files
# (a data line of 27 fields is a request; tests/reports/http.log has one bad line).
zcat "$D"/http.*.log.gz | awk -F '\t' '!/^#/ { if(NF == 27){ n++; ip[$3] = 1 } else bad++ }
  END { m = 0; for(i in ip) m++; printf "%d,%03d %d %d\n", n / 1000, n % 1000, bad, m }' > "$T/want-sum"
awk -F '│' '/│ [0-9]/ { gsub(/ /, ""); print $3, $4, $5; exit }' "$T/out" > "$T/got-sum"
same "summary: requests, skipped lines, source IPs over both rotated files" "$T/want-sum" "$T/got-sum"

# Every report and every hunt ran, each once, the hunts after the triage.
grep -E '^(hunt )?[0-9]+[ab]?\. ' "$T/out" | sed 's/\. .*\[/. [/' > "$T/got-heads"
{ for f in sql/[0-9][0-9]*.sql; do echo "$(basename "$f" .sql | sed 's/_.*//; s/^0//'). [$(basename "$f")]"; done
  for f in sql/hunt/[0-9][0-9]*.sql; do echo "hunt $(basename "$f" .sql | sed 's/_.*//; s/^0//'). [hunt/$(basename "$f")]"; done
} > "$T/want-heads"
same "the triage's reports, then every hunt report" "$T/want-heads" "$T/got-heads"

# Raw numbers (CSV), against awk on the files.
$R --format csv --out "$T/csv" "$D" > "$T/csv.list" 2> "$T/err" || { cat "$T/err"; fail "--format csv on a directory"; }
[ "$(wc -l < "$T/csv.list")" -eq "$(ls sql/[0-9][0-9]*.sql sql/hunt/[0-9][0-9]*.sql | wc -l)" ] \
  && ok "--format csv: one file per report and hunt" || fail "--format csv file list"
# 01: requests per status code.
zcat "$D"/http.*.log.gz | awk -F '\t' '!/^#/ && NF == 27 { c[$15]++ } END { for(k in c) print (k == "-" ? "" : k), c[k] }' | sort > "$T/want-01"
awk -F ',' 'NR > 1 { print $1, $3 }' "$T/csv/01_status_codes.csv" | sort > "$T/got-01"
same "01 over the directory: requests per status code" "$T/want-01" "$T/got-01"
# hunt 01: the planted beacon first, its connections and IP bytes.
awk -F '\t' '!/^#/ && $3 == "10.0.0.66" && $5 == "203.0.113.66" && $6 == 443 { n++; b += $18 + $20 }
  END { print "10.0.0.66,203.0.113.66,443", n, b }' "$D/conn.log" > "$T/want-beacon"
awk -F ',' 'NR == 2 { print $2 "," $3 "," $4, $5, $8 }' "$T/csv/hunt_01_beacons.csv" > "$T/got-beacon"
same "hunt 01: the planted beacon first, with its connections and bytes" "$T/want-beacon" "$T/got-beacon"
# hunt 02a: the three longest connections.
awk -F '\t' '!/^#/ && $9 != "-" { printf "%.6f %s %s %s\n", $9, $3, $5, $6 }' "$D/conn.log" | sort -k1,1gr | head -n 3 > "$T/want-long"
awk -F ',' 'NR > 1 && NR <= 4 { printf "%.6f %s %s %s\n", $6, $2, $3, $4 }' "$T/csv/hunt_02a_longest_connections.csv" > "$T/got-long"
same "hunt 02a: the three longest connections" "$T/want-long" "$T/got-long"
# hunt 03: the tunnel's domain first: its distinct subdomains, queries and hosts.
awk -F '\t' '!/^#/ && $10 ~ /\.exfil\.example$/ { q++; if(!($10 in s)){ s[$10] = 1; n++ } if(!($3 in h)){ h[$3] = 1; m++ } }
  END { print "exfil.example", n, m, q }' "$D/dns.log" > "$T/want-dns"
awk -F ',' 'NR == 2 { print $1, $2, $3, $5 }' "$T/csv/hunt_03_dns_tunnelling.csv" > "$T/got-dns"
same "hunt 03: the tunnel's domain first, its subdomains, hosts and queries" "$T/want-dns" "$T/got-dns"

# --report picks among both: a hunt report alone runs no triage.
$R --report hunt/03 --report hunt/02a "$D" > "$T/two" 2>&1
grep -E '^(hunt )?[0-9]+[ab]?\. ' "$T/two" | sed 's/\. .*\[/. [/' > "$T/got-two"
printf 'hunt 3. [hunt/03_dns_tunnelling.sql]\nhunt 2a. [hunt/02a_longest_connections.sql]\n' > "$T/want-two"
same "--report hunt/03 --report hunt/02a: those two, in the order asked, no triage" "$T/want-two" "$T/got-two"
$R --report 01 "$D" > "$T/one" 2>&1
[ "$(grep -cE '^(hunt )?[0-9]+[ab]?\. ' "$T/one")" = 1 ] && grep -q '^1\. ' "$T/one" \
  && ok "--report 01 on a directory: report 01 alone" || fail "--report 01 on a directory"

# A glob of day directories: the tables span them (http in both, conn in one).
D2=$T/logs/2012-03-17
mkdir -p "$D2"
mv "$D/http.01:00:00-02:00:00.log.gz" "$D2/"
mv "$D/dns.log" "$D2/"
$R "$T/logs/2012-03-*" > "$T/glob" 2> "$T/err" || { cat "$T/err"; fail "a glob of directories"; }
awk -F '│' '/│ [0-9]/ { gsub(/ /, ""); print $3, $4, $5; exit }' "$T/glob" > "$T/got-sum2"
same "a glob of two day directories: the summary over both" "$T/want-sum" "$T/got-sum2"
grep -q '^hunt 3\. ' "$T/glob" && ok "a glob of directories: dns from the second day" || fail "glob: no dns hunt"

# No http log: the hunts alone; their tables' reports only.
rm "$D"/http.*
$R "$D" > "$T/conn-only" 2> "$T/err" || { cat "$T/err"; fail "a directory without http"; }
grep -E '^(hunt )?[0-9]+[ab]?\. ' "$T/conn-only" | sed 's/\. .*//' | tr '\n' ' ' > "$T/got-conn"
printf 'hunt 1 hunt 2a hunt 2b hunt 4b ' > "$T/want-conn"
same "conn only: the conn hunts, no triage, no dns or http hunt" "$T/want-conn" "$T/got-conn"

# Errors: nothing to read; hunts without a directory.
mkdir "$T/empty"; echo x > "$T/empty/notes.txt"
if $R "$T/empty" > /dev/null 2> "$T/err"; then fail "a directory without logs exits 0"
else grep -q "no Zeek log" "$T/err" && ok "a directory without logs: exit 1, zeek_attach's message" || { cat "$T/err"; fail "no-log message"; }
fi
$R --report hunt/01 tests/reports/http.log > /dev/null 2> "$T/err"
[ $? -eq 2 ] && grep -q "hunt reports run on a log directory" "$T/err" \
  && ok "--report hunt/01 on a file: usage error" || { cat "$T/err"; fail "--report hunt on a file"; }

echo "$fails failed"
[ "$fails" -eq 0 ]

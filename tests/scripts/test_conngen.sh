#!/bin/sh
# The hunt benchmark's generator (bench/conngen.c): deterministic, exactly
# -n conn.log rows, current Zeek's conn.log and dns.log headers, every dns.log
# row the twin of a conn.log DNS row; and the hunt reports find what it
# plants (beacon, long session, DNS tunnel) on a 60,000-row day.
#   sh tests/scripts/test_conngen.sh      (from the repository's top)
# ZEEKLOG_EXT: the extension without .so (default build/zeeklog).
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
failed=0
ok()   { echo "ok   $1"; }
bad()  { echo "FAIL $1"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }

GEN="$T/conngen"
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" bench/conngen.c
N=60000
"$GEN" -n $N -s 3 -o "$T/a.log" --dns "$T/a.dns"
"$GEN" -n $N -s 3 > "$T/b.log"
"$GEN" -n $N -s 4 -o "$T/c.log"
cmp -s "$T/a.log" "$T/b.log" && ok "same seed, same bytes (with or without --dns)" || bad "same seed gave different bytes"
cmp -s "$T/a.log" "$T/c.log" && bad "different seeds gave the same bytes" || ok "different seed, different bytes"

check "conn.log rows" "$(grep -vc '^#' "$T/a.log")" $N
check "-n 10: only the planted and the periodic rows" \
  "$("$GEN" -n 10 | awk -F'\t' '!/^#/ && $3 ~ /^10\.1\./ && $5 != "10.0.0.123" && $5 != "198.51.100.10"' | wc -l)" 0
check "conn.log lines of 22 fields" "$(awk -F'\t' '!/^#/ && NF != 22 { n++ } END { print n + 0 }' "$T/a.log")" 0
check "dns.log lines of 24 fields" "$(awk -F'\t' '!/^#/ && NF != 24 { n++ } END { print n + 0 }' "$T/a.dns")" 0
TAB=$(printf '\t')
check "conn #fields" "$(sed -n 7p "$T/a.log" | tr '\t' ' ')" \
  "#fields ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents ip_proto"
check "conn #types" "$(sed -n 8p "$T/a.log" | tr '\t' ' ')" \
  "#types time string addr port addr port enum string interval count count string bool bool count string count count count count set[string] count"
check "dns #fields" "$(sed -n 7p "$T/a.dns" | tr '\t' ' ')" \
  "#fields ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected"
check "dns #types" "$(sed -n 8p "$T/a.dns" | tr '\t' ' ')" \
  "#types time string addr port addr port enum count interval string count string count string count string bool bool bool bool count vector[string] vector[interval] bool"
check "#path conn" "$(sed -n 5p "$T/a.log")" "#path${TAB}conn"
check "#close last" "$(tail -n 1 "$T/a.log" | cut -f1)" "#close"
# every dns.log row has the uid, time and endpoints of a conn.log dns row
awk -F'\t' '!/^#/ && $8 == "dns" { print $2, $1, $3, $4, $5 }' "$T/a.log" | sort > "$T/conn.dns"
awk -F'\t' '!/^#/ { print $2, $1, $3, $4, $5 }' "$T/a.dns" | sort > "$T/dns.dns"
cmp -s "$T/conn.dns" "$T/dns.dns" && ok "dns.log rows = conn.log dns rows ($(wc -l < "$T/dns.dns"))" || bad "dns.log and conn.log disagree"
check "planted beacon rows" "$(awk -F'\t' '$3 == "10.0.0.66"' "$T/a.log" | wc -l)" 1439
check "planted tunnel queries" "$(grep -c 'exfil\.example' "$T/a.dns")" 2000
# times rise minute by minute (the long session is written when it ends)
check "rows earlier than the minute before" \
  "$(awk -F'\t' '!/^#/ && $3 != "10.0.0.77" { m = int(($1 - 1709251200) / 60); if(m < last - 1) n++; if(m > last) last = m } END { print n + 0 }' "$T/a.log")" 0

# the hunts find what was planted
if [ -f "$EXT.so" ]; then
  first() { # TABLE LOG REPORT -> first row
    sqlite3 -batch :memory: ".load $EXT" "CREATE VIRTUAL TABLE temp.$1 USING zeek('$2');" ".read $3" | head -n 1
  }
  check "01_beacons: the planted beacon first" "$(first conn "$T/a.log" sql/hunt/01_beacons.sql | cut -d'|' -f2-3)" "10.0.0.66|203.0.113.66"
  check "02a_longest_connections: the planted session first" "$(first conn "$T/a.log" sql/hunt/02a_longest_connections.sql | cut -d'|' -f2,3,6)" "10.0.0.77|198.51.100.77|9h30m"
  check "03_dns_tunnelling: the planted tunnel first" "$(first dns "$T/a.dns" sql/hunt/03_dns_tunnelling.sql | cut -d'|' -f1-3)" "exfil.example|2,000|1"
fi
[ "$failed" = 0 ]

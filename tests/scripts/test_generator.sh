#!/bin/sh
# The benchmark's http.log generator (bench/zeekgen.c): deterministic, the
# requested row count, Zeek's header, the notebook's mix, Zeek's escapes; and,
# when the extension is built, zeeklog reads its output as awk does.
#   sh tests/scripts/test_generator.sh      (from the repository's top)
# ZEEKLOG_EXT: the extension without .so (default build/zeeklog).
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
failed=0
ok()   { echo "ok   $1"; }
bad()  { echo "FAIL $1"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi; }
# between NAME VALUE LOW HIGH (numbers as awk reads them)
between() {
  if awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }'; then ok "$1 ($2)"
  else bad "$1: $2 not in [$3, $4]"; fi
}

GEN="$T/zeekgen"
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" bench/zeekgen.c
N=20000
"$GEN" -n $N -s 7 -o "$T/a.log"
"$GEN" -n $N -s 7 > "$T/b.log"
"$GEN" -n $N -s 8 -o "$T/c.log"
"$GEN" -n $N -s 7 --no-header > "$T/d.log"

# Determinism.
if cmp -s "$T/a.log" "$T/b.log"; then ok "same seed, same bytes"; else bad "same seed gave different bytes"; fi
if cmp -s "$T/a.log" "$T/c.log"; then bad "different seeds gave the same bytes"; else ok "different seed, different bytes"; fi
if grep -v '^#' "$T/a.log" | cmp -s - "$T/d.log"; then ok "--no-header: the same data lines, no header"
else bad "--no-header output differs from the data lines"; fi

# Row count and shape.
check "rows (awk)" "$(awk '!/^#/ { n++ } END { print n + 0 }' "$T/a.log")" $N
check "rows of -n 1" "$("$GEN" -n 1 | awk '!/^#/ { n++ } END { print n + 0 }')" 1
check "lines that are not 27 fields" "$(awk -F'\t' '!/^#/ && NF != 27 { n++ } END { print n + 0 }' "$T/a.log")" 0

# Header, exactly Bro 2.x's 27-column http layout (SPEC's schema='http').
TAB=$(printf '\t')
check "#separator" "$(sed -n 1p "$T/a.log")" '#separator \x09'
check "#set_separator" "$(sed -n 2p "$T/a.log")" "#set_separator${TAB},"
check "#empty_field" "$(sed -n 3p "$T/a.log")" "#empty_field${TAB}(empty)"
check "#unset_field" "$(sed -n 4p "$T/a.log")" "#unset_field${TAB}-"
check "#path" "$(sed -n 5p "$T/a.log")" "#path${TAB}http"
check "#open" "$(sed -n 6p "$T/a.log" | cut -f1)" "#open"
check "#fields" "$(sed -n 7p "$T/a.log" | tr '\t' ' ')" \
  "#fields ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer user_agent request_body_len response_body_len status_code status_msg info_code info_msg filename tags username password proxied orig_fuids orig_mime_types resp_fuids resp_mime_types"
check "#types" "$(sed -n 8p "$T/a.log" | tr '\t' ' ')" \
  "#types time string addr port addr port count string string string string string count count count string count string string set[enum] string string set[string] vector[string] vector[string] vector[string] vector[string]"
check "#close last" "$(tail -n 1 "$T/a.log" | cut -f1)" "#close"

# The mix (tolerances fit N=20000).
stats=$(awk -F'\t' '!/^#/ {
    n++; if ($3 == "192.168.203.63") dirb++; if ($15 == "404") nf++; if ($15 == "-") unset++
    if ($12 ~ /SF\/2\.03b/) sf++; if ($12 ~ /Nmap Scripting Engine/) nmap++
    if ($12 ~ /Nikto/) nikto++; if ($12 ~ /sqlmap/) sqlm++; if ($12 ~ /MSIE|Firefox|Chrome/) br++
    h = int(($1 - 1331856000) / 3600); hc[h]++
    if ($1 < first || n == 1) first = $1; if ($1 > last) last = $1
    if (prev != "" && $1 < prev) inv++; prev = $1
    if ($1 !~ /^[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/) badts++
  } END {
    peak = 0; for (h in hc) if (hc[h] > hc[peak]) peak = h
    printf "%.4f %.4f %d %d %d %d %d %d %.1f %.1f %.4f %d %d\n", dirb / n, nf / n, unset, sf, nmap, nikto,
      sqlm, br, first - 1331901000, (last - first) / 3600, inv / n, peak, badts + 0
  }' "$T/a.log")
set -- $stats
between "DirBuster 192.168.203.63 share" "$1" 0.58 0.68
between "404 share" "$2" 0.80 0.88
between "unset status_code rows" "$3" 50 1000
between "Skipfish rows" "$4" 1000 3000
between "Nmap NSE rows" "$5" 20 500
between "Nikto rows" "$6" 100 1000
between "sqlmap rows" "$7" 50 800
between "browser UA rows" "$8" 2000 6000
between "first ts - 2012-03-16 12:30 UTC (s)" "$9" 0 60
between "hours spanned" "${10}" 10.5 11.1
between "share of out-of-order ts" "${11}" 0.0001 0.2
check "peak hour (UTC)" "${12}" 18
check "ts without 6 decimals" "${13}" 0

# Zeek's escapes and markers appear (counted on raw fields).
count() { awk -F'\t' -v f="$1" -v re="$2" '!/^#/ && $f ~ re { n++ } END { print n + 0 }' "$T/a.log"; }
between "uri with \\x09 (tab)" "$(count 10 '\\\\x09')" 1 100000
between "uri with \\\\ (backslash)" "$(count 10 '\\\\\\\\')" 1 100000
between "uri with \\xNN of a high byte" "$(count 10 '\\\\x[89a-f][0-9a-f]')" 1 100000
between "uri with a raw #" "$(count 10 '#')" 1 100000
between "uri with a raw \"" "$(count 10 '"')" 1 100000
between "referrer \\x2d (a literal -)" "$(count 11 '^\\\\x2d$')" 1 100000
between "user_agent (empty)" "$(count 12 '^\\(empty\\)$')" 1 100000
between "user_agent unset" "$(count 12 '^-$')" 1 100000
between "tags (empty)" "$(count 20 '^\\(empty\\)$')" 10000 $N
between "tags set of 2" "$(count 20 '^HTTP::URI_SQLI,HTTP::POST_SQLI$')" 1 100000
between "proxied element with \\x2c" "$(count 23 '\\\\x2c')" 1 100000
between "resp_fuids vector of 2" "$(count 26 '^F[0-9A-Za-z]+,F[0-9A-Za-z]+$')" 1 100000

# zeeklog reads it as awk does (only when the extension is built).
if [ ! -f "$EXT.so" ]; then
  echo "skip zeeklog checks: $EXT.so is not built (make)"
else
  zl() {
    sqlite3 -batch -tabs -nullvalue - :memory: -cmd ".load $EXT" \
      -cmd "CREATE VIRTUAL TABLE temp.http USING zeek('$T/a.log')" "$1"
  }
  if ! zl "SELECT 1" > "$T/probe" 2>&1; then
    bad "zeeklog: cannot load $EXT or create the table: $(head -c 300 "$T/probe")"
  else
    check "zeeklog count(*) = awk" "$(zl 'SELECT count(*) FROM http')" $N
    zl "SELECT status_code, count(*) FROM http GROUP BY 1" | sort > "$T/zl.st"
    awk -F'\t' '!/^#/ { c[$15]++ } END { for (k in c) print k "\t" c[k] }' "$T/a.log" | sort > "$T/awk.st"
    if cmp -s "$T/zl.st" "$T/awk.st"; then ok "zeeklog status_code counts = awk"
    else bad "zeeklog status_code counts differ from awk:"; diff "$T/awk.st" "$T/zl.st" | head -20; fi
    zl "SELECT id_orig_h, count(*) FROM http GROUP BY 1" | sort > "$T/zl.ip"
    awk -F'\t' '!/^#/ { c[$3]++ } END { for (k in c) print k "\t" c[k] }' "$T/a.log" | sort > "$T/awk.ip"
    if cmp -s "$T/zl.ip" "$T/awk.ip"; then ok "zeeklog id_orig_h counts = awk"
    else bad "zeeklog id_orig_h counts differ from awk:"; diff "$T/awk.ip" "$T/zl.ip" | head -20; fi
    check "zeeklog decodes \\x09 in uri" "$(zl "SELECT count(*) FROM http WHERE instr(uri, char(9))")" \
      "$(count 10 '\\\\x09')"
  fi
fi

if [ "$failed" -ne 0 ]; then echo "$failed check(s) failed"; exit 1; fi
echo "all generator checks passed"

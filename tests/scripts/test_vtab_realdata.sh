#!/bin/sh
# Every Zeek TSV log in tests/data, read with zeek(...), against an independent awk reading of
# the raw file: row count, skip count (lines whose field count or typed values do not parse,
# e.g. the btest placeholder ts XXXXXXXXXX.XXXXXX), declared types, per-column aggregates
# (non-NULL counts, sums, '' counts, decoded byte lengths, set sizes) and a row-by-row dump of
# every column (text decoded from \xNN and \\, sets element by element, ts_iso computed by hand).
# Files with placeholder timestamps are checked twice: as they are (all their rows skipped) and
# as a temporary copy with the placeholders replaced by a real time.
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_vtab_realdata.sh      (from the repo top)
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
case "$EXT" in /*) ;; *) EXT="$(pwd)/$EXT" ;; esac
SQLITE=${SQLITE3:-sqlite3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
LC_ALL=C; export LC_ALL
failures=0; checked=0

# ---- the independent reader --------------------------------------------------------------
# mode=sql: the SQL that asks zeeklog; mode=expect: what it must answer. Both print the same
# record layout, so the two outputs are compared with cmp.
cat > "$TMP/zeek.awk" <<'AWKEOF'
function hexval(h,   v, i, c) {
  v = 0; h = tolower(h)
  for (i = 1; i <= length(h); i++) { c = index("0123456789abcdef", substr(h, i, 1)) - 1; v = v * 16 + c }
  return v
}
# Zeek's writer escapes: \xNN is a byte, \\ is a backslash; anything else is literal.
function dec(s,   out, i, c, hh) {
  out = ""
  while ((i = index(s, "\\")) > 0) {
    out = out substr(s, 1, i - 1)
    c = substr(s, i + 1, 1); hh = substr(s, i + 2, 2)
    if (c == "\\") { out = out "\\"; s = substr(s, i + 2) }
    else if (c == "x" && hh ~ /^[0-9a-fA-F][0-9a-fA-F]$/) { out = out sprintf("%c", hexval(hh)); s = substr(s, i + 4) }
    else { out = out "\\"; s = substr(s, i + 1) }
  }
  return out s
}
function kind(t) {
  if (t == "time" || t == "interval" || t == "double") return "real"
  if (t == "count" || t == "int" || t == "port") return "int"
  if (t == "bool") return "bool"
  if (t ~ /^(set|vector|table)\[/) {
    if (t ~ /\[(count|int|port|double|interval|time)\]$/) return "numset"
    return "strset"
  }
  return "text"     # addr subnet string enum, and anything else (func, file, pattern)
}
function sqltype(k) { return k == "real" ? "REAL" : (k == "int" || k == "bool") ? "INTEGER" : "TEXT" }
function qid(n) { gsub(/\./, "_", n); return "\"" n "\"" }
function sqlstr(s) { gsub(/'/, "''", s); return "'" s "'" }
function days_to_civil(z,   era, doe, yoe, doy, mp, d, m, y) {   # days since 1970-01-01 -> Y-M-D
  z += 719468
  era = int((z >= 0 ? z : z - 146096) / 146097)
  doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400
  doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153)
  d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  if (m <= 2) y++
  return sprintf("%04d-%02d-%02d", y, m, d)
}
function iso(raw,   ip, fr, secs, days, rem) {   # "1342775668.072475" -> 2012-07-20T09:14:28.072475Z
  ip = raw; fr = ""
  if (index(raw, ".")) { ip = substr(raw, 1, index(raw, ".") - 1); fr = substr(raw, index(raw, ".") + 1) }
  fr = substr(fr "000000", 1, 6)
  secs = ip + 0; days = int(secs / 86400); rem = secs - days * 86400
  return days_to_civil(days) sprintf("T%02d:%02d:%02d.", int(rem / 3600), int((rem % 3600) / 60), rem % 60) fr "Z"
}
function valid(v, k, t) {
  if (v == UNSET) return 1
  if (k == "real") return v ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/
  if (k == "bool") return v ~ /^[TF]$/
  if (k == "int") return t == "int" ? v ~ /^-?[0-9]+$/ : v ~ /^[0-9]+$/
  return 1
}
BEGIN { FS = "\t"; SEP = "\t"; SETSEP = ","; EMPTY = "(empty)"; UNSET = "-"; nf = 0; rows = 0; skipped = 0; US = "\037"; RS_ = "\036" }
/^#separator / { SEP = dec(substr($0, 12)); FS = SEP; next }
/^#/ {
  key = $0; val = ""
  if (index($0, SEP)) { key = substr($0, 1, index($0, SEP) - 1); val = substr($0, index($0, SEP) + 1) }
  if (key == "#set_separator") SETSEP = dec(val)
  else if (key == "#empty_field") EMPTY = val
  else if (key == "#unset_field") UNSET = val
  else if (key == "#fields" && nf == 0) { nf = split(val, name, SEP) }
  else if (key == "#types" && ntypes == 0) { ntypes = split(val, type, SEP); for (i = 1; i <= ntypes; i++) k[i] = kind(type[i]) }
  next
}
{
  sub(/\r$/, "")
  if (NF != nf) { skipped++; next }
  ok = 1
  for (i = 1; i <= nf; i++) if (!valid($i, k[i], type[i])) { ok = 0; break }
  if (!ok) { skipped++; next }
  rows++
  line = "row" US FNR
  for (i = 1; i <= nf; i++) {
    v = $i
    if (v == UNSET) {
      out = "<NULL>"
      if (type[i] == "time" && name[i] == "ts") line = line US "<NULL>"
    } else if (k[i] == "real") {
      out = sprintf("%.6f", v + 0); nn[i]++; rsum[i] += v
      if (type[i] == "time" && name[i] == "ts") line = line US iso(v)
    } else if (k[i] == "int" || k[i] == "bool") {
      if (k[i] == "bool") v = (v == "T") ? 1 : 0
      out = v; nn[i]++; isum[i] += v
    } else if (k[i] == "text") {
      out = (v == EMPTY) ? "" : dec(v); nn[i]++
      if (out == "") ne[i]++
      bytes[i] += length(out)
    } else {
      nn[i]++
      if (v == EMPTY) { out = "[]"; ne[i]++ }
      else {
        n = split(v, el, SETSEP); out = "["; elems[i] += n
        for (j = 1; j <= n; j++) {
          if (k[i] == "numset") { e = sprintf("%.6f", el[j] + 0); esum[i] += el[j] }
          else { e = dec(el[j]); bytes[i] += length(e) }
          out = out (j > 1 ? RS_ : "") e
        }
        out = out "]"
      }
    }
    line = line US out
  }
  dump[rows] = line
}
END {
  if (mode == "sql") {
    print ".load " EXT
    print ".nullvalue <NULL>"
    print ".separator \"" US "\" \"\\n\""
    print "CREATE VIRTUAL TABLE temp.t USING zeek(" sqlstr(FILE) ");"
    print "SELECT 'types', group_concat(name || ' ' || type, ' ') FROM pragma_table_info('t');"
    print "SELECT 'rows', count(*) FROM t;"
    print "SELECT 'skipped', zeek_skipped('t');"
    for (i = 1; i <= nf; i++) {
      c = qid(name[i])
      if (k[i] == "real") print "SELECT 'col', " sqlstr(name[i]) ", count(" c "), printf('%.3f', total(" c ")) FROM t;"
      else if (k[i] == "int" || k[i] == "bool") print "SELECT 'col', " sqlstr(name[i]) ", count(" c "), coalesce(sum(" c "), 0) FROM t;"
      else if (k[i] == "text") print "SELECT 'col', " sqlstr(name[i]) ", count(" c "), count(*) FILTER (WHERE " c " = ''), coalesce(sum(length(CAST(" c " AS BLOB))), 0) FROM t;"
      else if (k[i] == "numset") print "SELECT 'col', " sqlstr(name[i]) ", count(" c "), count(*) FILTER (WHERE " c " = '[]'), coalesce(sum(json_array_length(" c ")), 0), (SELECT printf('%.3f', total(j.value)) FROM t AS t2, json_each(t2." c ") AS j) FROM t;"
      else print "SELECT 'col', " sqlstr(name[i]) ", count(" c "), count(*) FILTER (WHERE " c " = '[]'), coalesce(sum(json_array_length(" c ")), 0), (SELECT coalesce(sum(length(CAST(j.value AS BLOB))), 0) FROM t AS t2, json_each(t2." c ") AS j) FROM t;"
    }
    sel = "SELECT 'row', _line"
    for (i = 1; i <= nf; i++) {
      c = qid(name[i])
      if (type[i] == "time" && name[i] == "ts") sel = sel ", ts_iso"
      if (k[i] == "real") sel = sel ", iif(" c " IS NULL, NULL, printf('%.6f', " c "))"
      else if (k[i] == "numset") sel = sel ", iif(" c " IS NULL, NULL, '[' || coalesce((SELECT group_concat(printf('%.6f', value), char(30)) FROM json_each(t." c ")), '') || ']')"
      else if (k[i] == "strset") sel = sel ", iif(" c " IS NULL, NULL, '[' || coalesce((SELECT group_concat(value, char(30)) FROM json_each(t." c ")), '') || ']')"
      else sel = sel ", " c
    }
    print sel " FROM t;"
    exit
  }
  t = ""
  for (i = 1; i <= nf; i++) {
    n = name[i]; gsub(/\./, "_", n)
    t = t (i > 1 ? " " : "") n " " sqltype(k[i])
    if (type[i] == "time" && name[i] == "ts") t = t " ts_iso TEXT"
  }
  print "types" US t
  print "rows" US rows
  print "skipped" US skipped
  for (i = 1; i <= nf; i++) {
    if (k[i] == "real") print "col" US name[i] US nn[i] + 0 US sprintf("%.3f", rsum[i])
    else if (k[i] == "int" || k[i] == "bool") print "col" US name[i] US nn[i] + 0 US sprintf("%.0f", isum[i])
    else if (k[i] == "text") print "col" US name[i] US nn[i] + 0 US ne[i] + 0 US bytes[i] + 0
    else if (k[i] == "numset") print "col" US name[i] US nn[i] + 0 US ne[i] + 0 US elems[i] + 0 US sprintf("%.3f", esum[i])
    else print "col" US name[i] US nn[i] + 0 US ne[i] + 0 US elems[i] + 0 US bytes[i] + 0
  }
  for (r = 1; r <= rows; r++) print dump[r]
}
AWKEOF

# check FILE LABEL MIN_ROWS: compare zeeklog with the awk reading of FILE.
check() {
  f=$1; label=$2; min_rows=$3
  checked=$((checked + 1))
  awk -v mode=expect -f "$TMP/zeek.awk" "$f" > "$TMP/expect" || { echo "FAIL $label: awk"; failures=$((failures + 1)); return; }
  awk -v mode=sql -v EXT="$EXT" -v FILE="$f" -f "$TMP/zeek.awk" "$f" > "$TMP/query.sql"
  "$SQLITE" -batch :memory: < "$TMP/query.sql" > "$TMP/got" 2>&1
  rows=$(grep "^rows" "$TMP/expect" | tr '\037' ' ' | cut -d' ' -f2)
  skipped=$(grep "^skipped" "$TMP/expect" | tr '\037' ' ' | cut -d' ' -f2)
  if [ "$rows" -lt "$min_rows" ]; then
    echo "FAIL $label: the awk reading found only $rows rows (expected at least $min_rows)"
    failures=$((failures + 1)); return
  fi
  if cmp -s "$TMP/expect" "$TMP/got"; then
    echo "ok   $label: $rows rows, $skipped skipped, $(grep -c '^col' "$TMP/expect") columns"
  else
    echo "FAIL $label ($rows rows, $skipped skipped expected): zeeklog differs from the raw file"
    diff "$TMP/expect" "$TMP/got" | tr '\037\036' '|,' | head -40
    failures=$((failures + 1))
  fi
}

# check_all_bad FILE: a file whose every data line is bad (the awk reading's
# count, its first data line's number) is an error that says so.
check_all_bad() {
  f=$1
  checked=$((checked + 1))
  awk -v mode=expect -f "$TMP/zeek.awk" "$f" > "$TMP/expect"
  skipped=$(grep "^skipped" "$TMP/expect" | tr '\037' ' ' | cut -d' ' -f2)
  first=$(awk '!/^#/ && NF { print NR; exit }' "$f")
  got=$("$SQLITE" -batch :memory: ".load $EXT" "CREATE VIRTUAL TABLE temp.t USING zeek('$f')" \
        "SELECT count(*) FROM t" 2>&1)
  want="all $skipped data line"
  case "$got" in
    *"$f: $want"*"(line $first: "*"is not a time)"*) echo "ok   $f (placeholder times): $got" ;;
    *) echo "FAIL $f (placeholder times): got '$got', want '...$want... (line $first: ...is not a time)'"
       failures=$((failures + 1)) ;;
  esac
}

# Every TSV log under tests/data (a '#separator' line near the top; JSON logs are not TSV).
found=0
for f in $(find tests/data -type f | sort); do
  head -n 3 "$f" | grep -q '^#separator ' || continue
  found=$((found + 1))
  if grep -q 'XXXXXXXXXX\.XXXXXX' "$f"; then
    # as is: every line has a placeholder time, so the scan is an error saying so
    check_all_bad "$f"
    # a copy with real times, to check the rest of those lines
    base=$(echo "$f" | tr '/' '_')
    sed 's/XXXXXXXXXX\.XXXXXX/1600000000.123456/g' "$f" > "$TMP/$base"
    check "$TMP/$base" "$f (placeholder times replaced)" 1
  else
    check "$f" "$f" 1
  fi
done

# The counts the brief and tests/data/README.tsv state, so a broken awk reading cannot hide.
expect_count() {
  f=$1; rows=$2; skipped=$3
  out=$("$SQLITE" -batch :memory: ".load $EXT" \
        "CREATE VIRTUAL TABLE temp.t USING zeek('$f')" \
        "SELECT count(*) || ' ' || zeek_skipped('t') FROM t" 2>&1)
  if [ "$out" = "$rows $skipped" ]; then echo "ok   $f: $out"
  elif [ "$rows" = 0 ] && case "$out" in *"all $skipped data line"*) true ;; *) false ;; esac; then
    echo "ok   $f: all $skipped data lines bad: an error"
  else echo "FAIL $f: got '$out', expected '$rows $skipped'"; failures=$((failures + 1)); fi
}
expect_count tests/data/zat/http.log 36 0
expect_count tests/data/zat/conn.log 360 0
expect_count tests/data/zat/dns.log 54 0
expect_count tests/data/brobeat/sample-http.log 133 0
expect_count tests/data/zeek-btest/v2.0-http-mime-and-md5.http.log 5 0
expect_count tests/data/zeek-btest/v3.2.0-http-methods.http.log 49 0
expect_count tests/data/zeek-btest/v9.1.0-dev-ascii-escape-odd-url.http.log 0 1
expect_count tests/data/zeek-btest/v9.1.0-dev-json-non-printable-escaping.http.log.tsv 0 4
expect_count tests/data/zeek-btest/v9.1.0-dev-logging-types.ssh.log 0 1

if [ "$found" -lt 9 ]; then echo "FAIL: expected 9 TSV logs in tests/data, found $found"; failures=$((failures + 1)); fi
echo "$checked checks of $found files, $failures failed"
[ "$failures" -eq 0 ]

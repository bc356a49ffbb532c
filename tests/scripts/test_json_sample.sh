#!/bin/sh
# What the JSON sample (the first 1,000 lines and 1 MiB of a file) decides, and
# what happens after it: a fraction in a column the sample inferred as a count
# is REAL, not a bad line; a key first seen after the sample is counted
# (zeek_stats().unknown_keys) and, with strict=1, an error naming file, line and
# key. The file is written here: 40,000 lines of ~40 bytes (1.6 MB), then the
# late values; expected counts from awk over the file.
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk 'BEGIN { for(i = 1; i <= 40000; i++) printf "{\"ts\":%d.5,\"n\":%d,\"pad\":\"xxxxxxxx\"}\n", 1000000000 + i, i }' > "$T/late.log"
printf '{"ts":2000000000.5,"n":2.5,"pad":"x"}\n{"ts":2000000001.5,"n":3,"pad":"x","late_key":"y"}\n' >> "$T/late.log"
[ "$(wc -c < "$T/late.log")" -gt 1100000 ] || { echo "FAIL: the file must pass the 1 MiB sample"; exit 1; }
lines=$(grep -c . "$T/late.log")
got=$(sqlite3 -batch :memory: ".load $EXT" "CREATE VIRTUAL TABLE temp.t USING zeek('$T/late.log')" \
  "SELECT count(*), (SELECT type FROM pragma_table_info('t') WHERE name = 'n') FROM t" \
  "SELECT n, typeof(n) FROM t WHERE ts > 2000000000" \
  "SELECT json_extract(zeek_stats('t'), '\$.unknown_keys'), json_extract(zeek_stats('t'), '\$.skipped_lines')")
want="$lines|INTEGER
2.5|real
3|integer
1|0"
if [ "$got" = "$want" ]; then echo "ok   after the sample: a fraction in an inferred count is REAL; the late key counted"
else echo "FAIL: got"; echo "$got"; echo "want"; echo "$want"; exit 1; fi
err=$(sqlite3 -batch :memory: ".load $EXT" "CREATE VIRTUAL TABLE temp.s USING zeek('$T/late.log', strict=1)" \
  "SELECT count(*) FROM s" 2>&1 || true)
case "$err" in
  *"late.log:$lines: key 'late_key' is not a column (it was not in the sampled lines) (strict=1)"*)
    echo "ok   strict=1: the late key is an error naming file, line and key" ;;
  *) echo "FAIL: strict=1 gave: $err"; exit 1 ;;
esac

#!/bin/sh
# A file rewritten in place with the same size and mtime (to the nanosecond)
# must not keep the ts facts of its old text: a ts-bounded query after the
# rewrite reads it again (issue 12: it returned 0 of 100 rows). Expected
# counts from awk over the new text.
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
log() {  # FIRST_TS: 100 rows, one a second from FIRST_TS
  printf '#separator \\x09\n#fields\tts\tn\n#types\ttime\tcount\n'
  awk -v t="$1" 'BEGIN { for(i = 0; i < 100; i++) printf "%d.000000\t%d\n", t + i, i }'
}
log 1000000000 > "$T/a.log"
log 2000000000 > "$T/new.log"
cmp -s "$T/a.log" "$T/new.log" && { echo "FAIL: the two texts must differ"; exit 1; }
[ "$(wc -c < "$T/a.log")" = "$(wc -c < "$T/new.log")" ] || { echo "FAIL: sizes differ"; exit 1; }
want=$(awk -F'\t' '!/^#/ && $1 >= 2000000000 { n++ } END { print n + 0 }' "$T/new.log")
# One connection: a full read learns the old text's ts range, then the file is
# rewritten in place (same inode, size and mtime) and queried with a bound.
got=$(sqlite3 -batch :memory: ".load $EXT" \
  "CREATE VIRTUAL TABLE temp.t USING zeek('$T/a.log')" \
  "SELECT count(*) FROM t" \
  ".shell touch -r '$T/a.log' '$T/stamp'; cat '$T/new.log' > '$T/a.log'; touch -r '$T/stamp' '$T/a.log'" \
  "SELECT count(*) FROM t WHERE ts >= 2000000000" 2>&1 | tail -1)
[ "$(stat -c %Y.%y "$T/a.log")" = "$(stat -c %Y.%y "$T/stamp")" ] || { echo "FAIL: mtime not kept"; exit 1; }
if [ "$got" = "$want" ]; then echo "ok   rewritten in place, same size and mtime: $got of $want rows"
else echo "FAIL: after an in-place rewrite the bounded query returned '$got', want $want"; exit 1; fi

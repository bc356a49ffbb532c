#!/bin/sh
# The signature prefilter never changes an answer: every distinct URI and user agent of the
# benchmark's log is classified with the prefilter and with every signature matched alone, and
# the two must agree (tests/tools/prefilter_check.c). The log: bench/data/http-2000000.log when
# it is there (make testdata ROWS=2000000), else 200,000 rows written here by bench/zeekgen.c.
# Also: most values that match nothing must reach no pattern at all (the prefilter's point).
#   sh tests/scripts/test_signature_prefilter.sh      (from the repository's top)
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
LIBS=$(sed -n 's/^ZL_LIBS *= *//p' Makefile)
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Iext -o "$T/check" tests/tools/prefilter_check.c \
  $(make -s --no-print-directory core-sources) $LIBS
LOG=bench/data/http-2000000.log
if [ ! -f "$LOG" ]; then
  ${CC:-cc} -std=c11 -O2 -o "$T/zeekgen" bench/zeekgen.c
  "$T/zeekgen" -n 200000 -s 1 -o "$T/http.log"
  LOG="$T/http.log"
fi
echo "log: $LOG"
sqlite3 :memory: ".load $EXT" \
  "SELECT hex(uri) FROM (SELECT DISTINCT uri FROM zeek_http('$LOG') WHERE uri IS NOT NULL)" > "$T/uri.hex"
sqlite3 :memory: ".load $EXT" \
  "SELECT hex(user_agent) FROM (SELECT DISTINCT user_agent FROM zeek_http('$LOG') WHERE user_agent IS NOT NULL)" > "$T/ua.hex"
failed=0
for kind in attack:uri scanner:ua; do
  set_name=${kind%%:*}; file=${kind#*:}
  if out=$("$T/check" "$set_name" < "$T/$file.hex"); then
    echo "ok   $set_name over distinct ${file}s: $out"
  else
    echo "FAIL $set_name over distinct ${file}s"; failed=1; continue
  fi
  # "N values, M matched, K reached no pattern": K of the N - M that match nothing
  echo "$out" | awk -v what="$set_name" '{ clean = $1 - $3; if (what == "attack" && $5 < 0.9 * clean) {
      printf "FAIL only %d of %d clean values were ruled out before PCRE2\n", $5, clean; exit 1 } }' || failed=1
done
[ "$failed" = 0 ]

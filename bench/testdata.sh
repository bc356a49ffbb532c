#!/bin/sh
# Writes the benchmark's http.logs:  sh bench/testdata.sh ROWS [SEED]
#   -> bench/data/http-ROWS.log and bench/data/http-ROWS.log.gz
# (`make testdata ROWS=...`; SEED also from the environment, default 1).
# Deterministic: the same ROWS and SEED give the same bytes. Files that are
# already there for the same generator source and seed are kept.
set -eu
ROWS=${1:?usage: sh bench/testdata.sh ROWS [SEED]}
SEED=${2:-${SEED:-1}}
TOP=$(cd "$(dirname "$0")/.." && pwd)
DATA="$TOP/bench/data"
GEN="$DATA/zeekgen"
CC=${CC:-cc}
mkdir -p "$DATA"

# The generator: compiled here when missing or older than its source.
if [ ! -x "$GEN" ] || [ "$TOP/bench/zeekgen.c" -nt "$GEN" ]; then
  $CC -std=c11 -O2 -Wall -Wextra -o "$GEN.tmp" "$TOP/bench/zeekgen.c"
  mv "$GEN.tmp" "$GEN"
fi

LOG="$DATA/http-$ROWS.log"
STAMP="$LOG.id"
id="rows=$ROWS seed=$SEED gen=$(cksum < "$TOP/bench/zeekgen.c" | cut -d' ' -f1)"
if [ -f "$LOG" ] && [ -f "$LOG.gz" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$id" ]; then
  echo "testdata: $LOG is up to date ($id)"
  exit 0
fi
rm -f "$STAMP"
echo "testdata: writing $LOG and $LOG.gz ($id)"
# The plain file and its gzip in one pass (gzip -n: no name or time stored,
# so the .gz is reproducible too).
"$GEN" -n "$ROWS" -s "$SEED" | tee "$LOG.tmp" | gzip -n -6 > "$LOG.gz.tmp"
mv "$LOG.tmp" "$LOG"
mv "$LOG.gz.tmp" "$LOG.gz"
echo "$id" > "$STAMP"
ls -l "$LOG" "$LOG.gz"

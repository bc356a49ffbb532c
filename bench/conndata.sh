#!/bin/sh
# Writes the hunt benchmark's logs:  sh bench/conndata.sh ROWS [SEED]
#   -> bench/data/conn-ROWS.log (ROWS rows) and bench/data/dns-ROWS.log
# from bench/conngen.c (a planted beacon, long session and DNS tunnel among
# noise; docs/hunts.md measures the hunt reports on them). Deterministic:
# the same ROWS and SEED give the same bytes; files already there for the
# same generator source and seed are kept.
set -eu
ROWS=${1:?usage: sh bench/conndata.sh ROWS [SEED]}
SEED=${2:-${SEED:-1}}
TOP=$(cd "$(dirname "$0")/.." && pwd)
DATA="$TOP/bench/data"
GEN="$DATA/conngen"
CC=${CC:-cc}
mkdir -p "$DATA"
if [ ! -x "$GEN" ] || [ "$TOP/bench/conngen.c" -nt "$GEN" ]; then
  $CC -std=c11 -O2 -Wall -Wextra -o "$GEN.tmp" "$TOP/bench/conngen.c"
  mv "$GEN.tmp" "$GEN"
fi
CONN="$DATA/conn-$ROWS.log"
DNS="$DATA/dns-$ROWS.log"
STAMP="$CONN.id"
id="rows=$ROWS seed=$SEED gen=$(cksum < "$TOP/bench/conngen.c" | cut -d' ' -f1)"
if [ -f "$CONN" ] && [ -f "$DNS" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$id" ]; then
  echo "conndata: $CONN is up to date ($id)"
  exit 0
fi
rm -f "$STAMP"
echo "conndata: writing $CONN and $DNS ($id)"
"$GEN" -n "$ROWS" -s "$SEED" -o "$CONN.tmp" --dns "$DNS.tmp"
mv "$CONN.tmp" "$CONN"
mv "$DNS.tmp" "$DNS"
echo "$id" > "$STAMP"
ls -l "$CONN" "$DNS"

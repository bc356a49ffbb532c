#!/bin/sh
# The hunt reports (sql/hunt/*.sql) and beacon_score(), on logs written for
# the test (tests/logs/hunt/, made by make_logs.py: a planted beacon, long
# connections, a DNS tunnel, rare agents among noise) and on the real zat
# logs (tests/data/zat/): every report's output, formatted and raw, must
# equal what tests/logs/hunt/hunts.py computes from the logs on its own, and
# so must every pair's score. Also: the planted rows come first, and each
# report stays under 120 columns in the shell's box mode.
#   sh tests/scripts/test_hunts.sh      (from the repository's top)
# Env: ZEEKLOG_EXT (extension path without .so; default build/zeeklog).
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
PY=/usr/bin/python3
H=tests/logs/hunt
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-hunts.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
ok()   { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
same() { # NAME EXPECTED ACTUAL
  if diff -u "$2" "$3" > "$T/diff"; then ok "$1"; else head -n 40 "$T/diff"; fail "$1"; fi
}
[ -f "$EXT.so" ] || { echo "FAIL: no extension at $EXT.so"; exit 1; }

# The test logs are generated: they must be up to date.
mkdir -p "$T/gen"
$PY $H/make_logs.py "$T/gen"
for f in conn dns http; do same "$H/$f.log matches make_logs.py" "$H/$f.log" "$T/gen/$f.log"; done

run() { # CONN DNS HTTP MODE SETUP REPORT
  {
    echo ".load $EXT"
    echo "CREATE VIRTUAL TABLE temp.conn USING zeek('$1');"
    echo "CREATE VIRTUAL TABLE temp.dns USING zeek('$2');"
    echo "CREATE VIRTUAL TABLE temp.http USING zeek('$3');"
    echo "$5"
    echo ".headers on"
    echo ".mode $4"
    echo ".nullvalue -"
    echo ".read $6"
  } | sqlite3 -bail -batch :memory: 2>&1
}

for set in hunt zat; do
  if [ $set = hunt ]; then C=$H/conn.log D=$H/dns.log W=$H/http.log
  else C=tests/data/zat/conn.log D=tests/data/zat/dns.log W=tests/data/zat/http.log; fi
  for f in sql/hunt/*.sql; do
    name=$(basename "$f" .sql)
    run $C $D $W list "" "$f" > "$T/$set.$name.out"
    $PY $H/hunts.py "$name" $C $D $W > "$T/$set.$name.exp" || fail "hunts.py $name"
    same "$set: $name" "$T/$set.$name.exp" "$T/$set.$name.out"
    run $C $D $W list "CREATE TEMP TABLE zeeklog_raw(x);" "$f" > "$T/$set.$name.raw.out"
    $PY $H/hunts.py "$name" raw $C $D $W > "$T/$set.$name.raw.exp" || fail "hunts.py $name raw"
    same "$set: $name (zeeklog_raw)" "$T/$set.$name.raw.exp" "$T/$set.$name.raw.out"
    run $C $D $W box "" "$f" > "$T/$set.$name.box"
    width=$($PY -c 'import sys; print(max([len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")] + [0]))' "$T/$set.$name.box")
    [ "$width" -lt 120 ] && ok "$set: $name is $width columns wide in box mode" \
      || { cat "$T/$set.$name.box"; fail "$set: $name is $width columns wide"; }
  done
  # every pair's score, both forms, against the second method
  score_sql() { # ARGS
    echo ".load $EXT
CREATE VIRTUAL TABLE temp.conn USING zeek('$C');
.nullvalue -
SELECT id_orig_h, id_resp_h, beacon_score($1) FROM conn, (SELECT min(ts) AS lo, max(ts) AS hi FROM conn)
WHERE ts IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;" | sqlite3 -bail -batch :memory: 2>&1
  }
  score_sql "ts, orig_ip_bytes, lo, hi" > "$T/$set.scores.out"
  $PY $H/hunts.py scores $C SPAN > "$T/$set.scores.exp"
  same "$set: beacon_score(ts, orig_ip_bytes, lo, hi) of all $(wc -l < "$T/$set.scores.exp") pairs" \
    "$T/$set.scores.exp" "$T/$set.scores.out"
  score_sql "ts" > "$T/$set.scores1.out"
  $PY $H/hunts.py scores $C > "$T/$set.scores1.exp"
  same "$set: beacon_score(ts) of all pairs" "$T/$set.scores1.exp" "$T/$set.scores1.out"
done

# What was planted comes first.
first() { sed -n 2p "$T/hunt.$1.out" | cut -d'|' -f"$2"; }
[ "$(first 01_beacons 2,3)" = "10.0.0.66|203.0.113.66" ] && ok "the planted beacon is first" \
  || fail "the planted beacon is not first: $(first 01_beacons 2,3)"
[ "$(first 02a_longest_connections 2,3)" = "10.0.0.77|198.51.100.77" ] && ok "the planted 9.5 h ssh session is the longest" \
  || fail "longest connection: $(first 02a_longest_connections 2,3)"
[ "$(first 02b_long_pairs 1,2)" = "10.0.0.78|198.51.100.78" ] && ok "the reconnecting channel has the most connected time" \
  || fail "longest total: $(first 02b_long_pairs 1,2)"
[ "$(first 03_dns_tunnelling 1,2)" = "exfil.example|300" ] && ok "the planted tunnel domain is first, 300 subdomains" \
  || fail "DNS tunnel: $(first 03_dns_tunnelling 1,2)"
[ "$(first 04a_rare_user_agents 1,4)" = "curl/7.1 (x86_64-pc-linux)|10.0.0.66" ] && ok "the planted rare agent is first" \
  || fail "rare agent: $(first 04a_rare_user_agents 1,4)"
grep -q '^exfil.example|' "$T/hunt.03_dns_tunnelling.out" && grep -q '^example.co.uk|4|' "$T/hunt.03_dns_tunnelling.out" \
  && ok "names under a multi-label suffix group under it (example.co.uk)" || fail "example.co.uk"
# the 23-connection hourly pair is not judged (threshold 24)
grep -q '198.51.100.72' "$T/hunt.01_beacons.out" && fail "a pair under 24 connections was judged" \
  || ok "pairs under 24 connections are not judged"

# The reports also run on copies (plain tables) and on views.
{
  echo ".load $EXT"
  echo "CREATE VIRTUAL TABLE temp.src USING zeek('$H/conn.log');"
  echo "CREATE TABLE c AS SELECT * FROM src;"
  echo "CREATE VIEW conn AS SELECT * FROM c;"
  echo ".headers on"
  echo ".nullvalue -"
  echo ".read sql/hunt/01_beacons.sql"
} | sqlite3 -bail -batch :memory: > "$T/view.out" 2>&1
same "01_beacons on a view over a copy" "$T/hunt.01_beacons.out" "$T/view.out"

[ "$fails" = 0 ] && echo "all hunt tests passed" || echo "$fails hunt test(s) failed"
[ "$fails" = 0 ]

#!/bin/sh
# Rebuilds the fuzz seed corpus tests/fuzz/corpus/ from the repository's own
# sample logs: every small log of tests/logs/, the first lines of each real log
# in tests/data/ (licenses: tests/data/README.tsv), a few of them gzip'd (one
# as two concatenated members) or zstd'd, and a few hand-made edge cases.
#   sh tests/fuzz/make_corpus.sh        (from the repository's top)
set -eu
OUT=tests/fuzz/corpus
rm -rf "$OUT"; mkdir -p "$OUT"
for f in tests/logs/*.log; do cp "$f" "$OUT/logs-$(basename "$f")"; done
for f in tests/data/zat/*.log tests/data/zat/json/*.log tests/data/brobeat/*.log \
         tests/data/zeek-btest/*.log tests/data/zeek-btest/*.tsv tests/data/zeek-btest/*.json; do
  [ -f "$f" ] || continue
  name=$(echo "$f" | sed -e 's|^tests/data/||' -e 's|/|-|g')
  head -n 24 "$f" | head -c 6000 > "$OUT/data-$name"
done
gzip -9 -n -c "$OUT/data-zat-http.log" > "$OUT/gz-zat-http.log.gz"
gzip -1 -n -c tests/logs/containers.log > "$OUT/gz-containers.log.gz"
{ gzip -n -c tests/logs/concat_same.log; gzip -n -c tests/logs/crlf.log; } > "$OUT/gz-two-members.log.gz"
# zstd: one frame with its checksum (as zstd writes), two frames without (so that
# mutations reach the parser), and a skippable frame before a frame.
zstd -q -3 -c "$OUT/data-zat-http.log" > "$OUT/zst-zat-http.log.zst"
{ zstd -q --no-check -c tests/logs/concat_same.log; zstd -q --no-check -c tests/logs/crlf.log; } > "$OUT/zst-two-frames.log.zst"
{ printf '\120\052\115\030\004\000\000\000meta'; zstd -q --no-check -c tests/logs/containers.log; } > "$OUT/zst-skippable.log.zst"
# Hand-made edges: a big count, NUL bytes, invalid UTF-8, a long header.
printf '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#fields\tts\tn\ts\tv\n#types\ttime\tcount\tstring\tvector[count]\n1.5\t18446744073709551615\ta\\x00b\t1,18446744073709551615\n2\t18446744073709551616\t\377\376\t-\n-1e300\t-9223372036854775808\tx\000y\t(empty)\n' > "$OUT/edge-numbers.log"
printf 'ts:time uri:string n:count tags:set[enum]\n1.0\t/a\t3\tA,B\n' > "$OUT/edge-fields-spec.log"
printf '#separator \\x7c\\x7c\n#fields||a||b\n#types||double||table[interval]\n1e5||1,2.5\n' > "$OUT/edge-multibyte-sep.log"
# Zeek JSON logs: epoch, millisecond and ISO timestamps, null, arrays, a nested value.
printf '{"ts":1331901000.009999,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":80,"status_code":200,"tags":["A","B"],"ok":true}\n{"ts":1331901001.5,"uid":"C2","status_code":null,"tags":[]}\n' > "$OUT/edge-json-epoch.log"
printf '{"ts":1331901000009,"uid":"C1","trans_depth":1,"TTLs":[3600.0,1.5]}\n{"ts":"2012-03-16T12:30:00.009999Z","uid":"C2","x":{"y":[1,{"z":null}]}}\n' > "$OUT/edge-json-millis-iso.log"
echo "$(ls "$OUT" | wc -l) seeds in $OUT"

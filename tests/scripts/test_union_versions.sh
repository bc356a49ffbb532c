#!/bin/sh
# One table over http.logs of many versions (Bro 2.0, 2.2, 2.5, Zeek 3.2) and a
# JSON twin: the union of their fields by name. Every answer over the glob
# must equal the answers of the files read one by one, added up (each file's
# own table has only its own fields: a field it lacks counts 0 there).
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cp tests/data/zeek-btest/v2.0-http-mime-and-md5.http.log "$T/http.1.log"
cp tests/data/zat/http.log "$T/http.2.log"
cp tests/data/brobeat/sample-http.log "$T/http.3.log"
cp tests/data/zeek-btest/v3.2.0-http-methods.http.log "$T/http.4.log"
"$PY" tests/tools/tsv_to_json.py tests/data/zat/http.log > "$T/http.5.json"
# count(*), then per field a count of its values (0 when the file lacks it),
# sums of numbers, and requests per method
q='SELECT count(*), COUNT_OF(version), COUNT_OF(origin), COUNT_OF(filename), COUNT_OF(mime_type),
  COUNT_OF(resp_mime_types), SUM_OF(status_code), SUM_OF(response_body_len), SUM_OF(id_resp_p) FROM t;
SELECT method, count(*) FROM t GROUP BY 1 ORDER BY 1;'
run() {  # pattern -> answers, with COUNT_OF/SUM_OF of fields the table lacks as 0
  cols=$(sqlite3 -batch :memory: ".load $EXT" "CREATE VIRTUAL TABLE temp.t USING zeek('$1')" \
           "SELECT group_concat(name, ' ') FROM pragma_table_info('t')")
  sql=$q
  for f in version origin filename mime_type resp_mime_types status_code response_body_len id_resp_p; do
    case " $cols " in
      *" $f "*) sql=$(printf '%s' "$sql" | sed "s/COUNT_OF($f)/count($f)/; s/SUM_OF($f)/total($f)/") ;;
      *) sql=$(printf '%s' "$sql" | sed "s/COUNT_OF($f)/0/; s/SUM_OF($f)/0.0/") ;;
    esac
  done
  sqlite3 -batch :memory: ".load $EXT" "CREATE VIRTUAL TABLE temp.t USING zeek('$1')" "$sql"
}
run "$T/http.*" > "$T/glob.out"
: > "$T/each.out"
for f in "$T"/http.*; do run "$f" >> "$T/each.out"; done
# add the per-file answers up: the first line's numbers, and counts per method
"$PY" - "$T/each.out" "$T/summed.out" <<'PYEOF'
import sys
totals, methods = None, {}
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("|")
    if len(parts) == 9:
        nums = [float(x) for x in parts]
        totals = nums if totals is None else [a + b for a, b in zip(totals, nums)]
    else:
        methods[parts[0]] = methods.get(parts[0], 0) + int(parts[1])
with open(sys.argv[2], "w") as out:
    out.write("|".join((str(int(x)) if i < 6 else ("%.1f" % x)) for i, x in enumerate(totals)) + "\n")
    for m in sorted(methods): out.write("%s|%d\n" % (m, methods[m]))
PYEOF
# the glob's sums printed the same way
awk -F'|' 'NR == 1 { for(i = 1; i <= 9; i++) printf "%s%s", (i > 1 ? "|" : ""), (i <= 6 ? $i : sprintf("%.1f", $i)); print ""; next } { print }' \
  "$T/glob.out" > "$T/glob.norm"
if cmp -s "$T/glob.norm" "$T/summed.out"; then
  echo "ok   5 files of 5 http.log versions (one JSON): the glob's answers equal the files' added up"
  head -1 "$T/glob.norm"
else
  echo "FAIL: the glob's answers differ from the files' added up"; diff "$T/summed.out" "$T/glob.norm"; exit 1
fi

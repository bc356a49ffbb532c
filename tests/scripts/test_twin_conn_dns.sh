#!/bin/sh
# A non-http log and its JSON twin agree column by column, value by value:
# the real conn.log and dns.log of tests/data/zat (Bro 2.x TSV) and the JSON
# Zeek would have written for the same records (tests/tools/tsv_to_json.py),
# named conn.log and dns.log so the JSON table takes Zeek's built-in conn and
# dns layouts plus the keys those lack. Every column of the TSV table must be a
# column of the JSON one, with equal values on every row (arrays as JSON
# values: the TSV writes TTLs as 3600.000000, the JSON as 3600.0).
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
PY=${PYTHON:-/usr/bin/python3}; [ -x "$PY" ] || PY=python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for log in conn dns; do
  mkdir -p "$T/$log"
  "$PY" tests/tools/tsv_to_json.py "tests/data/zat/$log.log" > "$T/$log/$log.log"
done
exec "$PY" - "$EXT" "$T" <<'PYEOF'
import json, sqlite3, sys
ext, tmp = sys.argv[1], sys.argv[2]
failed = 0
for log in ("conn", "dns"):
    c = sqlite3.connect(":memory:")
    c.enable_load_extension(True)
    c.load_extension(ext)
    c.execute("CREATE VIRTUAL TABLE temp.t USING zeek('tests/data/zat/%s.log')" % log)
    c.execute("CREATE VIRTUAL TABLE temp.j USING zeek('%s/%s/%s.log')" % (tmp, log, log))
    tcols = [(r[1], r[2]) for r in c.execute("SELECT * FROM pragma_table_info('t')")]
    jcols = {r[1]: r[2] for r in c.execute("SELECT * FROM pragma_table_info('j')")}
    bad = [n for n, _ in tcols if n not in jcols]
    sel = ", ".join('"%s"' % n for n, _ in tcols if n in jcols)
    trows = c.execute("SELECT %s FROM t ORDER BY _line" % sel).fetchall()
    jrows = c.execute("SELECT %s FROM j ORDER BY _line" % sel).fetchall()
    if len(trows) != len(jrows):
        bad.append("%d TSV rows, %d JSON rows" % (len(trows), len(jrows)))
    names = [n for n, _ in tcols if n in jcols]
    for r, (a, b) in enumerate(zip(trows, jrows)):
        for n, x, y in zip(names, a, b):
            if isinstance(x, str) and x.startswith("[") and isinstance(y, str):
                x, y = json.loads(x), json.loads(y)
            if x != y:
                bad.append("row %d %s: TSV %r, JSON %r" % (r + 1, n, x, y))
    if bad:
        failed += 1
        print("FAIL %s twin: %s" % (log, "; ".join(map(str, bad[:5]))))
    else:
        print("ok   %s: %d rows, %d columns equal in its JSON twin" % (log, len(trows), len(names)))
sys.exit(1 if failed else 0)
PYEOF

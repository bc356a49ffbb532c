#!/bin/sh
# Loads the extension from /usr/bin/python3's sqlite3 module (conn.enable_load_extension(True);
# conn.load_extension(path)) and checks exact results, Python types included. The python3 first
# on PATH may be built without extension loading, hence /usr/bin/python3 (or $PYTHON).
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_python.sh      (from the repo top)
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
PY=${PYTHON:-/usr/bin/python3}
if ! "$PY" -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension' 2>/dev/null; then
  echo "FAIL: $PY cannot load SQLite extensions"; exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
ZEEKLOG_EXT="$EXT" ZT_TMP="$TMP" "$PY" - <<'PYEOF'
import json, os, sqlite3, sys

ext = os.environ["ZEEKLOG_EXT"]
failures = []

def check(what, got, want):
    if got == want and type(got) is type(want):
        print("ok  ", what)
    else:
        print("FAIL", what, "\n     got: ", repr(got), "\n     want:", repr(want))
        failures.append(what)

conn = sqlite3.connect(":memory:")
conn.enable_load_extension(True)
conn.load_extension(ext)
conn.enable_load_extension(False)
q = lambda sql, *a: conn.execute(sql, a).fetchall()

check("zeeklog_version() is text", type(q("SELECT zeeklog_version()")[0][0]), str)

conn.execute("CREATE VIRTUAL TABLE temp.http USING zeek('tests/data/zat/http.log')")
check("row count", q("SELECT count(*) FROM http"), [(36,)])
check("first row, Python types",
      q("SELECT ts, ts_iso, uid, id_orig_h, id_orig_p, status_code, referrer, tags, resp_mime_types"
        " FROM http LIMIT 1"),
      [(1342775668.072475, "2012-07-20T09:14:28.072475Z", "CK3HXh1JeUsgptjfg", "192.168.84.10",
        1030, 200, None, "[]", '["text/html"]')])
check("status codes",
      q("SELECT status_code, count(*) FROM http GROUP BY 1 ORDER BY 1"),
      [(200, 31), (301, 1), (302, 2), (404, 2)])
check("zeek_skipped after a full scan", q("SELECT zeek_skipped('http')"), [(0,)])
check("json_each over a vector column",
      q("SELECT j.value, count(*) FROM http, json_each(http.resp_mime_types) AS j"
        " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2"),
      [("image/jpeg", 11), ("binary", 6)])
check("hidden _file/_line", q("SELECT _file, _line FROM http WHERE rowid IN (SELECT min(rowid) FROM http)"),
      [("tests/data/zat/http.log", 9)])

# a parameter in a query over the table
check("bound parameter", q("SELECT count(*) FROM http WHERE host = ?", "chopraresidency.com"), [(1,)])

# errors surface as sqlite3 exceptions naming the path
try:
    conn.execute("CREATE VIRTUAL TABLE temp.nope USING zeek('tests/no/such/http.log')")
    check("missing file is an error", "no error", "error")
except sqlite3.Error as e:
    check("missing file error names the path", "tests/no/such/http.log" in str(e), True)

# a log written here, with the unset/empty markers and an escape
tmp = os.environ["ZT_TMP"]
path = os.path.join(tmp, "mini.log")
with open(path, "w") as f:
    f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            "#path\tmini\n#fields\tts\tname\tok\ttags\n#types\ttime\tstring\tbool\tset[string]\n"
            "1.5\ta\\x09b\tT\tx,y\n2.0\t-\tF\t(empty)\n")
conn.execute("CREATE VIRTUAL TABLE temp.mini USING zeek(?)".replace("?", "'" + path.replace("'", "''") + "'"))
check("mini log", q("SELECT ts, ts_iso, name, ok, tags FROM mini"),
      [(1.5, "1970-01-01T00:00:01.500000Z", "a\tb", 1, '["x","y"]'),
       (2.0, "1970-01-01T00:00:02.000000Z", None, 0, "[]")])

# Zeek JSON log: compare with Python's own reading of the file. No key is lost to
# the first object: every key of every line is a column (the file is an http.log,
# so the columns are http's built-in layout plus any key it lacks).
jpath = "tests/data/zat/json/http.log"
objs = [json.loads(l) for l in open(jpath, encoding="utf-8") if l.strip()]
keys = []
for o in objs:
    keys += [k for k in o if k not in keys]
try:
    conn.execute("CREATE VIRTUAL TABLE temp.jh USING zeek('%s')" % jpath)
    cols = [r[1] for r in q("SELECT * FROM pragma_table_info('jh')")]
    missing = [k for k in keys if k.replace(".", "_") not in cols]
    check("JSON log: every key of every line is a column", missing, [])
    check("JSON log: ts_iso follows ts", cols[cols.index("ts") + 1], "ts_iso")
    sel = ", ".join('"%s"' % k.replace(".", "_") for k in keys)
    got = q("SELECT %s FROM jh" % sel)
    check("JSON log: row count", len(got), len(objs))
    bad = []
    for n, (o, row) in enumerate(zip(objs, got)):
        for k, v in zip(keys, row):
            w = o.get(k)
            if isinstance(w, list):
                v = json.loads(v) if v is not None else None
            elif isinstance(w, bool):
                w = int(w)
            if v != w:
                bad.append((n + 1, k, v, w))
    check("JSON log: every value of every row", bad[:5], [])
except sqlite3.Error as e:
    check("JSON log readable", str(e), "no error")

conn.close()
print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
PYEOF

#!/bin/sh
# Every real JSON log under tests/data read by zeek(...) against Python's own
# json module, value by value: no row lost to an inferred type, no key lost to
# the first object (every key of every line is a column), and every value as
# Python reads it (numbers equal, strings equal, true/false 1/0, arrays equal
# as JSON, ISO or millisecond times as epoch seconds). Zeek's JSON baselines
# with placeholder times (XXXXXXXXXX.XXXXXX) are not JSON and are left out.
set -eu
EXT=${ZEEKLOG_EXT:-build/zeeklog}
PY=${PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
exec "$PY" - "$EXT" <<'PYEOF'
import datetime, glob, json, math, os, sqlite3, sys

EXT = sys.argv[1]
failures = 0
files = [f for f in sorted(glob.glob("tests/data/**/*", recursive=True))
         if os.path.isfile(f) and open(f, "rb").read(1) == b"{"]

def epoch(v, is_time):
    """What zeeklog makes of a time member: ISO text, whole milliseconds, seconds."""
    if not is_time or v is None:
        return v
    if isinstance(v, str):
        t = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
        return t.timestamp()
    if isinstance(v, int) and abs(v) >= 1e11:
        return v / 1000.0
    return float(v)

for path in files:
    lines = [l for l in open(path, encoding="utf-8") if l.strip()]
    objs = [json.loads(l) for l in lines]
    keys = []
    for o in objs:
        keys += [k for k in o if k not in keys]
    c = sqlite3.connect(":memory:")
    c.enable_load_extension(True)
    c.load_extension(EXT)
    c.execute("CREATE VIRTUAL TABLE temp.j USING zeek('%s', names=zeek)" % path.replace("'", "''"))
    info = {r[1]: r[2] for r in c.execute("SELECT * FROM pragma_table_info('j')")}
    missing = [k for k in keys if k not in info]
    bad = []
    if missing:
        bad.append("keys with no column: %s" % missing[:5])
    else:
        sel = ", ".join('"%s"' % k.replace('"', '""') for k in keys)
        rows = c.execute("SELECT %s FROM j" % sel).fetchall()
        if len(rows) != len(objs):
            bad.append("%d rows, Python reads %d" % (len(rows), len(objs)))
        for n, (o, row) in enumerate(zip(objs, rows)):
            for k, got in zip(keys, row):
                want = o.get(k)
                is_time = info[k] == "REAL" and k in ("ts", "_write_ts")
                want = epoch(want, is_time)
                if isinstance(want, bool):
                    want = int(want)
                if isinstance(want, list):
                    got = json.loads(got) if got is not None else None
                ok = got == want or (isinstance(got, float) and isinstance(want, float)
                                     and math.isclose(got, want, rel_tol=0, abs_tol=5e-7) and is_time)
                if not ok:
                    bad.append("line %d %s: got %r, Python %r" % (n + 1, k, got, want))
    stats = json.loads(c.execute("SELECT zeek_stats('j')").fetchone()[0])
    if stats["skipped_lines"] or stats["unknown_keys"]:
        bad.append("stats %s" % stats)
    c.close()
    if bad:
        failures += 1
        print("FAIL %s: %s" % (path, "; ".join(bad[:4])))
    else:
        print("ok   %s: %d rows, %d keys, every value" % (path, len(objs), len(keys)))
if len(files) < 10:
    print("FAIL: expected at least 10 real JSON logs, found %d" % len(files))
    failures += 1
print("%d of %d JSON logs failed" % (failures, len(files)))
sys.exit(1 if failures else 0)
PYEOF

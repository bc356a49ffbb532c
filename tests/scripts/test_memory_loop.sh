#!/bin/sh
# No growth across repeated queries: 1,000 rounds in one connection, from /usr/bin/python3
# with the extension loaded, each round running every kind of query the extension serves:
# a full scan with conversions (text, sets as JSON, ts_iso, group by), a gzip file through
# zeek_http() (the inflating thread), CREATE/DROP of a table (the header probe), a JSON log,
# a headerless schema='http' file, a glob, a query abandoned after one row (gzip thread
# still running), errors (missing file, corrupt gzip, strict=1 on a bad line, bad option).
# After 100 warm-up rounds the process's RSS, open descriptors and threads are noted; after
# the last round RSS may have grown by at most 4 MB and descriptors/threads not at all.
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_memory_loop.sh      (from the repo top)
# ROUNDS (default 1000); PYTHON (default /usr/bin/python3). Under tests/sanitize.sh
# (ZEEKLOG_SANITIZE=1) the rounds run (ASan checks every access) but RSS is not judged:
# ASan's quarantine holds freed memory on purpose.
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
case "$EXT" in /*) ;; *) EXT="$(pwd)/$EXT" ;; esac
PY=${PYTHON:-/usr/bin/python3}
if ! "$PY" -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension' 2>/dev/null; then
  echo "FAIL: $PY cannot load SQLite extensions"; exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
cp tests/logs/json_basic.log tests/logs/headerless_http.log "$TMP/" 2>/dev/null
ZEEKLOG_EXT="$EXT" ZT_TMP="$TMP" ZT_DATA="$(pwd)/tests/data/zat/http.log" "$PY" - <<'PYEOF'
import gzip, os, shutil, sqlite3, sys, time

EXT = os.environ["ZEEKLOG_EXT"]
TMP = os.environ["ZT_TMP"]
SANITIZED = os.environ.get("ZEEKLOG_SANITIZE") == "1"
ROUNDS = int(os.environ.get("ROUNDS", "200" if SANITIZED else "1000"))
WARMUP = min(100, ROUNDS // 5)

def status(key):
    for l in open("/proc/self/status"):
        if l.startswith(key + ":"): return int(l.split()[1])
def rss_kb(): return status("VmRSS")
def threads(): return status("Threads")
def fds(): return len(os.listdir("/proc/self/fd"))

plain = os.path.join(TMP, "http.log")
shutil.copy(os.environ["ZT_DATA"], plain)
gz = os.path.join(TMP, "http.log.gz")
with open(plain, "rb") as f: body = f.read()
with open(gz, "wb") as f: f.write(gzip.compress(body * 10, compresslevel=1))
# Big enough (8 MB inflated) that a query stopped after one row leaves the inflating
# thread waiting on a full ring, mid-file.
big_gz = os.path.join(TMP, "big.log.gz")
with open(big_gz, "wb") as f: f.write(gzip.compress(body * 900, compresslevel=1))
bad_gz = os.path.join(TMP, "bad.log.gz")
with open(bad_gz, "wb") as f: f.write(gzip.compress(body)[:-40])
bad_line = os.path.join(TMP, "bad.log")
with open(bad_line, "wb") as f: f.write(body.replace(b"\t200\t", b"\tTWO\t", 1))
for k in range(5): shutil.copy(plain, os.path.join(TMP, "glob.%d.log" % k))
json_log = os.path.join(TMP, "json_basic.log")
headerless = os.path.join(TMP, "headerless_http.log")

def q(p): return "'" + p.replace("'", "''") + "'"

conn = sqlite3.connect(":memory:")
conn.enable_load_extension(True)
conn.load_extension(EXT)
conn.execute("CREATE VIRTUAL TABLE temp.http USING zeek(%s)" % q(plain))
conn.execute("CREATE VIRTUAL TABLE temp.strict USING zeek(%s, strict=1)" % q(bad_line))
conn.execute("CREATE VIRTUAL TABLE temp.bad USING zeek(%s)" % q(plain))   # its file goes away below
if os.path.exists(json_log):
    conn.execute("CREATE VIRTUAL TABLE temp.j USING zeek(%s)" % q(json_log))
if os.path.exists(headerless):
    conn.execute("CREATE VIRTUAL TABLE temp.h USING zeek(%s, schema='http')" % q(headerless))
conn.execute("CREATE VIRTUAL TABLE temp.g USING zeek(%s)" % q(os.path.join(TMP, "glob.*.log")))
moved = os.path.join(TMP, "gone.log")
shutil.copy(plain, moved)
conn.execute("DROP TABLE temp.bad")
conn.execute("CREATE VIRTUAL TABLE temp.bad USING zeek(%s)" % q(moved))
os.unlink(moved)

expected = None
def round_():
    global expected
    out = []
    out.append(conn.execute("SELECT count(*), sum(length(uri)), count(ts_iso), max(status_code),"
                            " sum(json_array_length(resp_mime_types)) FROM http").fetchone())
    out.append(tuple(conn.execute("SELECT method, count(*) FROM http GROUP BY 1 ORDER BY 2 DESC")))
    out.append(conn.execute("SELECT count(*), count(DISTINCT host) FROM zeek_http(?)", (gz,)).fetchone())
    out.append(conn.execute("SELECT uid FROM zeek_http(?) LIMIT 1", (big_gz,)).fetchone())   # abandoned
    conn.execute("CREATE VIRTUAL TABLE temp.tmp USING zeek(%s)" % q(plain))
    out.append(conn.execute("SELECT count(*) FROM tmp WHERE uri LIKE '%.js%'").fetchone())
    conn.execute("DROP TABLE temp.tmp")
    out.append(conn.execute("SELECT count(*), count(DISTINCT _file) FROM g").fetchone())
    if os.path.exists(json_log):
        out.append(tuple(conn.execute("SELECT * FROM j")))
    if os.path.exists(headerless):
        out.append(tuple(conn.execute("SELECT * FROM h")))
    for sql, args in (("SELECT count(*) FROM zeek_http(?)", (bad_gz,)),
                      ("SELECT count(*) FROM strict", ()),
                      ("SELECT count(*) FROM bad", ()),
                      ("SELECT count(*) FROM zeek_http(?)", (os.path.join(TMP, "nope*.log"),)),
                      ("CREATE VIRTUAL TABLE temp.x USING zeek(%s, max_line=1)" % q(plain), ())):
        try:
            conn.execute(sql, args).fetchall()
            out.append("no error: " + sql)
        except sqlite3.Error as e:
            out.append(str(e))
    if expected is None: expected = out
    elif out != expected:
        print("FAIL results changed between rounds:\n  %r\n  %r" % (expected, out)); sys.exit(1)

t0 = time.time()
for i in range(WARMUP): round_()
base = (rss_kb(), fds(), threads())
for i in range(WARMUP, ROUNDS): round_()
end = (rss_kb(), fds(), threads())
secs = time.time() - t0
print("rounds %d in %.1fs; after warm-up: RSS %d kB, %d fds, %d threads; at the end: RSS %d kB, %d fds, %d threads"
      % (ROUNDS, secs, base[0], base[1], base[2], end[0], end[1], end[2]))
failed = 0
if end[1] != base[1]: print("FAIL descriptors leaked: %d -> %d" % (base[1], end[1])); failed = 1
if end[2] != base[2]: print("FAIL threads leaked: %d -> %d" % (base[2], end[2])); failed = 1
if SANITIZED: print("ok   RSS not judged under ASan")
elif end[0] - base[0] > 4096: print("FAIL RSS grew by %d kB over %d rounds" % (end[0] - base[0], ROUNDS - WARMUP)); failed = 1
else: print("ok   RSS grew by %d kB over %d rounds" % (end[0] - base[0], ROUNDS - WARMUP))
conn.close()
print("results of the last round:", *expected[:4], sep="\n  ")
sys.exit(failed)
PYEOF

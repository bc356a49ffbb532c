#!/bin/sh
# Live and damaged files: what a query over each returns, and that none crashes.
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_damaged.sh      (from the repo top)
# Cases (docs/reliability.md, "Damaged and unusual files", lists what the user sees for each):
#   live       a log appended to (line per write, as Zeek writes; and in arbitrary chunks)
#              while queries read it: rows are whole lines, in order, from line 1; only a
#              query's very last row may be the writer's unfinished last line
#   truncate   a file truncated mid-query (to 0, to mid-line), rewritten in place, renamed
#              away (rotation); a .gz truncated mid-query: an error, not a partial success
#   gzip       a gzip stream cut short, corrupted in the middle, with a bad CRC, with
#              trailing garbage, the bare magic bytes: errors naming the file
#   long line  a 50 MB line: skipped and counted by default (max_line 16 MiB), read
#              whole with max_line=67108864; memory stays bounded by max_line
#   bytes      NUL bytes, CRLF line ends, invalid UTF-8 (raw and \xNN-escaped)
#   wide       a 100k-field header: an error, quickly; also with schema='http'
#   glob       a glob over 3000 files (and with only 64 file descriptors)
#   numbers    counts up to 2^64-1 (beyond INT64_MAX: REAL), beyond: the line is skipped
#   blanks     rows between runs of blank lines (up to 20 million): line numbers kept
# PYTHON: the interpreter (default /usr/bin/python3, which can load extensions).
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
ZEEKLOG_EXT="$EXT" ZT_TMP="$TMP" "$PY" - <<'PYEOF'
import gzip, json, os, resource, sqlite3, subprocess, sys, time

EXT = os.environ["ZEEKLOG_EXT"]
TMP = os.environ["ZT_TMP"]
SANITIZED = os.environ.get("ZEEKLOG_SANITIZE") == "1"
failures = []

def ok(what): print("ok  ", what)
def fail(what, detail=""):
    print("FAIL", what, detail)
    failures.append(what)
def check(what, got, want):
    if got == want: ok(what)
    else: fail(what, "\n     got:  %r\n     want: %r" % (got, want))

def connect(text_bytes=False):
    c = sqlite3.connect(":memory:")
    c.enable_load_extension(True)
    c.load_extension(EXT)
    if text_bytes: c.text_factory = bytes
    return c

def q(path):
    """A path as an SQL string literal (module arguments cannot be bound)."""
    return "'" + path.replace("'", "''") + "'"

def create(conn, path, opts="", name="t"):
    conn.execute("CREATE VIRTUAL TABLE temp.%s USING zeek(%s%s)" % (name, q(path), opts and ", " + opts))

def error_of(conn, sql, args=()):
    """The error message a statement ends with, or None; rows are consumed."""
    try:
        for _ in conn.execute(sql, args): pass
        return None
    except sqlite3.Error as e:
        return str(e)

HEADER = ("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
          "#path\thttp\n#open\t2024-01-01-00-00-00\n")
FIELDS = ["ts", "uid", "id.orig_h", "id.orig_p", "method", "uri", "status_code", "tail"]
TYPES = ["time", "string", "addr", "port", "string", "string", "count", "string"]
HEAD = HEADER + "#fields\t" + "\t".join(FIELDS) + "\n#types\t" + "\t".join(TYPES) + "\n"
HEAD_LINES = HEAD.count("\n")

LINE_SRC = r'''
def line(i):
    return ("%d.%06d\tC%08d\t10.0.%d.%d\t%d\tGET\t/p/%d?q=%s\t%d\tEND%08d\n"
            % (1700000000 + i, i % 1000000, i, i % 256, i // 256 % 256, i % 65536, i,
               "x" * (i % 97), 200 + i % 5, i))
'''
exec(LINE_SRC)

def expected_row(i):
    return ("C%08d" % i, "/p/%d?q=%s" % (i, "x" * (i % 97)), 200 + i % 5, "END%08d" % i,
            HEAD_LINES + 1 + i)

ROW_SQL = "SELECT uid, uri, status_code, tail, _line FROM t"

def check_prefix_rows(rows, what, allow_partial_last=True):
    """rows must be data lines 0..k-1 in order; the last may be an unfinished line
    (every field right but the last, which is a prefix). Returns (whole, partial)."""
    for r, row in enumerate(rows):
        want = expected_row(r)
        if row == want: continue
        last = r == len(rows) - 1
        if (last and allow_partial_last and row[:3] == want[:3] and row[4] == want[4]
                and want[3].startswith(row[3] or "")):
            return r, 1
        fail(what, "row %d: got %r, want %r" % (r, row, want))
        return r, -1
    return len(rows), 0

def write_log(path, n, start=0):
    with open(path, "w") as f:
        f.write(HEAD)
        for i in range(start, start + n): f.write(line(i))

# ---- live: appended while queried -------------------------------------------------
WRITER = r'''
import os, random, sys, time
path, n, mode = sys.argv[2], int(sys.argv[3]), sys.argv[4]
exec(open(sys.argv[1]).read())
rng = random.Random(7)
fd = os.open(path, os.O_WRONLY | os.O_APPEND)
os.write(fd, HEAD.encode())
pending = b""
for i in range(n):
    if mode == "lines":
        os.write(fd, line(i).encode())                 # one write per line, as Zeek does
    else:
        pending += line(i).encode()
        if len(pending) > rng.randint(1, 3000):        # buffered: cut anywhere
            k = rng.randint(1, len(pending))
            os.write(fd, pending[:k]); pending = pending[k:]
    if i % 50 == 0: time.sleep(0.002)
os.write(fd, pending)
os.close(fd)
'''
lib = os.path.join(TMP, "zlines.py")
with open(lib, "w") as f: f.write("HEAD = %r\n" % HEAD + LINE_SRC)
with open(os.path.join(TMP, "writer.py"), "w") as f: f.write(WRITER)

for mode in ("lines", "chunks"):
    path = os.path.join(TMP, "live-%s.log" % mode)
    open(path, "w").close()
    N = 20000
    w = subprocess.Popen([sys.executable, os.path.join(TMP, "writer.py"), lib, path, str(N), mode])
    conn = connect()
    while os.path.getsize(path) < len(HEAD) + 10: time.sleep(0.001)
    create(conn, path)
    queries = partial = errors = 0
    seen = []
    while w.poll() is None or queries == 0:
        try:
            rows = conn.execute(ROW_SQL).fetchall()
        except sqlite3.Error as e:
            errors += 1; fail("live %s: query error" % mode, str(e)); break
        whole, p = check_prefix_rows(rows, "live %s: rows are whole lines in order" % mode)
        if p < 0: break
        partial += p
        skipped = conn.execute("SELECT zeek_skipped('t')").fetchone()[0]
        if skipped > 1: fail("live %s: skipped %d lines in one query (at most the last)" % (mode, skipped)); break
        seen.append(len(rows)); queries += 1
    w.wait()
    rows = conn.execute(ROW_SQL).fetchall()
    whole, p = check_prefix_rows(rows, "live %s: the finished file" % mode, allow_partial_last=False)
    check("live %s: the finished file has every line, none skipped" % mode,
          (whole, conn.execute("SELECT zeek_skipped('t')").fetchone()[0]), (N, 0))
    if errors == 0 and queries > 1 and len(set(seen)) > 1:
        ok("live %s: %d queries while it grew (%d..%d rows), %d ended on an unfinished line"
           % (mode, queries, min(seen), max(seen), partial))
    elif errors == 0:
        fail("live %s: the queries did not overlap the writer (%d queries)" % (mode, queries))
    conn.close()

# ---- truncated, rewritten, renamed mid-query ------------------------------------
BIG_N = 60000                                  # ~5.5 MB: several 1 MiB reads
def mid_query(action, path, gz=False):
    """Reads 2000 rows, does action(), then reads on. Returns (rows, error)."""
    conn = connect()
    create(conn, path)
    cur = conn.execute(ROW_SQL)
    rows = cur.fetchmany(2000)
    action()
    err = None
    try:
        rows += cur.fetchall()
    except sqlite3.Error as e:
        err = str(e)
    skipped = conn.execute("SELECT zeek_skipped('t')").fetchone()[0]
    conn.close()
    return rows, err, skipped

path = os.path.join(TMP, "trunc0.log"); write_log(path, BIG_N)
rows, err, sk = mid_query(lambda: os.truncate(path, 0), path)
whole, p = check_prefix_rows(rows, "truncate to 0: rows are whole lines")
if err is None and 2000 <= whole < BIG_N and p >= 0:
    ok("truncated to 0 mid-query: the query ends early, no error (%d whole rows, %d unfinished, %d skipped)"
       % (whole, p, sk))
else: fail("truncated to 0 mid-query", "rows=%d err=%r" % (len(rows), err))

path = os.path.join(TMP, "trunc-mid.log"); write_log(path, BIG_N)
cut = os.path.getsize(path) * 2 // 3 + 17                 # mid-line, past the buffered part
rows, err, sk = mid_query(lambda: os.truncate(path, cut), path)
whole, p = check_prefix_rows(rows, "truncate mid-line: rows are whole lines")
with open(path) as f: complete = f.read().count("\n") - HEAD_LINES
if err is None and whole == complete and p + sk == 1:
    ok("truncated mid-line mid-query: every whole line before the cut; the cut line "
       + ("a row with a cut last field" if p else "skipped"))
else: fail("truncated mid-line mid-query", "whole=%d complete=%d partial=%d skipped=%d err=%r"
           % (whole, complete, p, sk, err))

path = os.path.join(TMP, "rewrite.log"); write_log(path, BIG_N)
def rewrite():
    with open(path, "w") as f:                 # copytruncate-style: same inode, new text
        f.write(HEAD)
        for i in range(BIG_N): f.write(line(i).replace("GET", "PUT"))
rows, err, sk = mid_query(rewrite, path)
if err is None and len(rows) >= 2000: ok("rewritten in place mid-query: no crash (%d rows, %d skipped)" % (len(rows), sk))
else: fail("rewritten in place mid-query", "rows=%d err=%r" % (len(rows), err))

path = os.path.join(TMP, "rotate.log"); write_log(path, BIG_N)
def rotate():
    os.rename(path, path + ".1")                # zeekctl rotation: the old file moves away
    with open(path, "w") as f: f.write(HEAD)
rows, err, sk = mid_query(rotate, path)
whole, p = check_prefix_rows(rows, "renamed mid-query: rows", allow_partial_last=False)
check("renamed away mid-query: the open file is read to its end", (whole, err, sk), (BIG_N, None, 0))

path = os.path.join(TMP, "trunc.log.gz")
with open(path, "wb") as f:
    # ~40 MB inflated, ~15 MB compressed: far more than the inflating thread reads ahead.
    body = "".join(line(i) for i in range(400000)).encode()
    f.write(gzip.compress(HEAD.encode() + body, compresslevel=1))
rows, err, sk = mid_query(lambda: os.truncate(path, 1000000), path)
whole, p = check_prefix_rows(rows, "gzip truncated mid-query: rows", allow_partial_last=False)
if err and "truncated" in err and "trunc.log.gz" in err and whole < 400000:
    ok("gzip truncated mid-query: error %r after %d whole rows" % (err, whole))
else: fail("gzip truncated mid-query", "rows=%d err=%r" % (len(rows), err))

# ---- gzip damaged at rest -------------------------------------------------------
plain = (HEAD + "".join(line(i) for i in range(3000))).encode()
gz = gzip.compress(plain, compresslevel=6)
cases = {
    "cut short": gz[:len(gz) // 2],
    "cut in the trailer": gz[:-3],
    "corrupt middle": gz[:len(gz) // 2] + bytes(b ^ 0x5a for b in gz[len(gz) // 2:len(gz) // 2 + 64]) + gz[len(gz) // 2 + 64:],
    "bad CRC": gz[:-8] + bytes([gz[-8] ^ 1]) + gz[-7:],
    "bad length": gz[:-4] + bytes([gz[-4] ^ 1]) + gz[-3:],
    "bad header": gz[:3] + b"\xff" + gz[4:],
    "bare magic": b"\x1f\x8b",
    "magic and method": b"\x1f\x8b\x08",
}
for name, data in cases.items():
    p = os.path.join(TMP, "bad-%s.log.gz" % name.replace(" ", "-"))
    with open(p, "wb") as f: f.write(data)
    conn = connect()
    err = error_of(conn, "SELECT count(*) FROM zeek_http(?)", (p,))
    if err is None:
        try:
            create(conn, p)
            err = error_of(conn, "SELECT * FROM t")
        except sqlite3.Error as e:
            err = str(e)
    if err and os.path.basename(p) in err: ok("gzip %s: error %r" % (name, err))
    else: fail("gzip %s: an error naming the file" % name, repr(err))
    conn.close()
p = os.path.join(TMP, "garbage-after.log.gz")
with open(p, "wb") as f: f.write(gz + b"this is not gzip\n")
conn = connect()
try:
    create(conn, p)
    err = error_of(conn, "SELECT * FROM t")
except sqlite3.Error as e:
    err = str(e)
if err and "garbage-after.log.gz" in err: ok("gzip with trailing garbage: error %r" % err)
else: fail("gzip with trailing garbage: an error naming the file", repr(err))
conn.close()

# ---- a 50 MB line -----------------------------------------------------------------
path = os.path.join(TMP, "long.log")
with open(path, "w") as f:
    f.write(HEAD + line(0))
    f.write(line(1).replace("?q=", "?q=" + "A" * (50 * 1024 * 1024)))
    f.write(line(2))
probe = r'''
import json, sqlite3, sys
c = sqlite3.connect(":memory:"); c.enable_load_extension(True); c.load_extension(sys.argv[1])
opt = sys.argv[3]
c.execute("CREATE VIRTUAL TABLE temp.t USING zeek('%s'%s)" % (sys.argv[2], "" if opt == "-" else ", " + opt))
n, longest = c.execute("SELECT count(*), max(length(uri)) FROM t").fetchone()
hwm = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
print(json.dumps([n, longest, c.execute("SELECT zeek_skipped('t')").fetchone()[0], hwm // 1024]))
'''
def run_probe(opt):
    out = subprocess.run([sys.executable, "-c", probe, EXT, path, opt], capture_output=True, text=True)
    if out.returncode != 0: return out.stderr[-400:], 0
    n, longest, skipped, rss = json.loads(out.stdout)
    return (n, longest, skipped), rss
# Peak RSS as VmHWM: ru_maxrss would be inherited from this (big) process across fork+exec.
base = subprocess.run([sys.executable, "-c", "import sqlite3; print([int(l.split()[1]) for l in "
                       "open('/proc/self/status') if l.startswith('VmHWM:')][0] // 1024)"],
                      capture_output=True, text=True)
base_rss = int(base.stdout)
got, rss = run_probe("-")
check("50 MB line, default max_line: skipped and counted", got, (2, len("/p/2?q=xx"), 1))
if not SANITIZED:
    if rss - base_rss < 16 + 40: ok("50 MB line skipped in bounded memory (%d MB, %d MB before)" % (rss, base_rss))
    else: fail("50 MB line skipped in bounded memory", "+%d MB" % (rss - base_rss))
got, rss = run_probe("max_line=67108864")
check("50 MB line, max_line=67108864: read whole", got, (3, len("/p/1?q=x") + 50 * 1024 * 1024, 0))
got, rss = run_probe("max_line=64")
head_lines = HEAD.count("\n")
check("max_line=64: every line is longer: the scan says all its data lines are bad",
      "all 3 data lines are bad (line %d: line longer than max_line=64 bytes)" % (head_lines + 1) in str(got),
      True)
conn = connect()
check("max_line below 64 is refused",
      "max_line" in (error_of(conn, "CREATE VIRTUAL TABLE temp.x USING zeek(%s, max_line=10)" % q(path)) or ""), True)
conn.close()

# ---- NUL bytes, CRLF, invalid UTF-8 ------------------------------------------------
path = os.path.join(TMP, "bytes.log")
with open(path, "wb") as f:
    f.write(HEAD.encode())
    f.write(line(0).replace("GET", "G\x00T").encode())             # NUL in text
    f.write(line(1).replace("\t201\t", "\t2\x0001\t").encode())      # NUL in a count: bad line
    f.write(line(2).replace("GET", "G\\x00T").encode())             # an escaped NUL
    f.write(line(3).replace("GET", "\xff\xfe").encode("latin-1"))   # raw invalid UTF-8
    f.write(line(4).replace("GET", "\\xff\\xfe").encode())          # escaped invalid UTF-8
    f.write(b"\x00" * 100 + b"\n")                                    # a line of NULs
    f.write(line(5).encode())
conn = connect(text_bytes=True)
create(conn, path)
rows = conn.execute("SELECT uid, method, hex(method), length(method) FROM t").fetchall()
check("NUL and invalid UTF-8 bytes: values as bytes", rows, [
    (b"C00000000", b"G\x00T", b"470054", 1),
    (b"C00000002", b"G\x00T", b"470054", 1),
    (b"C00000003", b"\xff\xfe", b"FFFE", 2),
    (b"C00000004", b"\xff\xfe", b"FFFE", 2),
    (b"C00000005", b"GET", b"474554", 3)])
check("NUL in a count, a line of NULs: skipped", conn.execute("SELECT zeek_skipped('t')").fetchone()[0], 2)
conn.close()
conn = connect()
create(conn, path)
err = error_of(conn, "SELECT method FROM t")
check("invalid UTF-8 with Python's default text_factory: Python's decode error",
      err is not None and "decode" in err.lower(), True)
check("invalid UTF-8 selected as hex(): fine", conn.execute("SELECT count(hex(method)) FROM t").fetchone()[0], 5)
conn.close()

path = os.path.join(TMP, "crlf.log"); lf = os.path.join(TMP, "lf.log")
write_log(lf, 50)
with open(lf) as f: text = f.read()
with open(path, "w", newline="") as f: f.write(text.replace("\n", "\r\n"))
mixed = os.path.join(TMP, "mixed.log")
with open(mixed, "w", newline="") as f:
    f.write("".join(l + ("\r\n" if k % 2 else "\n") for k, l in enumerate(text.split("\n")[:-1])))
conn = connect()
want = conn.execute("SELECT * FROM zeek_http(?)", (lf,)).fetchall()
for name, p in (("CRLF", path), ("mixed LF/CRLF", mixed)):
    conn.execute("DROP TABLE IF EXISTS temp.t")
    create(conn, p)
    got = conn.execute(ROW_SQL).fetchall()
    check("%s line ends: the same rows as LF" % name, (got, conn.execute("SELECT zeek_skipped('t')").fetchone()[0]),
          ([expected_row(i) for i in range(50)], 0))
conn.close()

# ---- a 100k-field header ----------------------------------------------------------
path = os.path.join(TMP, "wide.log")
n = 100000
with open(path, "w") as f:
    f.write(HEADER + "#fields\t" + "\t".join("f%d" % i for i in range(n)) + "\n")
    f.write("#types\t" + "\t".join(["string"] * n) + "\n" + "\t".join(["x"] * n) + "\n")
conn = connect()
t0 = time.time()
err = error_of(conn, "CREATE VIRTUAL TABLE temp.w USING zeek(%s)" % q(path))
check("100k-field header: an error", err is not None, True)
print("     (%s)" % err)
err2 = error_of(conn, "SELECT count(*) FROM zeek_http(?)", (path,))
check("100k-field header, read by name (zeek_http): max_fields error",
      err2 is not None and "max_fields" in err2, True)
print("     (%s)" % err2)
err3 = error_of(conn, "CREATE VIRTUAL TABLE temp.w2 USING zeek(%s, schema='http')" % q(path)) or \
       error_of(conn, "SELECT count(*) FROM w2")
check("100k-field header, schema='http': max_fields error", err3 is not None and "max_fields" in err3, True)
if time.time() - t0 < 10: ok("100k-field header: refused in %.2fs" % (time.time() - t0))
else: fail("100k-field header: slow", "%.1fs" % (time.time() - t0))
conn.close()

# A hostile header: 1M one-letter fields in #fields and #types (4 MB of file). Refusing it
# must not first build a million-field schema: memory bounded by max_fields, not the line.
path = os.path.join(TMP, "hostile-header.log")
n = 1000000
with open(path, "w") as f:
    f.write(HEADER + "#fields\t" + "\t".join(["a"] * n) + "\n#types\t" + "\t".join(["a"] * n) + "\nx\n")
hdr_probe = r'''
import sqlite3, sys, time
c = sqlite3.connect(":memory:"); c.enable_load_extension(True); c.load_extension(sys.argv[1])
t0 = time.time()
for sql in ("CREATE VIRTUAL TABLE temp.t USING zeek('%s')" % sys.argv[2],
            "SELECT count(*) FROM zeek_http('%s')" % sys.argv[2]):
    try: c.execute(sql).fetchall(); print("no error")
    except sqlite3.Error as e: print("error:", e)
hwm = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
print(hwm // 1024, round(time.time() - t0, 2))
'''
out = subprocess.run([sys.executable, "-c", hdr_probe, EXT, path], capture_output=True, text=True)
lines = out.stdout.splitlines()
if out.returncode == 0 and len(lines) == 3 and all(l.startswith("error:") for l in lines[:2]):
    ok("1M-field header: refused (%s)" % lines[0])
    peak, secs = lines[2].split()
    if not SANITIZED:
        if int(peak) - base_rss < 64: ok("1M-field header: refused in bounded memory (%s MB peak, %ss)" % (peak, secs))
        else: fail("1M-field header: refused in bounded memory (max_fields)",
                   "peak %s MB (%d MB before) for a %d MB file, %ss" % (peak, base_rss,
                   os.path.getsize(path) >> 20, secs))
else: fail("1M-field header: refused", out.stdout + out.stderr[-400:])

# Many tiny rows read into many columns: a 2 MB file of 1M two-byte lines ("1\n") under a
# one-field header, read by zeek_http() (33 columns, matched by name). Parsed rows wait in
# chunks for the query: their memory must stay bounded, not rows x columns x 24 bytes.
path = os.path.join(TMP, "tiny-rows.log")
with open(path, "w") as f:
    f.write(HEADER + "#fields\tts\n#types\ttime\n" + "1\n" * 1000000)
rows_probe = r'''
import sqlite3, sys
c = sqlite3.connect(":memory:"); c.enable_load_extension(True); c.load_extension(sys.argv[1])
print(c.execute("SELECT count(*) FROM zeek_http('%s')" % sys.argv[2]).fetchone()[0])
print([int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")][0] // 1024)
'''
out = subprocess.run([sys.executable, "-c", rows_probe, EXT, path], capture_output=True, text=True)
res = out.stdout.split()
if len(res) == 2 and res[0] == "1000000":
    if SANITIZED: ok("1M tiny rows through zeek_http: all read")
    elif int(res[1]) - base_rss < 128: ok("1M tiny rows through zeek_http: %s MB peak" % res[1])
    else: fail("1M tiny rows through zeek_http: bounded memory",
               "peak %s MB (%d MB before) for a 2 MB file" % (res[1], base_rss))
else: fail("1M tiny rows through zeek_http", out.stdout + out.stderr[-300:])

# A hostile JSON log: a first object with 150k keys (2 MB). The schema comes from its keys:
# refused (max_fields) at once, not after comparing every key with every other.
path = os.path.join(TMP, "keys.json.log")
with open(path, "w") as f:
    f.write("{" + ",".join('"k%d":%d' % (i, i) for i in range(150000)) + "}\n")
json_probe = r'''
import sqlite3, sys, time
c = sqlite3.connect(":memory:"); c.enable_load_extension(True); c.load_extension(sys.argv[1])
t0 = time.time()
try: c.execute("CREATE VIRTUAL TABLE temp.t USING zeek('%s')" % sys.argv[2]); print("no error")
except sqlite3.Error as e: print("error:", e)
print(round(time.time() - t0, 2))
'''
try:
    out = subprocess.run([sys.executable, "-c", json_probe, EXT, path], capture_output=True,
                         text=True, timeout=10 if not SANITIZED else 60)
    res = out.stdout.splitlines()
    if len(res) == 2 and res[0].startswith("error:"):
        ok("JSON object with 150k keys: refused in %ss (%s)" % (res[1], res[0]))
    else: fail("JSON object with 150k keys: refused", out.stdout + out.stderr[-300:])
except subprocess.TimeoutExpired:
    fail("JSON object with 150k keys: refused quickly", "still running after 10s (a quadratic schema build?)")

# JSON numbers beyond a double's range (1e999): no Inf in a REAL, valid JSON in set text.
path = os.path.join(TMP, "inf.json.log")
with open(path, "w") as f:
    f.write('{"ts":1.5,"uid":"C0","a":[1.5],"n":1}\n{"ts":1e999,"uid":"C1","a":[1.5],"n":1}\n'
            '{"ts":2.5,"uid":"C2","a":[2.5,1e999,-1e999],"n":1}\n{"ts":3.5,"uid":"C3","a":[1.5],"n":-1e999}\n')
conn = connect()
create(conn, path, "fields='ts:time uid:string a:vector[double] n:double'")
rows = conn.execute("SELECT uid, ts, a, json_valid(a), n FROM t").fetchall()
bad = [r for r in rows if any(isinstance(v, float) and v in (float("inf"), float("-inf")) for v in r)
       or r[3] == 0]
check("JSON numbers beyond double range: no Inf values, no invalid JSON text", bad, [])
conn.close()

# ---- a glob over 3000 files -------------------------------------------------------
gdir = os.path.join(TMP, "glob")
os.mkdir(gdir)
for k in range(3000):
    with open(os.path.join(gdir, "http.%04d.log" % k), "w") as f:
        f.write(HEAD + line(2 * k) + line(2 * k + 1))
glob_probe = r'''
import resource, sqlite3, sys
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
c = sqlite3.connect(":memory:"); c.enable_load_extension(True); c.load_extension(sys.argv[1])
c.execute("CREATE VIRTUAL TABLE temp.t USING zeek('%s')" % sys.argv[2])
print(*c.execute("SELECT count(*), count(DISTINCT _file), min(uid), max(uid) FROM t").fetchone())
print(*c.execute("SELECT count(*) FROM t WHERE _file LIKE '%http.2999.log'").fetchone())
'''
t0 = time.time()
out = subprocess.run([sys.executable, "-c", glob_probe, EXT, os.path.join(gdir, "http.*.log")],
                     capture_output=True, text=True)
check("glob over 3000 files, 64 descriptors: every row, in order",
      out.stdout.split(), ["6000", "3000", "C00000000", "C00005999", "2"])
if out.returncode != 0: print(out.stderr[-600:])
if time.time() - t0 < 15: ok("glob over 3000 files: %.2fs" % (time.time() - t0))
else: fail("glob over 3000 files: slow", "%.1fs" % (time.time() - t0))

# ---- huge numbers -----------------------------------------------------------------
path = os.path.join(TMP, "numbers.log")
vals = ["18446744073709551615", "18446744073709551616", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "99999999999999999999999", "0", "-", ""]
with open(path, "w") as f:
    f.write(HEADER + "#fields\tk\tn\tv\n#types\tcount\tcount\tvector[count]\n")
    for k, v in enumerate(vals): f.write("%d\t%s\t%s\n" % (k, v, v or "-"))
conn = connect()
create(conn, path)
rows = conn.execute("SELECT k, n, typeof(n), v FROM t").fetchall()
check("huge counts: up to 2^64-1 (REAL past INT64_MAX; inside a vector the digits as written); beyond: the line is skipped", rows, [
    (0, 18446744073709551615.0, "real", "[18446744073709551615]"),
    (2, 9223372036854775807, "integer", "[9223372036854775807]"),
    (3, 9223372036854775808.0, "real", "[9223372036854775808]"),
    (4, -9223372036854775808, "integer", "[-9223372036854775808]"),
    (7, 0, "integer", "[0]"),
    (8, None, "null", None),
    (9, None, "null", None)])
check("huge counts: skipped", conn.execute("SELECT zeek_skipped('t')").fetchone()[0], 3)
conn.close()

# ---- blank runs: rows between runs of blank lines of every length (none, one, CRLF ones,
# 5000, 300,000, 20 million: more than a chunk's line bound) keep their line numbers, plain and
# gzip'd; the expected numbers are counted here line by line.
runs = [0, 1, 2, 5000, 0, 300000, 1, 20000000, 3]
parts, want, lineno = [HEAD], [], HEAD_LINES
for i, blanks in enumerate(runs):
    parts.append("\n" * blanks if i % 4 != 2 else "\r\n" * blanks)
    lineno += blanks + 1
    parts.append(line(i))
    want.append(expected_row(i)[:4] + (lineno,))
parts.append("\n" * 7)
text = "".join(parts)
blank_path = os.path.join(TMP, "blank_runs.log")
with open(blank_path, "w") as f: f.write(text)
with gzip.open(blank_path + ".gz", "wt", compresslevel=1) as f: f.write(text)
for path in (blank_path, blank_path + ".gz"):
    conn = connect()
    create(conn, path)
    t0 = time.time()
    check("blank runs (%s): every row, at its line" % os.path.basename(path),
          conn.execute(ROW_SQL + " ORDER BY _line").fetchall(), want)
    check("blank runs (%s): nothing skipped" % os.path.basename(path),
          conn.execute("SELECT zeek_skipped('t')").fetchone()[0], 0)
    took = time.time() - t0
    if not SANITIZED:
        if took < 3: ok("20 million blank lines read in %.2f s" % took)
        else: fail("20 million blank lines read quickly", "%.2f s" % took)
    conn.close()

print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
PYEOF

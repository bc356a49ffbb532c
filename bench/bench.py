"""bench/bench.py — the driver of `make bench` (run it through bench/bench.sh).

Times each question T1-T6 as a whole process (one process per question, warm
page cache), several runs, median, for zeeklog and the alternatives an analyst
would reach for, checks that they all give the same answers; then the main job
(the whole triage report, bench/mainjob.py) against DuckDB running the same
reports; and writes the results as markdown to bench/RESULTS.md.

Environment (all optional):
  BENCH_SIZES        row counts, default "200000 2000000" (add 20000000 for the growth)
  BENCH_RUNS         timed runs per tool and question, default 5 (after one check run)
  BENCH_PANDAS_RUNS  timed pandas runs, default 1 (its check run counts as one)
  BENCH_PANDAS_MAX   largest size pandas runs on, default 2000000 (~2.5 GB RSS there)
  BENCH_TOOLS        comma list to run only some: cat,zeeklog,sqlite3,duckdb,mawk,gawk,pandas
  BENCH_PARTS        questions,mainjob,json (default all): the T1-T6 questions, the main job,
                     the JSON rows (bench/json_bench.py, run by bench.sh: RESULTS-json.md)
  BENCH_MAINJOB_RUNS timed main-job runs per tool and file, default BENCH_RUNS up to
                     2M rows and 1 above
  BENCH_OUT          results file, default bench/RESULTS.md
  ZEEKLOG_EXT        the extension without .so, default build/zeeklog
"""
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

import mainjob

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(TOP, "bench")
DATA = os.path.join(BENCH, "data")
EXT = os.environ.get("ZEEKLOG_EXT", os.path.join(TOP, "build", "zeeklog"))
if not os.path.isabs(EXT):
    EXT = os.path.join(TOP, EXT)
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "200000 2000000").split()]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PANDAS_RUNS = int(os.environ.get("BENCH_PANDAS_RUNS", "1"))
PANDAS_MAX = int(os.environ.get("BENCH_PANDAS_MAX", "2000000"))
ONLY = [t for t in os.environ.get("BENCH_TOOLS", "").split(",") if t]
OUT = os.environ.get("BENCH_OUT", os.path.join(BENCH, "RESULTS.md"))
PARTS = [p for p in os.environ.get("BENCH_PARTS", "questions,mainjob,json").split(",") if p]
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
QUESTIONS = ["T1", "T2", "T3", "T4", "T5", "T6"]
QTEXT = {
    "T1": "count rows",
    "T2": "count per status_code",
    "T3": "top 5 source IPs",
    "T4": "per hour: count and modal status",
    "T5": "top 5 user agents + scanner rows",
    "T6": "top 5 IPs among 403/404",
}
SCANNER_RE = r"DirBuster|Nmap Scripting Engine|SF/2\.03b|Nikto|sqlmap"
ENV = dict(os.environ, LC_ALL="C")

# ---- the questions in SQL ------------------------------------------------
# One text for zeeklog and for sqlite3 on the imported table (only the table
# differs). With zeeklog's functions: mode() and is_scanner_ua(); without
# them (extension missing or not finished), plain SQL with the same answers.
SQL_COMMON = {
    "T1": "SELECT count(*) FROM http;",
    "T2": "SELECT status_code, count(*) FROM http GROUP BY 1 ORDER BY 2 DESC, 1;",
    "T3": "SELECT id_orig_h, count(*) FROM http GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5;",
    "T6": "SELECT id_orig_h, count(*) FROM http WHERE status_code IN (403, 404) "
          "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5;",
}
SQL_T4_MODE = (
    "SELECT strftime('%Y-%m-%d %H', h * 3600, 'unixepoch'), n, m FROM "
    "(SELECT CAST(ts / 3600 AS INTEGER) AS h, count(*) AS n, mode(status_code) AS m "
    "FROM http GROUP BY 1) ORDER BY 1;")
SQL_T4_PLAIN = (
    "WITH c AS MATERIALIZED (SELECT CAST(ts / 3600 AS INTEGER) AS h, status_code AS s, "
    "count(*) AS n FROM http GROUP BY 1, 2) "
    "SELECT strftime('%Y-%m-%d %H', h * 3600, 'unixepoch'), sum(n), "
    "(SELECT s FROM c AS d WHERE d.h = c.h AND s IS NOT NULL ORDER BY n DESC, s LIMIT 1) "
    "FROM c GROUP BY h ORDER BY h;")
SQL_T5 = (
    "WITH u AS MATERIALIZED (SELECT user_agent AS ua, count(*) AS n FROM http GROUP BY 1) "
    "SELECT * FROM (SELECT ua, n FROM u ORDER BY n DESC, ua LIMIT 5) "
    "UNION ALL SELECT 'scanner rows', sum(n) FROM u WHERE {cond};")


# zeeklog's T4 groups by the zeek table's hidden ts_hour column (a grouped
# scan, no sort of every row); a native table has no such column.
SQL_T4_ZEEK = ("SELECT strftime('%Y-%m-%d %H', ts_hour, 'unixepoch'), count(*), mode(status_code) "
               "FROM http GROUP BY ts_hour ORDER BY 1;")


def sql_for(q, funcs, zeek=False):
    if q in SQL_COMMON:
        return SQL_COMMON[q]
    if q == "T4":
        if zeek and "ts_hour" in funcs:
            return SQL_T4_ZEEK
        return SQL_T4_MODE if "mode" in funcs else SQL_T4_PLAIN
    cond = ("is_scanner_ua(ua)" if "is_scanner_ua" in funcs
            else "ua REGEXP '%s'" % SCANNER_RE)
    return SQL_T5.format(cond=cond)


SCHEMA = (
    "CREATE TABLE http(ts REAL, uid TEXT, id_orig_h TEXT, id_orig_p INTEGER, id_resp_h TEXT, "
    "id_resp_p INTEGER, trans_depth INTEGER, method TEXT, host TEXT, uri TEXT, referrer TEXT, "
    "user_agent TEXT, request_body_len INTEGER, response_body_len INTEGER, "
    "status_code INTEGER, status_msg TEXT, info_code INTEGER, info_msg TEXT, filename TEXT, "
    "tags TEXT, username TEXT, password TEXT, proxied TEXT, orig_fuids TEXT, "
    "orig_mime_types TEXT, resp_fuids TEXT, resp_mime_types TEXT);")


def sq(s):
    return "'" + s.replace("'", "''") + "'"


# ---- running ---------------------------------------------------------------
def run(argv, out=None):
    """Runs argv (a list, or a string for sh -c) under /usr/bin/time -f %M.
    Returns (seconds, peak RSS KiB, exit code, stdout text or None, stderr)."""
    if isinstance(argv, str):
        argv = ["sh", "-c", argv]
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss.name] + argv
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE if out else subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=ENV, cwd=TOP)
        dt = time.perf_counter() - t0
        lines = [l for l in rss.read().split("\n") if l.strip()]
    try:
        kb = int(lines[-1])
    except (IndexError, ValueError):
        kb = 0
    text = p.stdout.decode("utf-8", "replace") if out else None
    return dt, kb, p.returncode, text, p.stderr.decode("utf-8", "replace")


def normalize(q, text):
    lines = [l.rstrip("\r ") for l in text.split("\n") if l.strip()]
    if q in ("T2", "T4"):  # whole groupings: order does not matter
        lines.sort()
    return "\n".join(lines)


def have(cmd):
    return subprocess.run(["sh", "-c", "command -v " + cmd], stdout=subprocess.DEVNULL).returncode == 0


def zeeklog_funcs():
    """Which of zeeklog's functions the built extension has (empty if none)."""
    if not os.path.exists(EXT + ".so"):
        return None
    got = set()
    for f, probe in (("mode", "SELECT mode(1);"), ("is_scanner_ua", "SELECT is_scanner_ua('x');"),
                     ("ts_hour", "CREATE VIRTUAL TABLE temp.t USING zeek('%s'); SELECT ts_hour FROM t LIMIT 0;"
                      % os.path.join(TOP, "tests", "reports", "http.log")),
                     ("zeek", "SELECT count(*) FROM pragma_module_list WHERE name = 'zeek';")):
        p = subprocess.run(["sqlite3", "-batch", ":memory:", "-cmd", ".load " + EXT, probe],
                           capture_output=True, text=True, env=ENV)
        if p.returncode == 0 and (f != "zeek" or p.stdout.strip() == "1"):
            got.add(f)
    return got


# ---- the tools ---------------------------------------------------------------
class Tool:
    def __init__(self, key, label, cmd, check=True, runs=None, note=""):
        self.key, self.label, self.cmd, self.check, self.note = key, label, cmd, check, note
        self.runs = RUNS if runs is None else runs


def tools_for(log, db, funcs, rows, gz=False):
    """The tools for one file (gz: the .gz case, T1/T2 only)."""
    ts = []
    zl_sql = funcs is not None and "zeek" in funcs
    sqlite_base = ["sqlite3", "-batch", "-tabs", "-nullvalue", "-"]
    if gz:
        ts.append(Tool("cat", "zcat (floor)", lambda q: ["zcat", log], check=False))
    else:
        ts.append(Tool("cat", "cat (floor)", lambda q: ["cat", log], check=False))
    if zl_sql:
        ts.append(Tool("zeeklog", "zeeklog", lambda q: sqlite_base + [
            ":memory:", "-cmd", ".load " + EXT,
            "-cmd", "CREATE VIRTUAL TABLE temp.http USING zeek(%s)" % sq(log),
            sql_for(q, funcs, zeek=True)]))
    if not gz and db:
        load = ["-cmd", ".load " + EXT] if funcs else []
        ts.append(Tool("sqlite3", "sqlite3 (imported)", lambda q: sqlite_base + [
            "-readonly", db] + load + [sql_for(q, funcs or set())]))
    if os.path.exists(os.path.join(BENCH, "node_modules", "@duckdb", "node-api")):
        ts.append(Tool("duckdb", "DuckDB read_csv",
                       lambda q: ["node", os.path.join(BENCH, "duckdb_q.mjs"), q, log]))
    for awk in ("mawk", "gawk"):
        if have(awk):
            prog = lambda q, awk=awk: [awk, "-F", "\t", "-f", os.path.join(BENCH, "awk", "lib.awk"),
                                       "-f", os.path.join(BENCH, "awk", q.lower() + ".awk")]
            if gz:
                ts.append(Tool(awk, "zcat | " + awk, lambda q, prog=prog: "zcat %s | %s" % (
                    shlex.quote(log), " ".join(shlex.quote(a) for a in prog(q)))))
            else:
                ts.append(Tool(awk, awk, lambda q, prog=prog: prog(q) + [log]))
    if not gz and rows <= PANDAS_MAX and subprocess.run(
            [PY, "-c", "import pandas"], capture_output=True).returncode == 0:
        ts.append(Tool("pandas", "pandas", lambda q: [PY, os.path.join(BENCH, "pandas_q.py"), q, log],
                       runs=PANDAS_RUNS))
    if ONLY:
        ts = [t for t in ts if t.key in ONLY or t.key == "cat"]
    return ts


def bench_file(tools, questions, log_name):
    """Returns {q: {tool key: (median s, peak KiB, runs, answer ok)}} and the check notes."""
    res, notes = {}, []
    for q in questions:
        res[q] = {}
        samples, rss, answers = {}, {}, {}
        for t in tools:  # the check run: also warms each tool up
            dt, kb, rc, text, err = run(t.cmd(q), out=t.check)
            if rc != 0:
                notes.append("%s %s on %s: exit %d: %s" % (t.label, q, log_name, rc, err.strip()[:300]))
                continue
            if t.check:
                answers[t.key] = normalize(q, text)
            samples[t.key] = [dt] if t.key == "pandas" else []
            rss[t.key] = kb
        for i in range(RUNS):  # round robin, so drift hits every tool alike
            for t in tools:
                if t.key in samples and len(samples[t.key]) < t.runs:
                    dt, kb, rc, _, err = run(t.cmd(q))
                    if rc != 0:  # e.g. the extension rebuilt under us: no number
                        notes.append("%s %s on %s: timed run exit %d: %s" % (
                            t.label, q, log_name, rc, err.strip()[:300]))
                        del samples[t.key]
                        continue
                    samples[t.key].append(dt)
                    rss[t.key] = max(rss[t.key], kb)
        ref_key = next((k for k in ("mawk", "gawk", "duckdb", "sqlite3", "zeeklog")
                        if k in answers), None)
        for t in tools:
            if t.key not in samples:
                continue
            ok = None
            if t.check and ref_key:
                ok = answers[t.key] == answers[ref_key]
                if not ok:
                    notes.append(answer_diff(q, log_name, t.label, ref_key, answers[ref_key],
                                             answers[t.key]))
            res[q][t.key] = (statistics.median(samples[t.key]), rss[t.key], len(samples[t.key]), ok)
        line = "  %s %-34s " % (q, QTEXT[q]) + "  ".join(
            "%s %.3fs" % (k, v[0]) for k, v in res[q].items())
        print(line, flush=True)
    return res, notes


def answer_diff(q, log_name, label, ref_key, ref, got):
    import difflib
    d = list(difflib.unified_diff(ref.split("\n"), got.split("\n"), ref_key, label, lineterm="", n=0))
    return "%s %s on %s: answer differs from %s:\n```\n%s\n```" % (
        label, q, log_name, ref_key, "\n".join(d[:20]))


def import_sqlite(log, db):
    """Imports the log into a native SQLite table; returns (seconds, KiB)."""
    if os.path.exists(db):
        os.remove(db)
    script = "\n".join([
        SCHEMA, ".mode ascii", '.separator "\\t" "\\n"',
        ".import %s http" % ('"|grep -v \'^#\' ' + log + '"'),
        "UPDATE http SET status_code = NULL WHERE status_code = '-';", ""])
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script)
    try:
        dt, kb, rc, _, err = run(["sqlite3", "-batch", db, ".read " + f.name], out=True)
    finally:
        os.unlink(f.name)
    if rc != 0:
        raise SystemExit("sqlite3 import failed: " + err)
    return dt, kb


# ---- reporting -------------------------------------------------------------
def fmt_s(v):
    return "%.3f" % v if v < 10 else "%.1f" % v


def ratio(a, b):
    return "%.2fx" % (a / b) if a and b else "—"


def mib(kb):
    return "%.0f" % (kb / 1024.0)


def cell(res, q, k):
    v = res[q].get(k)
    if not v:
        return "—"
    mark = "" if v[3] in (None, True) else " ✗"
    return fmt_s(v[0]) + mark


def versions():
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, env=ENV).stdout.strip().split("\n")[0]
        except OSError:
            return "—"
    v = {}
    v["sqlite3"] = out(["sqlite3", "--version"]).split(" ")[0]
    v["mawk"] = out(["mawk", "-W", "version"]).replace("mawk ", "", 1)
    v["gawk"] = out(["gawk", "--version"]).split(",")[0].replace("GNU Awk ", "")
    v["pandas"] = out([PY, "-c", "import pandas; print(pandas.__version__)"])
    v["DuckDB"] = out(["node", "-e", "console.log(require('%s/node_modules/@duckdb/node-api/package.json').version)"
                       % BENCH])
    v["node"] = out(["node", "--version"])
    if os.path.exists(EXT + ".so"):
        v["zeeklog"] = out(["sqlite3", ":memory:", "-cmd", ".load " + EXT, "SELECT zeeklog_version();"])
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return v, "%s, %d cores, %s %s" % (cpu, os.cpu_count(), platform.system(), platform.release())


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def bench_mainjob(rows, log):
    """The whole triage on each variant of the log, zeeklog and DuckDB in turn.
    Returns ({(tool, variant): (median s, peak KiB, runs)}, load averages,
    check notes) and the notes."""
    runs = int(os.environ.get("BENCH_MAINJOB_RUNS", RUNS if rows <= 2000000 else 1))
    print("  main job (whole triage), %d run(s) each:" % runs, flush=True)
    att, scn = mainjob.maps(TOP, EXT, log, ENV)
    cmds = mainjob.commands(TOP, EXT, log, att, scn)
    if ONLY:
        cmds = {k: v for k, v in cmds.items() if k[0].split("_")[0] in ONLY}
    for k in cmds:  # warm the page cache
        subprocess.run(["cat", cmds[k][-3 if k[0].startswith("duckdb") else -1]], stdout=subprocess.DEVNULL)
    notes, samples, rss, checks = [], {}, {}, {}
    load = [loadavg()]
    base_text = None
    for k, argv in cmds.items():  # the check run
        dt, kb, rc, text, err = run(argv, out=True)
        if rc != 0:
            notes.append("main job, %s on %s: exit %d: %s" % (k[0], k[1], rc, err.strip()[:300]))
            continue
        samples[k], rss[k] = [], kb
        if k[0].startswith("duckdb"):
            diffs = mainjob.check(TOP, EXT, log, text, ENV)
            checks[k] = not diffs
            notes += ["main job, %s on %s (%d rows) differs from zeeklog: %s" % (k[0], k[1], rows, d)
                      for d in diffs]
        elif k[1] == "tsv":
            base_text = text
            checks[k] = True
        else:  # .gz and JSON: the same report as the TSV's
            checks[k] = base_text is not None and text == base_text
            if not checks[k]:
                notes.append("main job, zeeklog on %s (%d rows): its report differs from the TSV's" % (k[1], rows))
    for i in range(runs):  # round robin
        for k, argv in cmds.items():
            if k in samples:
                dt, kb, rc, _, err = run(argv)
                if rc != 0:
                    notes.append("main job, %s on %s: timed run exit %d" % (k[0], k[1], rc))
                    del samples[k]
                    continue
                samples[k].append(dt)
                rss[k] = max(rss[k], kb)
    load.append(loadavg())
    res = {k: (statistics.median(v), rss[k], len(v), checks.get(k)) for k, v in samples.items() if v}
    for key, label, _, _ in mainjob.VARIANTS:
        line = "  ".join("%s %.3fs (%s MiB)" % (t, res[(t, key)][0], mib(res[(t, key)][1]))
                         for t in ("zeeklog", "duckdb", "duckdb_view") if (t, key) in res)
        print("    %-10s" % label + (line or "—"), flush=True)
    return dict(res=res, load=load, runs=runs), notes


def main():
    funcs = zeeklog_funcs()
    if funcs is None or "zeek" not in (funcs or set()):
        print("bench: %s.so missing or without the zeek module: zeeklog is left out" % EXT, flush=True)
    vers, machine = versions()
    report = {}
    all_notes = []
    for rows in SIZES:
        log = os.path.join(DATA, "http-%d.log" % rows)
        gz = log + ".gz"
        db = os.path.join(DATA, "http-%d.sqlite" % rows)
        subprocess.run(["sh", os.path.join(BENCH, "testdata.sh"), str(rows)], check=True, cwd=TOP)
        for f in (log, gz, log, gz):  # warm the page cache
            subprocess.run(["cat", f], stdout=subprocess.DEVNULL)
        print("bench: %d rows, %s (%.0f MB)" % (rows, log, os.path.getsize(log) / 1e6), flush=True)
        imp = None
        res, gres = {q: {} for q in QUESTIONS}, {q: {} for q in ("T1", "T2")}
        if "questions" in PARTS:
            if not ONLY or "sqlite3" in ONLY:
                imp = import_sqlite(log, db)
                print("  sqlite3 import: %.2fs, %s MiB" % (imp[0], mib(imp[1])), flush=True)
            res, notes = bench_file(tools_for(log, db if imp else None, funcs, rows), QUESTIONS,
                                    os.path.basename(log))
            print("  gzip:", flush=True)
            gres, gnotes = bench_file(tools_for(gz, None, funcs, rows, gz=True), ["T1", "T2"],
                                      os.path.basename(gz))
            all_notes += notes + gnotes
        report[rows] = dict(log=log, size=os.path.getsize(log), gzsize=os.path.getsize(gz),
                            imp=imp, res=res, gres=gres, main=None)
        if "mainjob" in PARTS and funcs and "zeek" in funcs:
            report[rows]["main"], notes = bench_mainjob(rows, log)
            all_notes += notes
        if os.path.exists(db):
            os.remove(db)  # a 2M-row table is ~600 MB
    md = render(report, all_notes, funcs, vers, machine)
    with open(OUT, "w") as f:
        f.write(md)
    print("\nbench: wrote " + os.path.relpath(OUT, TOP))
    if all_notes:
        print("bench: %d answer/exit problem(s), see RESULTS.md" % len(all_notes))


def render(report, notes, funcs, vers, machine):
    knobs = []
    if SIZES != [200000, 2000000]:
        knobs.append("BENCH_SIZES='%s'" % " ".join(str(s) for s in SIZES))
    for k in ("BENCH_RUNS", "BENCH_PANDAS_RUNS", "BENCH_PANDAS_MAX", "BENCH_TOOLS", "BENCH_PARTS",
              "BENCH_MAINJOB_RUNS"):
        if os.environ.get(k):
            knobs.append("%s=%s" % (k, shlex.quote(os.environ[k])))
    cmd = " ".join(knobs + ["make bench"])
    o = []
    o.append("# zeeklog benchmark results\n")
    o.append("Command: `%s` (%d timed runs). Machine: %s. Generated %s UTC.\n" % (
        cmd, RUNS, machine, time.strftime("%Y-%m-%d %H:%M", time.gmtime())))
    o.append("Versions: " + ", ".join("%s %s" % (k, v) for k, v in vers.items() if v) + ".\n")
    o.append("Data: `bench/data/http-N.log` from `make testdata ROWS=N` (deterministic generator "
             "bench/zeekgen.c, seed 1): Bro 2.x 27-column http.log, notebook-like mix. Each cell is "
             "the median wall time in seconds of one whole process answering one question, page "
             "cache warm, after one untimed check run; ✗ marks an answer that differs from awk's.\n")
    o.append("How each tool answers: zeeklog = `sqlite3 :memory:` + `.load build/zeeklog` + "
             "`CREATE VIRTUAL TABLE temp.http USING zeek('FILE')` + the query; sqlite3 (imported) = "
             "the same SQL on a native table filled by `.import` beforehand (import timed apart)%s; "
             "DuckDB = `read_csv(...)` per question from node (`@duckdb/node-api`; its time includes "
             "node's and DuckDB's start-up, most of its 200k-row time); awk = one `awk -F'\\t'` program per question (bench/awk/); pandas = "
             "the notebook's `read_csv` of all columns, then the question (bench/pandas_q.py). "
             "T5's scanner rows: zeeklog %s; the others match the regex `%s` on the user agent.\n" % (
                 ", zeeklog's functions loaded for mode()/is_scanner_ua()" if funcs else "",
                 "uses `is_scanner_ua()`" if funcs and "is_scanner_ua" in funcs
                 else "uses the same regex (is_scanner_ua() was not available)",
                 SCANNER_RE))
    keys = ["cat", "zeeklog", "sqlite3", "duckdb", "mawk", "gawk", "pandas"]
    names = {"cat": "cat", "zeeklog": "zeeklog", "sqlite3": "sqlite3 (imported)",
             "duckdb": "DuckDB", "mawk": "mawk", "gawk": "gawk", "pandas": "pandas"}
    for rows, r in report.items():
        res = r["res"]
        present = [k for k in keys if any(k in res[q] for q in res)]
        o.append("\n## %s rows (%.0f MB, .gz %.0f MB)\n" % (
            "{:,}".format(rows), r["size"] / 1e6, r["gzsize"] / 1e6))
        if "questions" in PARTS:
            if r["imp"]:
                o.append("sqlite3 `.import` (grep -v '^#' | .import, then `-` -> NULL): %.2f s, %s MiB.\n" % (
                    r["imp"][0], mib(r["imp"][1])))
            vs = [k for k in ("cat", "sqlite3", "duckdb", "mawk", "pandas")
                  if k in present] if "zeeklog" in present else []
            o.append("\n| " + " | ".join(["question"] + [names[k] for k in present] +
                                         ["zeeklog vs " + names[k] for k in vs]) + " |")
            o.append("|---" * (1 + len(present) + len(vs)) + "|")
            for q in QUESTIONS:
                row = ["%s %s" % (q, QTEXT[q])] + [cell(res, q, k) for k in present]
                if "zeeklog" in present:
                    z = res[q].get("zeeklog", (None,))[0]
                    for k in vs:
                        row.append(ratio(z, res[q].get(k, (None,))[0]))
                o.append("| " + " | ".join(row) + " |")
            o.append("\nPeak RSS (MiB, max over runs, `/usr/bin/time -f %M`):\n")
            o.append("| question | " + " | ".join(names[k] for k in present) + " |")
            o.append("|---" * (1 + len(present)) + "|")
            for q in QUESTIONS:
                o.append("| %s | " % q + " | ".join(
                    mib(res[q][k][1]) if k in res[q] else "—" for k in present) + " |")
            g = r["gres"]
            gp = [k for k in keys if any(k in g[q] for q in g)]
            gn = {"cat": "zcat", "zeeklog": "zeeklog on .gz", "duckdb": "DuckDB on .gz",
                  "mawk": "zcat \\| mawk", "gawk": "zcat \\| gawk"}
            o.append("\ngzip (`%s.gz`):\n" % os.path.basename(r["log"]))
            o.append("| question | " + " | ".join(gn[k] for k in gp) +
                     (" | zeeklog vs zcat |" if "zeeklog" in gp else " |"))
            o.append("|---" * (1 + len(gp) + (1 if "zeeklog" in gp else 0)) + "|")
            for q in g:
                row = [q] + [cell(g, q, k) for k in gp]
                if "zeeklog" in gp:
                    row.append(ratio(g[q].get("zeeklog", (None,))[0], g[q].get("cat", (None,))[0]))
                o.append("| " + " | ".join(row) + " |")
            o.append("")
            o += targets(rows, r)
        if r["main"]:
            o += render_mainjob(rows, r["main"])
    if len(report) > 1 and "questions" in PARTS:
        o.append("\n## Growth (zeeklog if built, else mawk): median seconds, and µs per row\n")
        sizes = list(report)
        o.append("| question | " + " | ".join("{:,} rows".format(s) for s in sizes) + " |")
        o.append("|---" * (1 + len(sizes)) + "|")
        for q in QUESTIONS:
            cells = []
            for s in sizes:
                res = report[s]["res"][q]
                k = "zeeklog" if "zeeklog" in res else "mawk"
                v = res.get(k)
                cells.append("%s s (%.2f µs/row)" % (fmt_s(v[0]), v[0] / s * 1e6) if v else "—")
            o.append("| %s | " % q + " | ".join(cells) + " |")
    if sum(1 for r in report.values() if r["main"]) > 1:
        o += render_main_growth(report)
    o.append("\n## Answer checks\n")
    o.append("\n".join("- " + n for n in notes) if notes else
             "Every tool gave the same answer for every question and size (outputs normalized: "
             "tab-separated, NULL as `-`, T2/T4 rows sorted; top-5 ties broken by key); in the main "
             "job, DuckDB's answers equal zeeklog's in every report (Zeek's escapes decoded, numbers "
             "to 6 digits) and zeeklog's report is the same on the .gz and the JSON twin as on the TSV.")
    o.append("")
    return "\n".join(o)


MAIN_TARGETS = {"tsv": 2.0, "gz": 2.5, "json": 4.0}  # seconds at 2M rows (issue 16)


def render_mainjob(rows, m):
    """The main-job table of one size, and its targets at 2M rows."""
    res = m["res"]
    o = ["\nMain job: the whole triage report (`bin/zeeklog-report FILE > /dev/null`, every report) "
         "against DuckDB running the same reports (`bench/duckdb_triage.mjs`, attack classes and "
         "scanner names given as mapping tables): over a temp table the log is loaded into once "
         "(the careful translation), and on the TSV also over a view of `read_csv` (each report "
         "reads the log: `--view`); %d timed run(s) each, in turn, after a check run; load average "
         "%s at the start, %s at the end.\n" % (m["runs"], m["load"][0], m["load"][1]),
         "| file | zeeklog | DuckDB, temp table | zeeklog / DuckDB | DuckDB, read_csv view | "
         "zeeklog / DuckDB read_csv | zeeklog peak RSS | DuckDB peak RSS |",
         "|---|---|---|---|---|---|---|---|"]
    mark = lambda v: "" if v is None or v[3] in (None, True) else " ✗"
    for key, label, _, _ in mainjob.VARIANTS:
        z, d, v = res.get(("zeeklog", key)), res.get(("duckdb", key)), res.get(("duckdb_view", key))
        if not z and not d:
            o.append("| %s | — | — | — | — | — | — | — |" % label)
            continue
        o.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            label, fmt_s(z[0]) + mark(z) if z else "—", fmt_s(d[0]) + mark(d) if d else "—",
            ratio(z and z[0], d and d[0]), fmt_s(v[0]) + mark(v) if v else "—",
            ratio(z and z[0], v and v[0]), mib(z[1]) + " MiB" if z else "—",
            mib(d[1]) + " MiB" if d else "—"))
    if rows != 2000000:
        return o + [""]
    o.append("\nMain-job targets (issue 16), this run:\n")
    z = {k: res[("zeeklog", k)] for k, _, _, _ in mainjob.VARIANTS if ("zeeklog", k) in res}
    for key, label, _, _ in mainjob.VARIANTS:
        if key in z:
            o.append("- %s whole triage on %s at most %.1f s: %s s" % (
                "PASS" if z[key][0] <= MAIN_TARGETS[key] else "FAIL", label, MAIN_TARGETS[key],
                fmt_s(z[key][0])))
    if "tsv" in z and ("duckdb", "tsv") in res:
        r = z["tsv"][0] / res[("duckdb", "tsv")][0]
        o.append("- %s TSV at most 0.15x DuckDB: %.2fx" % ("PASS" if r <= 0.15 else "FAIL", r))
    if z:
        peak = max(v[1] for v in z.values())
        o.append("- %s peak RSS under 64 MiB: %s MiB" % ("PASS" if peak < 64 * 1024 else "FAIL", mib(peak)))
    return o + [""]


def render_main_growth(report):
    o = ["\n## Main job: growth (median seconds, and µs per row)\n",
         "| | " + " | ".join("{:,} rows".format(s) for s, r in report.items() if r["main"]) + " |",
         "|---" * (1 + sum(1 for r in report.values() if r["main"])) + "|"]
    for tool, key, label in (("zeeklog", "tsv", "zeeklog, TSV"), ("zeeklog", "gz", "zeeklog, .gz"),
                             ("zeeklog", "json", "zeeklog, JSON twin"), ("duckdb", "tsv", "DuckDB, TSV"),
                             ("duckdb", "gz", "DuckDB, .gz"),
                             ("duckdb_view", "tsv", "DuckDB, read_csv view, TSV")):
        cells = []
        for s, r in report.items():
            if r["main"]:
                v = r["main"]["res"].get((tool, key))
                cells.append("%s s (%.2f µs/row, %s MiB)" % (fmt_s(v[0]), v[0] / s * 1e6, mib(v[1]))
                             if v else "—")
        o.append("| %s | " % label + " | ".join(cells) + " |")
    return o


def targets(rows, r):
    res, g = r["res"], r["gres"]
    if not all("zeeklog" in res[q] for q in QUESTIONS):
        return []
    z = {q: res[q]["zeeklog"][0] for q in QUESTIONS}
    lines = ["Targets (issue 5) at this size:\n"]

    def t(ok, text):
        lines.append("- %s %s" % ("PASS" if ok else "FAIL", text))
    if all("duckdb" in res[q] for q in QUESTIONS):
        worst = max(QUESTIONS, key=lambda q: z[q] / res[q]["duckdb"][0])
        t(all(z[q] < res[q]["duckdb"][0] for q in QUESTIONS),
          "T1-T6 faster than DuckDB read_csv (worst %s: %.2fx)" % (worst, z[worst] / res[worst]["duckdb"][0]))
    if all("sqlite3" in res[q] for q in QUESTIONS):
        worst = max(QUESTIONS, key=lambda q: z[q] / res[q]["sqlite3"][0])
        t(all(z[q] <= 1.3 * res[q]["sqlite3"][0] for q in QUESTIONS),
          "T1-T6 at most 1.3x the imported sqlite3 table (worst %s: %.2fx)" % (
              worst, z[worst] / res[worst]["sqlite3"][0]))
    if "cat" in res["T1"]:
        t(z["T1"] <= 3 * res["T1"]["cat"][0], "T1 within 3x of cat (%.2fx)" % (z["T1"] / res["T1"]["cat"][0]))
    t(z["T5"] <= 1.2 * z["T3"], "T5 at most 1.2x T3 (%.2fx)" % (z["T5"] / z["T3"]))
    if "zeeklog" in g.get("T2", {}) and "cat" in g["T2"]:
        t(g["T2"]["zeeklog"][0] < g["T2"]["cat"][0], ".gz T2 faster than zcat (%.2fx)" % (
            g["T2"]["zeeklog"][0] / g["T2"]["cat"][0]))
    peak = max(res[q]["zeeklog"][1] for q in QUESTIONS)
    t(peak < 64 * 1024, "peak RSS < 64 MiB (%s MiB)" % mib(peak))
    if not all(res[q]["zeeklog"][3] in (True, None) for q in QUESTIONS):
        t(False, "zeeklog's answers equal awk's")
    lines.append("")
    return lines


if __name__ == "__main__":
    main()

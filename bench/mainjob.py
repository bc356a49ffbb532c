"""bench/mainjob.py — the main job for bench.py: the whole triage, side by side.

zeeklog: `bin/zeeklog-report LOG` (every report, box mode, output to /dev/null),
on the TSV log, its .gz and its JSON twin (bench/data/http-N.json.log, when
there is one). DuckDB: bench/duckdb_triage.mjs, the same reports over a temp
table loaded once (and, on the TSV, over a view of read_csv: each report reads
the log), with the attack classes and scanner names that zeeklog
computes for the log's distinct URIs and user agents given to it as mapping
tables (written here before timing, kept in bench/data/). Each tool's run is a
whole process; the check run's answers are compared report by report.
"""
import csv
import io
import os
import re
import shlex
import subprocess
import tempfile

# The main job's variants: (key, label, file suffix, DuckDB runs it too).
VARIANTS = [("tsv", "TSV", ".log", True), ("gz", ".gz", ".log.gz", True),
            ("json", "JSON twin", ".json.log", False)]
REPORTS = ["01_status_codes", "02_top_source_ips", "03_hourly", "04a_user_agents",
           "04b_scanners", "05_error_ips", "06_rate_spikes", "07a_attack_classes",
           "07b_attack_examples"]


def maps(top, ext, log, env):
    """The attack classes and scanner names zeeklog gives the log's distinct
    URIs and user agents, keyed by their raw text in the log (what DuckDB's
    read_csv sees): two TSV files next to the log, remade when the log is
    newer. Returns their paths."""
    att, scn = log + ".attacks.tsv", log + ".scanners.tsv"
    if all(os.path.exists(f) and os.path.getmtime(f) >= os.path.getmtime(log) for f in (att, scn)):
        return att, scn
    with tempfile.TemporaryDirectory() as tmp:
        lines = {}
        for name, sql in (("att", "SELECT _line, attack_class(uri) FROM h WHERE attack_class(uri) IS NOT NULL;"),
                          ("scn", "SELECT _line, scanner_ua(user_agent) FROM h WHERE is_scanner_ua(user_agent);")):
            lines[name] = os.path.join(tmp, name)
            with open(lines[name], "w") as out:
                subprocess.run(["sqlite3", "-batch", "-tabs", ":memory:", "-cmd", ".load " + ext,
                                "-cmd", "CREATE VIRTUAL TABLE temp.h USING zeek('%s')" % log.replace("'", "''"),
                                sql], stdout=out, check=True, env=env, cwd=top)
        # One line per distinct raw URI (field 10) and user agent (field 12).
        prog = ('FILENAME == ARGV[1] { a[$1] = $2; next } FILENAME == ARGV[2] { s[$1] = $2; next } '
                '(FNR in a) && !($10 in au) { au[$10] = 1; print $10 "\\t" a[FNR] > A } '
                '(FNR in s) && !($12 in su) { su[$12] = 1; print $12 "\\t" s[FNR] > S }')
        subprocess.run(["mawk" if have("mawk") else "awk", "-F", "\t", "-v", "A=" + att + ".tmp",
                        "-v", "S=" + scn + ".tmp", prog, lines["att"], lines["scn"], log],
                       check=True, env=env)
    os.replace(att + ".tmp", att)
    os.replace(scn + ".tmp", scn)
    return att, scn


def have(cmd):
    return subprocess.run(["sh", "-c", "command -v " + cmd], stdout=subprocess.DEVNULL).returncode == 0


def commands(top, ext, log, att, scn):
    """{(tool, variant): argv} for one size."""
    cmds = {}
    report = ["sh", os.path.join(top, "bin", "zeeklog-report"), "--lib", ext]
    duck = os.path.join(top, "bench", "duckdb_triage.mjs")
    have_duck = os.path.exists(os.path.join(top, "bench", "node_modules", "@duckdb", "node-api"))
    for key, _, suffix, duck_too in VARIANTS:
        f = log[:-len(".log")] + suffix
        if not os.path.exists(f):
            continue
        cmds[("zeeklog", key)] = report + [f]
        if duck_too and have_duck:
            cmds[("duckdb", key)] = ["node", duck, f, att, scn]
            if key == "tsv":
                cmds[("duckdb_view", key)] = ["node", duck, "--view", f, att, scn]
    return cmds


# ---- the answer check --------------------------------------------------------
def zeek_unescape(s):
    """Zeek's TSV escapes (\\xNN, \\\\) decoded, as latin-1 text (one char a byte)."""
    return re.sub(r"\\x([0-9a-fA-F]{2})|\\\\", lambda m: chr(int(m.group(1), 16)) if m.group(1) else "\\", s)


def printable(s):
    """Bytes outside printable ASCII as \\xNN, as report 07b shows a URI."""
    return "".join(c if 0x20 <= ord(c) <= 0x7e else "\\x%02x" % ord(c) for c in s)


def norm_cell(v):
    if v in ("", "-", "(empty)"):
        return ""
    try:
        return "%.6g" % float(v)
    except ValueError:
        return v


def zeeklog_answers(top, ext, log, env):
    """zeeklog's raw answers for the log: {report: [row tuples]}, from
    `zeeklog-report --format csv` (plus the summary line of the text run)."""
    ans = {}
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["sh", os.path.join(top, "bin", "zeeklog-report"), "--lib", ext,
                        "--format", "csv", "--out", out, log], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        for r in REPORTS:
            with open(os.path.join(out, r + ".csv"), encoding="latin-1", newline="") as f:
                rows = list(csv.reader(f))[1:]
            if r == "03_hourly":
                rows = [row[:-1] for row in rows]  # the bar (NULL in raw output)
            ans[r] = [tuple(norm_cell(c) for c in row) for row in rows]
    text = subprocess.run(["sh", os.path.join(top, "bin", "zeeklog-report"), "--lib", ext,
                           "--report", "01", "--script", log], capture_output=True, text=True).stdout
    script = text[:text.index("-- zeeklog-report: the reports")] + (
        "SELECT sum(rows), count(DISTINCT id_orig_h), strftime('%Y-%m-%d %H:%M:%S', min(first_ts), 'unixepoch'),"
        " strftime('%Y-%m-%d %H:%M:%S', max(last_ts), 'unixepoch') FROM zeeklog_totals;\n")
    got = subprocess.run(["sqlite3", "-batch", "-csv", ":memory:"], input=script, capture_output=True,
                         text=True, env=env, cwd=top, check=True).stdout
    ans["summary"] = [tuple(norm_cell(c) for c in row) for row in csv.reader(io.StringIO(got))]
    return ans


def duckdb_answers(text):
    ans, cur = {}, None
    for line in text.split("\n"):
        if line.startswith("== "):
            cur = line[3:]
            ans[cur] = []
        elif line and cur:
            cells = [zeek_unescape(c) if c != "-" else "" for c in line.split("\t")]
            if cur == "07b_attack_examples":
                cells[1] = printable(cells[1])
            ans[cur].append(tuple(norm_cell(c) for c in cells))
    return ans


def compare(zl, dk):
    """The reports whose answers differ, each with its first differing rows."""
    diffs = []
    for r in ["summary"] + REPORTS:
        a, b = zl.get(r), dk.get(r)
        if a != b:
            first = next((i for i in range(max(len(a or []), len(b or [])))
                          if (a or [])[i:i + 1] != (b or [])[i:i + 1]), 0)
            diffs.append("%s: row %d: zeeklog %s, DuckDB %s" % (
                r, first + 1, (a or [None])[first:first + 1], (b or [None])[first:first + 1]))
    return diffs


_answers = {}


def check(top, ext, log, duck_text, env):
    """Compares DuckDB's check-run output with zeeklog's answers on the same
    log (the TSV's, computed once per log)."""
    if log not in _answers:
        _answers[log] = zeeklog_answers(top, ext, log, env)
    return compare(_answers[log], duckdb_answers(duck_text))

"""bench/json_bench.py — the JSON rows of `make bench` (bench/bench.sh runs it
after bench/bench.py).

Times T1-T6 (the questions of bench.py) on the JSON twin of each benchmark log
(bench/data/http-N.json.log, written from the TSV by tests/tools/tsv_to_json.py
as Zeek's JSON writer writes: dotted keys, invalid UTF-8 bytes as \\xNN text)
for zeeklog on the JSON, zeeklog on the TSV twin, and DuckDB's two JSON readers
(read_json with ignore_errors, and read_ndjson_objects with ->> per member,
bench/duckdb_q.mjs); then T1/T2 on the gzip'd JSON beside zcat and DuckDB on
the .gz; then the whole triage (bin/zeeklog-report) on the JSON and on the
TSV. Every answer is checked against zeeklog's on the TSV twin (the triage's
whole output too). Writes bench/RESULTS-json.md.

Environment: BENCH_SIZES, BENCH_RUNS, ZEEKLOG_EXT as for bench.py;
BENCH_JSON_OUT (default bench/RESULTS-json.md).
"""
import os
import statistics
import subprocess

from bench import (BENCH, DATA, EXT, PY, QTEXT, QUESTIONS, RUNS, SIZES, TOP, fmt_s, mib,
                   normalize, ratio, run, sq, sql_for, zeeklog_funcs)

OUT = os.environ.get("BENCH_JSON_OUT", os.path.join(BENCH, "RESULTS-json.md"))
DUCKDB = os.path.exists(os.path.join(BENCH, "node_modules", "@duckdb", "node-api"))
REPORT = os.path.join(TOP, "bin", "zeeklog-report")


def json_twin(log):
    """The JSON twin of log (and its .gz), written once and kept."""
    js = log[:-len(".log")] + ".json.log"
    if not os.path.exists(js):
        print("  writing %s" % os.path.basename(js), flush=True)
        with open(js + ".tmp", "wb") as f:
            subprocess.run([PY, os.path.join(TOP, "tests", "tools", "tsv_to_json.py"), log],
                           stdout=f, check=True)
        os.rename(js + ".tmp", js)
    if not os.path.exists(js + ".gz"):
        print("  writing %s.gz" % os.path.basename(js), flush=True)
        subprocess.run("gzip -1 -c %s > %s.tmp && mv %s.tmp %s.gz" % ((js,) * 4), shell=True, check=True)
    return js


def zeeklog(path, funcs):
    return lambda q: ["sqlite3", "-batch", "-tabs", "-nullvalue", "-", ":memory:",
                      "-cmd", ".load " + EXT,
                      "-cmd", "CREATE VIRTUAL TABLE temp.http USING zeek(%s)" % sq(path),
                      sql_for(q, funcs, zeek=True)]


def duckdb(path, source):
    return lambda q: ["node", os.path.join(BENCH, "duckdb_q.mjs"), q, path, source]


def time_tools(tools, questions, ref):
    """tools: [(key, label, cmd(q))]; ref: the key whose answers the others must equal
    (all but the floor, zcat, whose output is the file).
    Returns {q: {key: (median s, peak KiB, answer ok)}} and notes."""
    res, notes = {}, []
    for q in questions:
        answers, samples, rss = {}, {}, {}
        for key, label, cmd in tools:          # the check run, which also warms up
            floor = key == "zcat"
            dt, kb, rc, text, err = run(cmd(q), out=not floor)
            if rc != 0:
                notes.append("%s %s: exit %d: %s" % (label, q, rc, err.strip()[:300]))
                continue
            if not floor:
                answers[key] = normalize(q, text)
            samples[key], rss[key] = [], kb
        for _ in range(RUNS):                 # round robin: drift hits every tool alike
            for key, label, cmd in tools:
                if key in samples:
                    dt, kb, rc, _, _ = run(cmd(q))
                    samples[key].append(dt)
                    rss[key] = max(rss[key], kb)
        res[q] = {}
        for key, label, _ in tools:
            if key not in samples:
                continue
            ok = key == "zcat" or (ref in answers and answers.get(key) == answers[ref])
            if not ok:
                notes.append("%s %s: answer differs from %s's" % (label, q, ref))
            res[q][key] = (statistics.median(samples[key]), rss[key], ok)
        print("  %s %-34s " % (q, QTEXT[q]) + "  ".join(
            "%s %.3fs" % (k, v[0]) for k, v in res[q].items()), flush=True)
    return res, notes


def cell(res, q, key):
    v = res[q].get(key)
    return "—" if not v else fmt_s(v[0]) + ("" if v[2] else " ✗")


def table(res, questions, cols, base, vs):
    """Markdown: one row per question, the tools' medians, base/each of vs as ratios."""
    head = ["question"] + [label for _, label in cols] + ["%s / %s" % (base[1], v[1]) for v in vs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for q in questions:
        row = ["%s %s" % (q, QTEXT.get(q, q))] + [cell(res, q, k) for k, _ in cols]
        b = res[q].get(base[0])
        row += [ratio(b[0], res[q][v[0]][0]) if b and v[0] in res[q] else "—" for v in vs]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def triage(js, log):
    """zeeklog-report on the JSON and on the TSV: medians, and whether the outputs agree."""
    runs = {"json": [], "tsv": []}
    outs, rss = {}, {"json": 0, "tsv": 0}
    for key, path in (("json", js), ("tsv", log)):
        dt, kb, rc, text, err = run([REPORT, path], out=True)
        outs[key] = text if rc == 0 else None
    for _ in range(max(1, RUNS // 2)):
        for key, path in (("json", js), ("tsv", log)):
            dt, kb, rc, _, _ = run([REPORT, path])
            runs[key].append(dt)
            rss[key] = max(rss[key], kb)
    same = outs["json"] is not None and outs["json"] == outs["tsv"]
    return {k: statistics.median(v) for k, v in runs.items()}, rss, same


def bench_size(rows, funcs):
    log = os.path.join(DATA, "http-%d.log" % rows)
    if not os.path.exists(log):
        return ["(no %s: run `make testdata ROWS=%d`)" % (log, rows), ""]
    js = json_twin(log)
    print("%d rows, JSON twin %s (%.0f MB)" % (rows, os.path.basename(js), os.path.getsize(js) / 1e6),
          flush=True)
    tools = [("zeeklog", "zeeklog JSON", zeeklog(js, funcs)),
             ("tsv", "zeeklog TSV twin", zeeklog(log, funcs))]
    if DUCKDB:
        tools += [("read_json", "DuckDB read_json", duckdb(js, "json")),
                  ("objects", "DuckDB read_ndjson_objects", duckdb(js, "objects"))]
    res, notes = time_tools(tools, QUESTIONS, "tsv")
    gz_tools = [("zcat", "zcat (floor)", lambda q: ["zcat", js + ".gz"]),
                ("zeeklog", "zeeklog .json.gz", zeeklog(js + ".gz", funcs)),
                ("tsv", "zeeklog TSV twin", zeeklog(log, funcs))]
    if DUCKDB:
        gz_tools.append(("read_json", "DuckDB read_json .gz", duckdb(js + ".gz", "json")))
    gz, gz_notes = time_tools(gz_tools, ["T1", "T2"], "tsv")
    tri, tri_rss, same = triage(js, log)
    cols = [(k, label) for k, label, _ in tools]
    out = ["## %s rows (JSON %.0f MB, TSV %.0f MB)" % (
        "{:,}".format(rows), os.path.getsize(js) / 1e6, os.path.getsize(log) / 1e6), "",
        "Seconds, median of %d whole-process runs (✗: the answer differs from zeeklog's on "
        "the TSV twin):" % RUNS, ""]
    vs = [c for c in cols if c[0] in ("read_json", "objects", "tsv")]
    out += table(res, QUESTIONS, cols, cols[0], vs)
    peak = max(res[q]["zeeklog"][1] for q in QUESTIONS if "zeeklog" in res[q])
    out += ["", "zeeklog's peak RSS on the JSON: %s MiB." % mib(peak), "",
            "gzip'd JSON (`%s.gz`, %.0f MB):" % (os.path.basename(js), os.path.getsize(js + ".gz") / 1e6), ""]
    gcols = [(k, label) for k, label, _ in gz_tools]
    out += table(gz, ["T1", "T2"], gcols, gcols[1], [c for c in gcols if c[0] in ("zcat", "read_json")])
    out += ["", "The whole triage (`bin/zeeklog-report LOG`, median of %d): JSON %s s, TSV twin %s s "
            "(JSON / TSV %s); peak RSS %s and %s MiB; the two reports are %s." % (
                max(1, RUNS // 2), fmt_s(tri["json"]), fmt_s(tri["tsv"]), ratio(tri["json"], tri["tsv"]),
                mib(tri_rss["json"]), mib(tri_rss["tsv"]),
                "identical" if same else "**different**"), ""]
    if notes or gz_notes:
        out += ["Notes:", ""] + ["- " + n for n in notes + gz_notes] + [""]
    return out


def main():
    funcs = zeeklog_funcs()
    if not funcs or "zeek" not in funcs:
        raise SystemExit("json_bench: %s.so is not built (make)" % EXT)
    lines = ["# zeeklog on Zeek's JSON logs (make bench)", "",
             "Written by bench/json_bench.py: the questions of RESULTS.md on the JSON twin of "
             "each log; DuckDB through node (its time includes node's start-up)%s." % (
                 "" if DUCKDB else ": not installed, left out"), ""]
    for rows in SIZES:
        lines += bench_size(rows, funcs)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote " + OUT)


if __name__ == "__main__":
    main()

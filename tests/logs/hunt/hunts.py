#!/usr/bin/python3
"""A second method for the hunt reports (sql/hunt/*.sql) and beacon_score().

    /usr/bin/python3 tests/logs/hunt/hunts.py REPORT [raw] CONN DNS HTTP
    /usr/bin/python3 tests/logs/hunt/hunts.py scores CONN [SPAN]

REPORT is a report's file stem (01_beacons, 02a_longest_connections, ...):
prints what the sqlite3 shell prints for it in list mode with headers on
and `.nullvalue -` (`raw`: with the temp table zeeklog_raw). `scores` prints
every (src, dst) pair's score, `src|dst|score` (SPAN: over the whole log's
span, with orig_ip_bytes as the sizes; else the pair's own span, no sizes).

Written from the formula in docs/hunts.md and the reports' comments, not
from the C code: it reads the Zeek TSV itself, scores with Python's
statistics module, and formats numbers as SQLite's printf does for the
values the reports feed it.
"""
import math
import statistics
import sys
from decimal import Decimal, ROUND_HALF_UP

# ---- reading Zeek TSV ---------------------------------------------------------

NUMERIC = {"time": float, "interval": float, "double": float,
           "count": int, "int": int, "port": int}


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s.startswith("\\x", i) and i + 4 <= len(s):
            out.append(chr(int(s[i + 2:i + 4], 16)))
            i += 4
        elif s.startswith("\\\\", i):
            out.append("\\")
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_zeek(path):
    fields, types, rows = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#fields\t"):
                fields = [x.replace(".", "_") for x in line.split("\t")[1:]]
            elif line.startswith("#types\t"):
                types = line.split("\t")[1:]
            elif line.startswith("#") or not line:
                continue
            else:
                row = {}
                for name, typ, raw in zip(fields, types, line.split("\t")):
                    if raw == "-":
                        row[name] = None
                    elif raw == "(empty)":
                        row[name] = ""
                    elif typ in NUMERIC:
                        row[name] = NUMERIC[typ](raw)
                    elif typ == "bool":
                        row[name] = 1 if raw == "T" else 0
                    else:
                        row[name] = unescape(raw)
                rows.append(row)
    return rows


# ---- SQLite's behaviours the reports rely on -----------------------------------

def sql_real(x):
    """A REAL as the sqlite3 shell prints it (%!.15g)."""
    s = "%.15g" % x
    return s if any(c in s for c in ".einf") else s + ".0"


def sql_value(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return sql_real(v)
    return str(v)


def json_number(x):
    """A double as beacon_stats() writes it and json_extract() reads it back."""
    for digits in (15, 16, 17):
        s = "%.*g" % (digits, x)
        if float(s) == x:
            break
    return int(s) if s.lstrip("-").isdigit() else float(s)


def sql_mode(values):
    """mode(): the most frequent non-NULL value, ties to the smallest."""
    counts = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)


def minute(ts):
    """strftime('%Y-%m-%d %H:%M', ts, 'unixepoch'): SQLite rounds to the ms."""
    import datetime
    ijd = int(ts * 1000.0 + 210866760000000.0 + 0.5)
    ms = ijd - 210866760000000
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%d %H:%M")


def ascii_lower(s):
    return s.translate({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})


def nulls_first(v):
    return (v is not None, v if v is not None else 0)


# ---- formatting, as the reports write it ---------------------------------------

def fmt_duration(x):
    s = int(x + 0.5)
    if s < 60:
        return "%ds" % s
    if s < 3600:
        return "%dm%02ds" % (s // 60, s % 60)
    if s < 86400:
        return "%dh%02dm" % (s // 3600, s % 3600 // 60)
    return "%dd%02dh" % (s // 86400, s % 86400 // 3600)


def fmt_bytes(b):
    if b is None:
        return "-"
    if b < 1000:
        return "%d B" % b
    for limit, div, unit in ((1e6, 1e2, "kB"), (1e9, 1e5, "MB")):
        if b < limit:
            return "%.1f %s" % (int(b / div + 0.5) / 10.0, unit)
    return "%.1f GB" % (int(b / 1e8 + 0.5) / 10.0)


def fmt_hundredths(x):
    return "-" if x is None else "%.2f" % (int(x * 100 + 0.5) / 100.0)


def fmt_count(n):
    return "{:,}".format(n)


# ---- the beacon score (docs/hunts.md) ------------------------------------------

KEEP = 86400


def round3(x):          # Go's math.Round (half away from zero), as RITA rounds
    return float(Decimal(x * 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)) / 1000


def ceil3(x):
    return math.ceil(x * 1000) / 1000


def hinges(a):
    """Tukey's quartiles: medians of the halves, the middle left out when odd."""
    n = len(a)
    half = n // 2
    return (statistics.median(a[:half]), statistics.median(a),
            statistics.median(a[half + (n % 2):]))


def dist_score(a, mad_default):
    a = sorted(a)
    q1, q2, q3 = hinges(a)
    skew = (q1 + q3 - 2 * q2) / (q3 - q1) if (q3 - q1 >= 10 and q2 != q1 and q2 != q3) else 0.0
    mad = statistics.median(sorted(abs(x - q2) for x in a))
    mad_score = (q2 - mad) / q2 if q2 >= 1 else mad_default
    if mad_score < 0 or math.isnan(mad_score):
        mad_score = 0.0
    skew_score = 1.0 - abs(skew)
    return {"n": len(a), "q1": q1, "median": q2, "q3": q3, "skew": skew, "mad": mad,
            "skew_score": skew_score, "mad_score": mad_score,
            "score": round3((skew_score + mad_score) / 2.0)}


def histogram(ts, start, end):
    step = (end - start) / 24.0
    edges = [float(start)] + [start + i * step for i in range(1, 24)] + [float(end)]
    bins = [0] * 24
    for t in ts:
        b = 0
        while b < 23 and t >= edges[b + 1]:
            b += 1
        bins[b] += 1
    return bins


def hist_dur_scores(bins, first, last, start, end):
    bars = sum(1 for b in bins if b)
    run = longest = 0
    for b in bins + bins:
        if b:
            run += 1
        else:
            longest, run = max(longest, run), 0
    longest = min(max(longest, run), 24)
    mean = sum(bins) / 24
    cv = math.sqrt(sum((b - mean) ** 2 for b in bins) / 24) / abs(mean)
    cv_score = 0.0 if cv > 1.0 else min(round3(1.0 - cv), 1.0)
    bimodal = 0.0
    if bars >= 11:
        width = math.ceil(max(bins) * 0.05)
        classes = {}
        for b in bins:
            if b:
                c = math.floor(b / width) * width
                classes[c] = classes.get(c, 0) + 1
        top = sorted(classes.values(), reverse=True) + [0]
        bimodal = min(round3((top[0] + top[1]) / max(bars - 1, 1)), 1.0)
    coverage = consistency = dur = 0.0
    if bars >= 6:
        coverage = min(ceil3((last - first) / (end - start)), 1.0)
        consistency = min(ceil3(longest / 12), 1.0)
        dur = max(coverage, consistency)
    return {"bars": bars, "longest_run": longest, "cv_score": cv_score,
            "bimodal_score": bimodal, "hist": max(cv_score, bimodal),
            "coverage": coverage, "consistency": consistency, "dur": dur}


def beacon(points, span=None):
    """points: (ts, size or None) pairs. The result as beacon_stats() gives it."""
    # the earliest KEEP by (second, size), a missing size after every size
    kept = sorted((math.floor(t), b is None, b or 0) for t, b in points)[:KEEP]
    ts = [t for t, _, _ in kept]
    sizes = [b for _, missing, b in kept if not missing]
    out = {"count": len(points), "kept": len(kept), "unique": len(set(ts)),
           "first": ts[0], "last": ts[-1], "span": ts[-1] - ts[0], "score": None}
    if out["unique"] < 4:
        return out
    start, end = (math.floor(span[0]), math.floor(span[1])) if span else (ts[0], ts[-1])
    gaps = [b - a for a, b in zip(ts, ts[1:]) if b > a]
    out["ts"] = dist_score(gaps, 1.0)
    out["ds"] = dist_score(sizes, 0.0)["score"] if len(sizes) >= 3 else (0.0 if sizes else None)
    parts = hist_dur_scores(histogram(ts, start, end), ts[0], ts[-1], start, end)
    out.update(parts)
    w = 0.25 if sizes else 1.0 / 3.0
    total = out["ts"]["score"] * w
    if sizes:
        total += out["ds"] * w
    total += parts["dur"] * w
    total += parts["hist"] * w
    out["score"] = round3(total)
    return out


# ---- the reports ---------------------------------------------------------------

def beacons(conn, raw):
    rows = [r for r in conn if r["ts"] is not None]
    lo, hi = min(r["ts"] for r in rows), max(r["ts"] for r in rows)
    groups = {}
    for r in rows:
        groups.setdefault((r["id_orig_h"], r["id_resp_h"], r["id_resp_p"]), []).append(r)
    scored = []
    for (src, dst, port), g in groups.items():
        if len(g) < 24:
            continue
        b = beacon([(r["ts"], r["orig_ip_bytes"]) for r in g], (lo, hi))
        if b["score"] is None:
            continue
        scored.append({
            "src": src, "dst": dst, "conns": len(g), "port": port,
            "bytes": sum((r["orig_ip_bytes"] or 0) + (r["resp_ip_bytes"] or 0) for r in g),
            "score": json_number(b["score"]), "span": b["span"],
            "every": json_number(b["ts"]["median"]), "ts": json_number(b["ts"]["score"]),
            "ds": None if b["ds"] is None else json_number(b["ds"]),
            "dur": json_number(b["dur"]), "hist": json_number(b["hist"])})
    scored.sort(key=lambda p: (-p["score"], -p["conns"], p["src"], p["dst"], nulls_first(p["port"])))
    out = ["score|src|dst|port|conns|span|every|bytes|ts|ds|dur|hist"]
    for p in scored[:20]:
        if raw:
            cells = [p["score"], p["src"], p["dst"], p["port"], p["conns"], p["span"], p["every"],
                     p["bytes"], p["ts"], p["ds"], p["dur"], p["hist"]]
        else:
            cells = ["%.3f" % p["score"], p["src"], p["dst"], p["port"], fmt_count(p["conns"]),
                     fmt_duration(p["span"]), fmt_duration(p["every"]), fmt_bytes(p["bytes"]),
                     fmt_hundredths(p["ts"]), fmt_hundredths(p["ds"]), fmt_hundredths(p["dur"]),
                     fmt_hundredths(p["hist"])]
        out.append("|".join(sql_value(c) for c in cells))
    return out


def longest_connections(conn, raw):
    rows = sorted((r for r in conn if r["duration"] is not None),
                  key=lambda r: (-r["duration"], nulls_first(r["ts"]), r["uid"]))[:10]
    out = ["start|src|dst|port|service|duration|bytes_out|bytes_in|state"]
    for r in rows:
        if raw:
            cells = [r["ts"], r["id_orig_h"], r["id_resp_h"], r["id_resp_p"], r["service"],
                     r["duration"], r["orig_bytes"], r["resp_bytes"], r["conn_state"]]
        else:
            svc = r["service"]
            if svc is not None and len(svc) > 10:
                svc = svc[:9] + "+"
            port = None if r["id_resp_p"] is None or r["proto"] is None else \
                "%d/%s" % (r["id_resp_p"], r["proto"])
            cells = [minute(r["ts"]), r["id_orig_h"], r["id_resp_h"], port, svc,
                     fmt_duration(r["duration"]), fmt_bytes(r["orig_bytes"]),
                     fmt_bytes(r["resp_bytes"]), r["conn_state"]]
        out.append("|".join(sql_value(c) for c in cells))
    return out


def long_pairs(conn, raw):
    groups = {}
    for r in conn:
        if r["duration"] is not None:
            groups.setdefault((r["id_orig_h"], r["id_resp_h"]), []).append(r)
    pairs = []
    for (src, dst), g in groups.items():
        total = 0.0
        for r in g:
            total += r["duration"]
        services = sorted({r["service"] for r in g if r["service"] is not None})
        pairs.append({"src": src, "dst": dst, "conns": len(g), "total": total,
                      "longest": max(r["duration"] for r in g),
                      "services": ",".join(services) if services else None,
                      "bytes": sum((r["orig_bytes"] or 0) + (r["resp_bytes"] or 0) for r in g)})
    pairs.sort(key=lambda p: (-p["total"], p["src"], p["dst"]))
    out = ["src|dst|conns|total|longest|services|bytes"]
    for p in pairs[:10]:
        if raw:
            cells = [p["src"], p["dst"], p["conns"], p["total"], p["longest"], p["services"],
                     p["bytes"]]
        else:
            svc = p["services"]
            if svc is not None and len(svc) > 20:
                svc = svc[:19] + "+"
            cells = [p["src"], p["dst"], fmt_count(p["conns"]), fmt_duration(p["total"]),
                     fmt_duration(p["longest"]), svc, fmt_bytes(p["bytes"])]
        out.append("|".join(sql_value(c) for c in cells))
    return out


# The built-in public-suffix rule of docs/hunts.md: every TLD, and these.
MULTI_LABEL_SUFFIXES = set("""
co.uk org.uk me.uk ltd.uk plc.uk net.uk ac.uk gov.uk nhs.uk police.uk
com.au net.au org.au edu.au gov.au asn.au id.au co.nz net.nz org.nz govt.nz ac.nz school.nz
co.jp ne.jp or.jp ac.jp go.jp gr.jp ed.jp ad.jp lg.jp co.kr or.kr ne.kr go.kr ac.kr re.kr
com.cn net.cn org.cn gov.cn edu.cn ac.cn com.hk net.hk org.hk edu.hk gov.hk
com.tw net.tw org.tw edu.tw gov.tw com.sg net.sg org.sg edu.sg gov.sg
com.my net.my org.my edu.my gov.my
co.in net.in org.in firm.in gen.in ind.in ac.in edu.in gov.in res.in
com.br net.br org.br gov.br edu.br com.ar net.ar org.ar gob.ar edu.ar
com.mx net.mx org.mx gob.mx edu.mx com.co net.co org.co edu.co gov.co
co.za net.za org.za gov.za ac.za web.za com.tr net.tr org.tr gov.tr edu.tr
co.il org.il net.il ac.il gov.il com.ua net.ua org.ua gov.ua edu.ua com.pl net.pl org.pl
com.eg gov.eg edu.eg com.sa gov.sa edu.sa com.pk net.pk org.pk gov.pk edu.pk com.ng
co.ke or.ke co.id or.id ac.id go.id web.id net.id co.th in.th ac.th go.th or.th
com.vn net.vn org.vn gov.vn edu.vn com.ph net.ph org.ph
com.pe com.ve com.uy com.ec com.lk com.gr com.cy com.mt in-addr.arpa ip6.arpa
""".split())


def registered_domain(name):
    name = ascii_lower(name)
    if name.endswith("."):
        name = name[:-1]
    labels = name.split(".")
    if not name or "" in labels or len(labels) < 2:
        return None
    if len(labels) == 4 and all(c.isdigit() or c == "." for c in name):
        return None
    n = 2 if ".".join(labels[-2:]) in MULTI_LABEL_SUFFIXES else 1
    return ".".join(labels[-(n + 1):]) if len(labels) > n else None


def entropy(text):
    data = text.encode("utf-8")
    counts = [0] * 256
    for b in data:
        counts[b] += 1
    bits = 0.0
    for c in counts:
        if c:
            p = c / len(data)
            bits -= p * math.log2(p)
    return bits


def dns_tunnelling(dns, raw):
    named = []
    for r in dns:
        if r["query"] is None:
            continue
        name = ascii_lower(r["query"]).rstrip(".")
        named.append((name, registered_domain(name), r["id_orig_h"], r["qtype_name"]))
    queried, subs = {}, {}
    for name, domain, host, qtype in named:
        if domain is None:
            continue
        q = queried.setdefault(domain, {"queries": 0, "hosts": [], "qtypes": set()})
        q["queries"] += 1
        q["hosts"].append(host)
        if qtype is not None:
            q["qtypes"].add(qtype)
        if len(name) > len(domain):
            subs.setdefault(domain, set()).add(name[:len(name) - len(domain) - 1])
    rows = []
    for domain, names in subs.items():
        names = sorted(names)
        q = queried[domain]
        rows.append({"domain": domain, "subs": len(names),
                     "len": sum(len(s) for s in names) / len(names),
                     "entropy": sum(entropy(s) for s in names) / len(names),
                     "queries": q["queries"], "hosts": len({h for h in q["hosts"] if h is not None}),
                     "top_host": sql_mode(q["hosts"]),
                     "qtypes": ",".join(sorted(q["qtypes"])) if q["qtypes"] else None})
    for d in rows:
        d["per_host"] = d["subs"] / d["hosts"] if d["hosts"] else None
    rows.sort(key=lambda d: (d["per_host"] is None, -(d["per_host"] or 0), -d["subs"],
                             -int(d["entropy"] * 100 + 0.5), d["domain"]))
    out = ["domain|subs|hosts|per_host|queries|len|entropy|qtypes|top_host"]
    for d in rows[:15]:
        if raw:
            cells = [d["domain"], d["subs"], d["hosts"], d["per_host"], d["queries"], d["len"],
                     d["entropy"], d["qtypes"], d["top_host"]]
        else:
            dom = d["domain"] if len(d["domain"]) <= 28 else "..." + d["domain"][-25:]
            qt = d["qtypes"]
            if qt is not None and len(qt) > 14:
                qt = qt[:13] + "+"
            per_host = None if d["per_host"] is None else "%.1f" % (int(d["per_host"] * 10 + 0.5) / 10.0)
            cells = [dom, fmt_count(d["subs"]), fmt_count(d["hosts"]), per_host,
                     fmt_count(d["queries"]), "%.1f" % (int(d["len"] * 10 + 0.5) / 10.0),
                     fmt_hundredths(d["entropy"]), qt, d["top_host"]]
        out.append("|".join(sql_value(c) for c in cells))
    return out


def rare_user_agents(http, raw):
    groups = {}
    for r in http:
        groups.setdefault(r["user_agent"], []).append(r)
    rows = []
    for ua, g in groups.items():
        rows.append({"ua": ua, "requests": len(g),
                     "sources": len({r["id_orig_h"] for r in g if r["id_orig_h"] is not None}),
                     "top": sql_mode(r["id_orig_h"] for r in g),
                     "hosts": len({r["host"] for r in g if r["host"] is not None}),
                     "first": min(r["ts"] for r in g if r["ts"] is not None)})
    rows.sort(key=lambda u: (u["sources"], -u["requests"], nulls_first(u["ua"])))
    out = ["user_agent|requests|sources|top_source|hosts|first_seen"]
    for u in rows[:15]:
        if raw:
            cells = [u["ua"], u["requests"], u["sources"], u["top"], u["hosts"], u["first"]]
        else:
            ua = u["ua"]
            if ua is not None and len(ua) > 45:
                ua = ua[:42] + "..."
            cells = [ua, fmt_count(u["requests"]), fmt_count(u["sources"]), u["top"],
                     fmt_count(u["hosts"]), minute(u["first"])]
        out.append("|".join(sql_value(c) for c in cells))
    return out


def rare_destinations(conn, raw):
    groups = {}
    for r in conn:
        groups.setdefault(r["id_resp_h"], []).append(r)
    rows = []
    for dst, g in groups.items():
        ts = [r["ts"] for r in g if r["ts"] is not None]
        rows.append({"dst": dst,
                     "sources": len({r["id_orig_h"] for r in g if r["id_orig_h"] is not None}),
                     "top": sql_mode(r["id_orig_h"] for r in g), "conns": len(g),
                     "port": sql_mode(r["id_resp_p"] for r in g),
                     "ports": len({r["id_resp_p"] for r in g if r["id_resp_p"] is not None}),
                     "bytes": sum((r["orig_ip_bytes"] or 0) + (r["resp_ip_bytes"] or 0) for r in g),
                     "first": min(ts), "last": max(ts)})
    rows.sort(key=lambda d: (d["sources"], -d["conns"], nulls_first(d["dst"])))
    out = ["dst|sources|top_source|conns|port|bytes|first_seen|last_seen"]
    for d in rows[:15]:
        if raw:
            cells = [d["dst"], d["sources"], d["top"], d["conns"], d["port"], d["bytes"],
                     d["first"], d["last"]]
        else:
            port = d["port"] if d["ports"] == 1 else "%s+%d" % (d["port"], d["ports"] - 1)
            cells = [d["dst"], fmt_count(d["sources"]), d["top"], fmt_count(d["conns"]), port,
                     fmt_bytes(d["bytes"]), minute(d["first"]), minute(d["last"])]
        out.append("|".join(sql_value(c) for c in cells))
    return out


def all_scores(conn_path, with_span):
    conn = [r for r in read_zeek(conn_path) if r["ts"] is not None]
    span = (min(r["ts"] for r in conn), max(r["ts"] for r in conn)) if with_span else None
    groups = {}
    for r in conn:
        groups.setdefault((r["id_orig_h"], r["id_resp_h"]), []).append(r)
    for (src, dst) in sorted(groups):
        g = groups[(src, dst)]
        pts = [(r["ts"], r["orig_ip_bytes"] if with_span else None) for r in g]
        b = beacon(pts, span)
        print("%s|%s|%s" % (src, dst, sql_value(b["score"])))


REPORTS = {"01_beacons": ("conn", beacons), "02a_longest_connections": ("conn", longest_connections),
           "02b_long_pairs": ("conn", long_pairs), "03_dns_tunnelling": ("dns", dns_tunnelling),
           "04a_rare_user_agents": ("http", rare_user_agents),
           "04b_rare_destinations": ("conn", rare_destinations)}


def main(argv):
    if argv[1] == "scores":
        all_scores(argv[2], len(argv) > 3 and argv[3] == "SPAN")
        return
    name, args = argv[1], argv[2:]
    raw = args[0] == "raw"
    if raw:
        args = args[1:]
    logs = dict(zip(("conn", "dns", "http"), args))
    table, report = REPORTS[name]
    lines = report(read_zeek(logs[table]), raw)
    for line in lines if len(lines) > 1 else []:    # the shell prints no header for no rows
        print(line)


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/python3
"""zeeklog from Python's sqlite3: load the extension, open a log, run reports.

    /usr/bin/python3 examples/python_example.py [LOG]     (default: examples/http.log)

The extension is ZEEKLOG_EXT (path without .so) or build/zeeklog next to
this examples/ directory; the reports are the repository's sql/ scripts.
"""
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
EXT = os.environ.get("ZEEKLOG_EXT", os.path.join(TOP, "build", "zeeklog"))
LOG = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "http.log")


def sql_string(s):
    """A SQL text literal: CREATE VIRTUAL TABLE takes no bound parameters."""
    return "'" + s.replace("'", "''") + "'"


conn = sqlite3.connect(":memory:")
conn.enable_load_extension(True)
conn.load_extension(EXT)
conn.enable_load_extension(False)
print("zeeklog", conn.execute("SELECT zeeklog_version()").fetchone()[0])

conn.execute(f"CREATE VIRTUAL TABLE temp.http USING zeek({sql_string(LOG)})")

# Ad-hoc SQL with the extension's functions.
n, first, last = conn.execute(
    "SELECT count(*), min(ts_iso), max(ts_iso) FROM http").fetchone()
print(f"{n:,} requests from {first} to {last}, "
      f"{conn.execute('SELECT zeek_skipped(?)', ('http',)).fetchone()[0]} lines skipped")

print("\nscanners (scanner_ua):")
for name, requests, ips in conn.execute("""
        SELECT scanner_ua(user_agent) AS scanner, count(*), count(DISTINCT id_orig_h)
        FROM http WHERE is_scanner_ua(user_agent) GROUP BY scanner ORDER BY 2 DESC"""):
    print(f"  {name:<10} {requests:>7,} requests from {ips} IP(s)")

# A saved report, as plain numbers. Each sql/NN*.sql is setup statements
# (the shared tables it reads, made if missing), then the line '-- report',
# then one SELECT.
conn.execute("CREATE TEMP TABLE zeeklog_raw(x)")


def report(name):
    with open(os.path.join(TOP, "sql", name + ".sql"), encoding="utf-8") as f:
        setup, select = f.read().split("\n-- report\n")
    conn.executescript(setup)
    cur = conn.execute(select)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur]


print("\nhourly (sql/03_hourly.sql):")
for row in report("03_hourly"):
    mode = "-" if row["modal_status"] is None else row["modal_status"]
    print(f"  {row['bucket']}  {row['requests']:>6,}  modal status {mode}")

print("\nrate spikes (sql/06_rate_spikes.sql), top 3:")
for row in report("06_rate_spikes")[:3]:
    print(f"  {row['src_ip']:<16} {row['minute_reqs']:>5} requests in {row['busiest_minute']}"
          f" ({row['peak_rps']} req/s, {row['ratio']}x its median)")

print("\nattack classes (sql/07a_attack_classes.sql):")
for row in report("07a_attack_classes"):
    print(f"  {row['attack_class']:<14} {row['requests']:>5}  top source {row['top_src_ip']}")


# A sensor's log directory, one table per log type (conn, dns, http), and the
# address and hunt functions over them: the most regular outbound callers.
print("\na log directory (tests/logs/hunt):")
for table, files in conn.execute('SELECT "table", files FROM zeek_attach(?, \'replace\')',
                                 (os.path.join(TOP, "tests", "logs", "hunt"),)):
    print(f"  {table:<6} {files} file(s)")
print("beacons from internal hosts (beacon_score, ip_is_private):")
for src, net, dst, n, score in conn.execute("""
        SELECT id_orig_h, ip_network(id_orig_h, 24), id_resp_h, count(*),
               round(beacon_score(ts, orig_ip_bytes), 3) AS score
        FROM conn WHERE ip_is_private(id_orig_h) AND NOT ip_is_private(id_resp_h)
        GROUP BY 1, 3 HAVING count(*) >= 20 ORDER BY score DESC, 4 DESC LIMIT 3"""):
    print(f"  {src:<10} ({net}) -> {dst:<15} {n:>5} connections, score {score}")

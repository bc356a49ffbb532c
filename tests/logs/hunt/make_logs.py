#!/usr/bin/python3
"""Writes the small logs the hunt tests read (tests/logs/hunt/*.log).

    /usr/bin/python3 tests/logs/hunt/make_logs.py [DIR]     (default: its own folder)

Deterministic (random.Random with fixed seeds). What is planted, over one
day (2024-03-01 UTC) among noise, is listed in README.md next to this file.
The logs are committed; tests/scripts/test_hunts.sh checks that this script
still writes the same bytes, then compares every hunt report's output with
what hunts.py computes from the logs on its own.
"""
import os
import random
import sys

DAY0 = 1709251200            # 2024-03-01T00:00:00Z
DAY = 86400
RESOLVER = "10.0.0.53"

CONN_FIELDS = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration "
               "orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history "
               "orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents ip_proto").split()
CONN_TYPES = ("time string addr port addr port enum string interval count count string bool "
              "bool count string count count count count set[string] count").split()
DNS_FIELDS = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass "
              "qclass_name qtype qtype_name rcode rcode_name AA TC RD RA Z answers TTLs "
              "rejected").split()
DNS_TYPES = ("time string addr port addr port enum count interval string count string count "
             "string count string bool bool bool bool count vector[string] vector[interval] "
             "bool").split()
HTTP_FIELDS = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri "
               "referrer version user_agent origin request_body_len response_body_len "
               "status_code status_msg info_code info_msg tags username password proxied "
               "orig_fuids orig_filenames orig_mime_types resp_fuids resp_filenames "
               "resp_mime_types").split()
HTTP_TYPES = ("time string addr port addr port count string string string string string "
              "string string count count count string count string set[enum] string string "
              "set[string] vector[string] vector[string] vector[string] vector[string] "
              "vector[string] vector[string]").split()

QTYPES = {1: "A", 28: "AAAA", 16: "TXT", 5: "CNAME", 15: "MX", 12: "PTR", 10: "NULL"}


def header(path, fields, types, opened):
    lines = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)",
             "#unset_field\t-", "#path\t" + path, "#open\t" + opened,
             "#fields\t" + "\t".join(fields), "#types\t" + "\t".join(types)]
    return "\n".join(lines) + "\n"


class Uids:
    def __init__(self, rng):
        self.rng = rng
        self.alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    def next(self):
        return "C" + "".join(self.rng.choice(self.alphabet) for _ in range(17))


def fmt_ts(t):
    return "%.6f" % t


def conn_row(uids, ts, src, dst, port, proto, service, duration, ob, rb, state, history,
             sport=None, rng=None):
    sport = sport if sport is not None else 1024 + rng.randrange(60000)
    opk = 1 + (ob or 0) // 500
    rpk = (1 + (rb or 0) // 1400) if rb is not None else 0
    oipb = (ob or 0) + 40 * opk
    ripb = (rb or 0) + 40 * rpk if rpk else 0
    unset = "-"
    vals = [fmt_ts(ts), uids.next(), src, str(sport), dst, str(port), proto,
            service or unset,
            ("%.6f" % duration) if duration is not None else unset,
            str(ob) if ob is not None else unset, str(rb) if rb is not None else unset,
            state, "T" if src.startswith("10.") else "F", "T" if dst.startswith("10.") else "F",
            "0", history, str(opk), str(oipb), str(rpk), str(ripb), "(empty)",
            "6" if proto == "tcp" else "17"]
    return ts + (duration or 0), "\t".join(vals)


def make_conn(rng):
    uids = Uids(rng)
    rows = []                       # (end time, line): Zeek writes at the end

    def add(*a, **k):
        rows.append(conn_row(uids, *a, rng=rng, **k))

    # 1. the planted beacon: every 60 s +- 3 s, all day, near-constant sizes
    t = DAY0 + 37.25
    while t < DAY0 + DAY - 60:
        add(t, "10.0.0.66", "203.0.113.66", 443, "tcp", "ssl", 0.2 + rng.random() * 0.3,
            517 + rng.randrange(3), 1400 + rng.randrange(40), "SF", "ShADadFf")
        t += 60 + rng.uniform(-3, 3)
    # 2. a loose schedule: every ~15 min +- 40%
    t = DAY0 + 500.5
    while t < DAY0 + DAY:
        add(t, "10.0.0.70", "198.51.100.70", 80, "tcp", "http", 0.5 + rng.random(),
            300 + rng.randrange(400), 2000 + rng.randrange(30000), "SF", "ShADadFf")
        t += 900 * rng.uniform(0.6, 1.4)
    # 3. a burst: every 10 s for 10 minutes only
    t = DAY0 + 40000.0
    for _ in range(60):
        add(t, "10.0.0.71", "198.51.100.71", 443, "tcp", "ssl", 0.1, 200, 900, "SF", "ShADadFf")
        t += 10 + rng.uniform(-0.4, 0.4)
    # 4. hourly and exact, but only 23 connections: below the report's threshold
    for i in range(23):
        add(DAY0 + 1800 + 3600 * i, "10.0.0.72", "198.51.100.72", 8080, "tcp", "http", 0.3,
            150, 150, "SF", "ShADadFf")
    # 5. long connections: one 9.5 h ssh session, one 2 h, and a channel that
    #    reconnects: 30 x 20 min = 10 h in total, none long on its own
    add(DAY0 + 3000.5, "10.0.0.77", "198.51.100.77", 22, "tcp", "ssh", 9.5 * 3600 + 12.25,
        4_500_000, 90_000_000, "SF", "ShADadFf")
    add(DAY0 + 50000.75, "10.0.0.79", "198.51.100.79", 3389, "tcp", None, 7200.5,
        1_200_000, 35_000_000, "S1", "ShADad")
    t = DAY0 + 10000.0
    for _ in range(30):
        add(t, "10.0.0.78", "198.51.100.78", 8443, "tcp", "ssl", 1200 + rng.uniform(-30, 30),
            20_000 + rng.randrange(5000), 8_000 + rng.randrange(5000), "SF", "ShADadFf")
        t += 1200 + 60 + rng.uniform(0, 30)
    # 6. noise: web browsing bursts, DNS, failed attempts
    hosts = ["10.1.0.%d" % i for i in range(1, 41)]
    sites = ["93.184.%d.%d" % (rng.randrange(256), rng.randrange(1, 255)) for _ in range(120)]
    for _ in range(260):
        h = rng.choice(hosts)
        s = sites[min(int(rng.paretovariate(1.2)) - 1, len(sites) - 1)] if rng.random() < 0.7 \
            else rng.choice(sites)
        t = DAY0 + rng.uniform(0, DAY - 900)
        port = 443 if rng.random() < 0.8 else 80
        for _ in range(1 + int(rng.expovariate(1 / 4))):
            t += rng.expovariate(1 / 20)
            add(t, h, s, port, "tcp", "ssl" if port == 443 else "http", rng.expovariate(1 / 8),
                int(rng.expovariate(1 / 900)), int(rng.expovariate(1 / 40000)), "SF", "ShADadFf")
    for h in hosts[:25]:
        t = DAY0 + rng.uniform(0, 600)
        while t < DAY0 + DAY:
            add(t, h, RESOLVER, 53, "udp", "dns", 0.01 + rng.random() * 0.05,
                30 + rng.randrange(40), 60 + rng.randrange(200), "SF", "Dd")
            t += rng.expovariate(1 / 1500)
    for _ in range(40):
        add(DAY0 + rng.uniform(0, DAY), rng.choice(hosts), "198.51.100.%d" % rng.randrange(100, 200),
            rng.choice([23, 445, 3389, 8080]), "tcp", None, None, None, None, "S0", "S")
    rows.sort(key=lambda r: r[0])
    return header("conn", CONN_FIELDS, CONN_TYPES, "2024-03-01-00-00-00") + \
        "".join(line + "\n" for _, line in rows) + "#close\t2024-03-02-00-00-00\n"


def dns_row(uids, rng, ts, host, query, qtype, answers):
    unset = "-"
    rcode, rname = (0, "NOERROR") if answers is not None else (3, "NXDOMAIN")
    vals = [fmt_ts(ts), uids.next(), host, str(1024 + rng.randrange(60000)), RESOLVER, "53", "udp",
            str(rng.randrange(65536)), "%.6f" % (0.001 + rng.random() * 0.05),
            query if query is not None else unset, "1", "C_INTERNET", str(qtype),
            QTYPES.get(qtype, unset), str(rcode), rname, "F", "F", "T", "T", "0",
            ",".join(answers) if answers else unset,
            ",".join("%.6f" % 300 for _ in answers) if answers else unset, "F"]
    return ts, "\t".join(vals)


def make_dns(rng):
    uids = Uids(rng)
    rows = []
    hosts = ["10.1.0.%d" % i for i in range(1, 41)]
    common = {"example.com": ["www", "mail", "api", "cdn", "static"],
              "example.net": ["www", "login", "img"],
              "shop.example.co.uk": [""],  # apex of a name under a multi-label suffix
              "example.co.uk": ["www", "news", "a.b"],
              "example.org": [""]}
    for _ in range(900):
        d = rng.choice(sorted(common))
        sub = rng.choice(common[d])
        name = (sub + "." + d) if sub else d
        if rng.random() < 0.05:
            name = name.upper()
        if rng.random() < 0.05:
            name += "."
        qtype = 1 if rng.random() < 0.8 else 28
        rows.append(dns_row(uids, rng, DAY0 + rng.uniform(0, DAY), rng.choice(hosts), name, qtype,
                            ["93.184.216.%d" % rng.randrange(1, 255)]))
    # a CDN: many short random-looking names, from many hosts (a false positive)
    for _ in range(120):
        sub = "e%d.a" % rng.randrange(1000, 9999)
        rows.append(dns_row(uids, rng, DAY0 + rng.uniform(0, DAY), rng.choice(hosts),
                            sub + ".cdn-example.net", 1, ["203.0.113.%d" % rng.randrange(1, 255)]))
    # the planted tunnel: one host, hex chunks under t.exfil.example, TXT
    t = DAY0 + 30000.0
    for i in range(300):
        chunk = "".join(rng.choice("0123456789abcdef") for _ in range(40 + rng.randrange(20)))
        rows.append(dns_row(uids, rng, t, "10.0.0.88", "%s.%d.t.exfil.example" % (chunk, i),
                            16 if i % 10 else 10, None if i % 7 == 0 else ["TXT 8 ok"]))
        t += rng.expovariate(1 / 4)
    # odd ones: no query, a bare TLD, an address, a reverse lookup
    rows.append(dns_row(uids, rng, DAY0 + 100.0, "10.1.0.1", None, 1, None))
    rows.append(dns_row(uids, rng, DAY0 + 101.0, "10.1.0.2", "local", 1, None))
    rows.append(dns_row(uids, rng, DAY0 + 102.0, "10.1.0.3", "10.1.2.3", 1, None))
    rows.append(dns_row(uids, rng, DAY0 + 103.0, "10.1.0.4", "66.113.0.203.in-addr.arpa", 12, None))
    rows.sort(key=lambda r: r[0])
    return header("dns", DNS_FIELDS, DNS_TYPES, "2024-03-01-00-00-00") + \
        "".join(line + "\n" for _, line in rows) + "#close\t2024-03-02-00-00-00\n"


def make_http(rng):
    uids = Uids(rng)
    rows = []
    hosts = ["10.1.0.%d" % i for i in range(1, 41)]
    browsers = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/122.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like "
                "Gecko) Version/17.3 Safari/605.1.15",
                "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0"]
    sites = ["www.example.com", "api.example.com", "www.example.net", "news.example.co.uk"]

    def add(ts, host, ua, site):
        unset = "-"
        vals = [fmt_ts(ts), uids.next(), host, str(1024 + rng.randrange(60000)),
                "93.184.216.%d" % (1 + sites.index(site) if site in sites else 99), "80", "1",
                "GET", site, "/" + "".join(rng.choice("abcdefgh") for _ in range(6)), unset, "1.1",
                unset if ua is None else (ua or "(empty)"), unset, "0", str(rng.randrange(100, 90000)),
                "200", "OK", unset, unset, "(empty)", unset, unset, unset, unset, unset, unset,
                unset, unset, unset]
        rows.append((ts, "\t".join(vals)))

    for _ in range(300):
        add(DAY0 + rng.uniform(0, DAY), rng.choice(hosts), rng.choice(browsers), rng.choice(sites))
    # one host's odd agent, polling all day
    for i in range(50):
        add(DAY0 + 1000 + 1700 * i + rng.uniform(0, 5), "10.0.0.66", "curl/7.1 (x86_64-pc-linux)",
            "updates.example.org")
    # rare agents: once, twice, from two hosts, empty and unset
    add(DAY0 + 5000.5, "10.1.0.7", "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)",
        "www.example.com")
    add(DAY0 + 6000.5, "10.1.0.8", "Python-urllib/2.7", "api.example.com")
    add(DAY0 + 6001.5, "10.1.0.8", "Python-urllib/2.7", "www.example.net")
    add(DAY0 + 7000.5, "10.1.0.9", "Wget/1.21", "www.example.com")
    add(DAY0 + 7100.5, "10.1.0.10", "Wget/1.21", "www.example.com")
    add(DAY0 + 8000.5, "10.1.0.11", "", "www.example.com")
    add(DAY0 + 8100.5, "10.1.0.12", None, "www.example.com")
    add(DAY0 + 8200.5, "10.1.0.12", None, "www.example.net")
    rows.sort(key=lambda r: r[0])
    return header("http", HTTP_FIELDS, HTTP_TYPES, "2024-03-01-00-00-00") + \
        "".join(line + "\n" for _, line in rows) + "#close\t2024-03-02-00-00-00\n"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name, make, seed in (("conn.log", make_conn, 15), ("dns.log", make_dns, 16),
                             ("http.log", make_http, 17)):
        with open(os.path.join(out, name), "w", newline="\n") as f:
            f.write(make(random.Random(seed)))


if __name__ == "__main__":
    main()

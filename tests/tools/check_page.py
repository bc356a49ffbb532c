#!/usr/bin/python3
"""Checks a triage page (zeeklog-report --format html) for
tests/scripts/test_report_html.sh. PAGE is the file as written or the DOM
headless Chromium dumped after loading it (--dump-dom).

  check_page.py selfcontained PAGE
      nothing outside the page: no script, no element that loads a resource,
      no link but to the page's own anchors, no url() or @import in CSS, and
      the Content-Security-Policy that forbids the rest.
  check_page.py numbers PAGE JSONDIR TEXT
      every report's table equals its --format json file (JSONDIR), value for
      value, and the summary equals the text report's summary line (TEXT:
      zeeklog-report's box output); the charts have a bar per row.
  check_page.py cell PAGE TABLE_ID COLUMN VALUE...
      each VALUE is the text of some cell of COLUMN in the table (hostile
      values must come out as text).

Prints one line per check ("ok ..." or "FAIL ..."); exits 1 if any failed.
"""
import html.parser
import json
import os
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find(self, tag):
        return [n for n in self.walk() if n.tag == tag]


class Tree(html.parser.HTMLParser):
    """A minimal DOM: elements, their attributes and text (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.attr_names = []  # every attribute of every element, as parsed

    def handle_starttag(self, tag, attrs):
        self.attr_names += [(tag, k, v) for k, v in attrs]
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.attr_names += [(tag, k, v) for k, v in attrs]
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    t = Tree()
    with open(path, encoding="utf-8", errors="replace") as f:
        t.feed(f.read())
    t.close()
    return t


FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILS.append(what)


def selfcontained(path):
    t = parse(path)
    raw = open(path, encoding="utf-8", errors="replace").read().lower()
    loaders = {"script", "link", "img", "image", "iframe", "frame", "object", "embed", "audio",
               "video", "source", "track", "base", "form", "use", "feimage", "foreignobject"}
    found = sorted({n.tag for n in t.root.walk()} & loaders)
    check(not found, "no element that runs or loads anything (found: %s)" % (found or "none"))
    check("<script" not in raw, "no '<script' anywhere in the markup")
    bad = [(tag, k, v) for tag, k, v in t.attr_names
           if k.startswith("on") or k in {"src", "srcset", "xlink:href", "action", "formaction",
                                          "poster", "data", "background", "ping"}
           or (k == "href" and not (v or "").startswith("#"))
           or "url(" in (v or "").lower() or "javascript:" in (v or "").lower()]
    check(not bad, "no attribute that loads, links out or runs (found: %s)" % (bad[:3] or "none"))
    styles = " ".join(n.text() for n in t.root.find("style")).lower()
    check("url(" not in styles and "@import" not in styles and "@font-face" not in styles,
          "the stylesheet fetches nothing (no url(), @import, @font-face)")
    csp = [n.attrs.get("content", "") for n in t.root.find("meta")
           if (n.attrs.get("http-equiv") or "").lower() == "content-security-policy"]
    check(bool(csp) and "default-src 'none'" in csp[0] and "script" not in csp[0],
          "Content-Security-Policy default-src 'none' (%s)" % (csp[0] if csp else "missing"))
    anchors = {n.attrs["id"] for n in t.root.walk() if "id" in n.attrs}
    links = [v for _, k, v in t.attr_names if k == "href"]
    check(links and all(v[1:] in anchors for v in links),
          "%d links, each to an anchor of the page" % len(links))


def tables(t):
    out = {}
    for tab in t.root.find("table"):
        head = [th.text() for th in tab.find("th")]
        rows = [[td.text() for td in tr.find("td")] for tr in tab.find("tr")]
        out[tab.attrs.get("id")] = (head, [r for r in rows if r])
    return out


def same_value(cell, v, key):
    """The page's text of a value (thousands separators, '%', '×', '–' for NULL)."""
    if v is None:
        return cell == "–"
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return cell.replace(",", "") == str(v)
    if isinstance(v, float):
        try:
            return float(cell.replace(",", "").rstrip("%×")) == v
        except ValueError:
            return False
    return cell == v


def shown_ips(v):
    """07b's sources on the page: the first 3, then '+N' (as the text report)."""
    if v is None:
        return "–"
    ips = v.split(", ")
    return v if len(ips) <= 3 else ", ".join(ips[:3]) + " +%d" % (len(ips) - 3)


def numbers(path, jdir, text):
    t = parse(path)
    tabs = tables(t)
    for f in sorted(os.listdir(jdir)):
        if not f.endswith(".json") or f.startswith("hunt_"):  # a directory's hunts: not on the page
            continue
        rid = f.split("_")[0]
        rows = json.load(open(os.path.join(jdir, f)))
        head, cells = tabs.get("t" + rid, (None, None))
        if head is None:
            check(False, "%s: no table t%s on the page" % (f, rid))
            continue
        keys = list(rows[0].keys()) if rows else head
        if rid == "03":  # the page draws the bar; raw output has none
            check(all(r.get("bar") is None for r in rows), "03: no bar in raw output")
            keys = [k for k in keys if k != "bar"]
        check(head == keys, "%s: columns %s" % (f, head))
        body = [c for c in cells if not (len(c) == 1 and c[0] == "no rows")]
        check(len(body) == len(rows), "%s: %d rows (json %d)" % (f, len(body), len(rows)))
        bad = []
        for i, (r, c) in enumerate(zip(rows, body)):
            for j, k in enumerate(keys):
                v = r[k]
                if rid == "07b" and k == "src_ips":
                    good = c[j] == shown_ips(v)
                else:
                    good = j < len(c) and same_value(c[j], v, k)
                if not good:
                    bad.append("row %d %s: page %r, json %r" % (i + 1, k, c[j] if j < len(c) else None, v))
        check(not bad, "%s: every value equal%s" % (f, (": " + "; ".join(bad[:3])) if bad else ""))
    # The summary: the text report's first box.
    lines = [l for l in open(text, encoding="utf-8") if l.startswith("│")]
    names = [x.strip() for x in lines[0].strip().strip("│").split("│")]
    vals = [x.strip() for x in lines[1].strip().strip("│").split("│")]
    page = {n.attrs["id"][2:]: n.text() for n in t.root.walk() if n.attrs.get("id", "").startswith("s-")}
    want = {k: (v if v != "-" else "–") for k, v in zip(names, vals)}
    check(page == want, "summary line: %s" % page)
    # The charts: one bar (or, in 05, two segments) per row.
    svgs = {n.attrs.get("id"): n for n in t.root.find("svg")}
    per = {"c-hourly": ("03", None), "c-status": ("01", 1), "c-sources": ("02", 1),
           "c-scanners": ("04b", 1), "c-errors": ("05", 2), "c-spikes": ("06", 1), "c-attacks": ("07a", 1)}
    for cid, (rid, segs) in per.items():
        rows = json.load(open([os.path.join(jdir, f) for f in os.listdir(jdir) if f.startswith(rid + "_")][0]))
        svg = svgs.get(cid)
        if not rows:
            check(svg is None, "%s: no chart for an empty report" % cid)
            continue
        rects = svg.find("rect") if svg is not None else []
        if segs is None:
            busy = [r for r in rows if r["requests"] > 0]
            titles = [r.find("title")[0].text() for r in rects]
            want_t = ["%s (%s): %s requests, modal status %s" % (r["bucket"], r["width"], "{:,}".format(r["requests"]),
                                                                r["modal_status"] if r["modal_status"] is not None else "–")
                      for r in busy]
            check(titles == want_t, "%s: a column per bucket with requests (%d), titled with its count" % (cid, len(busy)))
        else:
            check(len(rects) == segs * len(rows), "%s: %d bars for %d rows" % (cid, len(rects), len(rows)))


def cell(path, tid, col, values):
    head, rows = tables(parse(path)).get(tid, (None, None))
    if head is None or col not in head:
        check(False, "%s: no column %s" % (tid, col))
        return
    j = head.index(col)
    got = {r[j] for r in rows if j < len(r)}
    for v in values:
        check(v in got, "%s.%s shows %r as text" % (tid, col, v))


def main(a):
    if a[:1] == ["selfcontained"] and len(a) == 2:
        selfcontained(a[1])
    elif a[:1] == ["numbers"] and len(a) == 4:
        numbers(a[1], a[2], a[3])
    elif a[:1] == ["cell"] and len(a) >= 5:
        cell(a[1], a[2], a[3], a[4:])
    else:
        sys.exit(__doc__)
    sys.exit(1 if FAILS else 0)


main(sys.argv[1:])

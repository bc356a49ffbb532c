#!/bin/sh
# The triage page (zeeklog-report --format html): one self-contained file
# that a real browser renders with the text report's numbers.
#   sh tests/scripts/test_report_html.sh      (from the repository's top)
# On the bundled example, a 200,000-row generated log (bench/zeekgen.c) and a
# log of hostile values (markup in URIs, user agents, a status message, a
# source address and the log's own file name), it checks that the page
# loads and runs nothing (tests/tools/check_page.py selfcontained), and that
# headless Chromium's DOM of it shows every report's values as the runner's
# --format json gives them and the summary line as its text output does,
# with a chart bar per row; the hostile values must come out as text. It
# also takes a screenshot and prints the page to PDF, and checks the page of
# an installed zeeklog-report.
# Chromium: Debian's `chromium`, installed here with apt-get when it is
# missing and we are root; when it cannot be, the browser checks print SKIP
# and the others still run.
# Env: ZEEKLOG_BUILD, ZEEKLOG_EXT (the build; default build/zeeklog);
# CHROMIUM, the browser to run (default: chromium on PATH, installed if missing).
set -u
TOP=$(pwd)
BUILD=${ZEEKLOG_BUILD:-$TOP/build}
EXT=${ZEEKLOG_EXT:-$BUILD/zeeklog}
PY=/usr/bin/python3
CHECK="$PY tests/tools/check_page.py"
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-html.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
fails=0
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
R="sh bin/zeeklog-report --lib $EXT"
ROWS=200000 ROWS_SHOWN=200,000

# Chromium, or why not.
find_chromium() { for c in chromium chromium-browser; do command -v "$c" && return 0; done; return 1; }
CHROME=${CHROMIUM:-$(find_chromium)}
skip=
if [ -n "${CHROMIUM:-}" ]; then
  command -v "$CHROMIUM" > /dev/null 2>&1 || skip="CHROMIUM=$CHROMIUM is not a command"
elif [ -z "$CHROME" ]; then
  if [ "$(id -u)" != 0 ]; then skip="chromium is not installed and we are not root (apt-get install chromium)"
  elif ! command -v apt-get > /dev/null 2>&1; then skip="chromium is not installed and there is no apt-get"
  else
    echo "installing chromium (apt-get) for the browser checks"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } > "$T/apt.log" 2>&1 ||
      skip="apt-get install chromium failed: $(tail -n 1 "$T/apt.log")"
    [ -n "$skip" ] || CHROME=$(find_chromium) || skip="apt-get installed no chromium command"
  fi
fi
# Headless, its own profile, no network even if the page asked for it.
browse() { # ARGS... FILE
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-extensions --disable-background-networking --user-data-dir="$T/profile" \
    --host-resolver-rules='MAP * ~NOTFOUND' "$@" 2> "$T/chrome.err"
}

# page NAME LOG [OPTION...]: the page, the JSON reports and the text report
# of LOG into $T/NAME/; checks the page's markup and (with Chromium) its DOM.
page() {
  name=$1 d=$T/$1 log=$2
  shift 2
  $R "$@" --format html --out "$d" "$log" > "$d.list" 2>&1 || { cat "$d.list"; fail "$name: --format html"; return 1; }
  [ "$(cat "$d.list")" = "$d/index.html" ] && ok "$name: wrote $(wc -c < "$d/index.html") bytes, said where" \
    || { cat "$d.list"; fail "$name: the runner's output"; }
  $R "$@" --format json --out "$d/json" "$log" > /dev/null 2>&1 || fail "$name: --format json"
  $R "$@" "$log" > "$d/text.out" 2>&1 || fail "$name: text report"
  $CHECK selfcontained "$d/index.html" > "$d/self.log" && ok "$name: self-contained (markup)" \
    || { cat "$d/self.log"; fail "$name: not self-contained"; }
  $CHECK numbers "$d/index.html" "$d/json" "$d/text.out" > "$d/num-raw.log" && ok "$name: the markup's numbers = json's" \
    || { grep FAIL "$d/num-raw.log"; fail "$name: the markup's numbers"; }
  [ -z "$skip" ] || return 0
  start=$(date +%s%N)
  browse --dump-dom "file://$d/index.html" > "$d/dom.html" || { tail -n 3 "$T/chrome.err"; fail "$name: chromium --dump-dom"; return 1; }
  ok "$name: chromium loaded it in $(( ($(date +%s%N) - start) / 1000000 )) ms"
  $CHECK selfcontained "$d/dom.html" > "$d/self-dom.log" && ok "$name: the browser's DOM runs and loads nothing" \
    || { cat "$d/self-dom.log"; fail "$name: the DOM is not self-contained"; }
  $CHECK numbers "$d/dom.html" "$d/json" "$d/text.out" > "$d/num.log" \
    && ok "$name: rendered: every report's values = json's, summary = the text report's, a bar per row ($(grep -c '^ok' "$d/num.log") checks)" \
    || { grep FAIL "$d/num.log"; fail "$name: rendered numbers"; }
}

# 1. The bundled example, a screenshot and a print.
page example examples/http.log
if [ -z "$skip" ]; then
  browse --screenshot="$T/shot.png" --window-size=1366,2400 "file://$T/example/index.html" > /dev/null
  [ "$(od -An -tx1 -N8 "$T/shot.png" 2>/dev/null | tr -d ' ')" = 89504e470d0a1a0a ] && [ "$(wc -c < "$T/shot.png")" -gt 20000 ] \
    && ok "screenshot at 1366x2400: $(wc -c < "$T/shot.png") bytes of PNG" || { tail -n 3 "$T/chrome.err"; fail "screenshot"; }
  browse --no-pdf-header-footer --print-to-pdf="$T/page.pdf" "file://$T/example/index.html" > /dev/null
  pages=$(grep -ac '/Type /Page$' "$T/page.pdf" 2>/dev/null)   # a line per page's dictionary (Skia's PDF)
  [ "$(head -c 4 "$T/page.pdf")" = %PDF ] && [ "${pages:-0}" -ge 2 ] \
    && ok "printed to PDF: $pages pages" || { tail -n 3 "$T/chrome.err"; fail "print to PDF"; }
fi
# The same page when the reports make their own shared tables, or all runs
# in one process; in another zone, that zone's numbers and headings.
$R --no-cache --format html --out "$T/nocache" examples/http.log > /dev/null 2>&1 &&
  cmp -s "$T/nocache/index.html" "$T/example/index.html" && ok "--no-cache: the same page" || fail "--no-cache page"
ZEEKLOG_REPORT_SERIAL=1 $R --format html --out "$T/serial" examples/http.log > /dev/null 2>&1 &&
  cmp -s "$T/serial/index.html" "$T/example/index.html" && ok "ZEEKLOG_REPORT_SERIAL=1: the same page" || fail "serial page"
page kolkata examples/http.log --tz Asia/Kolkata
grep -q '<h2>3. Requests over time and the modal status (times in Asia/Kolkata) <small>' "$T/kolkata/index.html" \
  && ok "--tz Asia/Kolkata: the headings say the zone" || fail "--tz headings"
# Independent: the hourly column of the page adds up to awk's count of rows.
awk -F'\t' '!/^#/ && NF > 1 { n++ } END { print n }' examples/http.log > "$T/awk.n"
$PY - "$T/example/json/03_hourly.json" "$(cat "$T/awk.n")" <<'EOF' && ok "example: hourly requests add up to awk's $(cat "$T/awk.n") rows" || fail "hourly total"
import json, sys
sys.exit(sum(r["requests"] for r in json.load(open(sys.argv[1]))) != int(sys.argv[2]))
EOF

# 2. A generated log (the benchmark's generator).
${CC:-cc} -std=c11 -O2 -o "$T/zeekgen" bench/zeekgen.c && "$T/zeekgen" -n $ROWS -s 11 -o "$T/gen.log" \
  || fail "zeekgen"
start=$(date +%s%N)
page generated "$T/gen.log"
ok "generated: $ROWS rows, the whole step in $(( ($(date +%s%N) - start) / 1000000 )) ms"
grep -q "<dd id=\"s-requests\">$ROWS_SHOWN</dd>" "$T/generated/index.html" \
  && ok "generated: the summary says $ROWS_SHOWN requests" || fail "generated: requests in the summary"

# 3. Hostile values: markup everywhere the log reaches the page, and in the
# log's file name.
H="$T/hostile/a<b>&\"q'.log"
mkdir -p "$T/hostile"
{
  head -n 8 examples/http.log
  awk 'BEGIN {
    OFS = "\t"
    u1 = "/?q=<script>alert(1)</script>"; a1 = "<script>alert(\"ua\")</script>"
    u2 = "/x\"><svg onload=alert(2)>";    a2 = "\"><svg/onload=alert(\x27ua2\x27)>"
    m2 = "<b>OK</b> & \"quoted\" \x27single\x27 &amp;"
    u3 = "/a?b=1&amp;c=<img src=x onerror=alert(3)>"; a3 = "Mozilla &lt;b&gt; & friends \x27 \""
    s3 = "<img src=x onerror=alert(4)>"
    for (i = 0; i < 30; i++) {
      t = 1331901000 + i * 60
      print t ".5", "C" i "a", "10.0.0.1", 4000, "10.9.9.9", 80, 1, "GET", "h", u1, "-", a1, 0, 0, 404, "Not Found", "-", "-", "-", "(empty)", "-", "-", "-", "-", "-", "-", "-"
      print t ".6", "C" i "b", "10.0.0.2", 4000, "10.9.9.9", 80, 1, "GET", "h", u2, "-", a2, 0, 0, 299, m2, "-", "-", "-", "(empty)", "-", "-", "-", "-", "-", "-", "-"
      if (i % 3 == 0)
        print t ".7", "C" i "c", s3, 4000, "10.9.9.9", 80, 1, "GET", "h", u3, "-", a3, 0, 0, 403, "Forbidden", "-", "-", "-", "(empty)", "-", "-", "-", "-", "-", "-", "-"
    }
  }'
} > "$H"
page hostile "$H"
if [ -z "$skip" ]; then
  D=$T/hostile/dom.html
  $CHECK cell "$D" t07b uri '/?q=<script>alert(1)</script>' '/x"><svg onload=alert(2)>' \
    '/a?b=1&amp;c=<img src=x onerror=alert(3)>' > "$T/h1.log" &&
  $CHECK cell "$D" t04a user_agent '<script>alert("ua")</script>' "\"><svg/onload=alert('ua2')>" \
    "Mozilla &lt;b&gt; & friends ' \"" > "$T/h2.log" &&
  $CHECK cell "$D" t01 status_msg "<b>OK</b> & \"quoted\" 'single' &amp;" > "$T/h3.log" &&
  $CHECK cell "$D" t02 src_ip '<img src=x onerror=alert(4)>' > "$T/h4.log" &&
  $CHECK cell "$D" t05 src_ip '<img src=x onerror=alert(4)>' > "$T/h5.log" \
    && ok "hostile: every value shows as text (URIs, agents, status message, source)" \
    || { cat "$T"/h[1-5].log | grep FAIL; fail "hostile values"; }
  $PY - "$D" "$H" <<'EOF' && ok "hostile: the log's name is the title's text" || fail "hostile: the log's name"
import sys
sys.path.insert(0, "tests/tools")
dom = open(sys.argv[1]).read()
import html
want = "zeeklog triage: " + sys.argv[2]
sys.exit(("<title>%s</title>" % html.escape(want, quote=False)) not in dom)
EOF
fi

# 4. A log without rows: every table says so, no chart but an empty hourly one.
head -n 8 examples/http.log > "$T/empty.log"
page empty "$T/empty.log"
[ "$(grep -o '<td class="null" colspan="9">no rows</td>' "$T/empty/index.html" | wc -l)" = 9 ] \
  && grep -q 'No requests with a time.' "$T/empty/index.html" && ! grep -q '<svg' "$T/empty/index.html" \
  && ok "empty log: 9 tables with 'no rows', no chart" || fail "empty log page"

# A log directory: the page is its http log's triage (the hunts are not on it).
page dir tests/logs/hunt
[ -f "$T/dir/index.html" ] && ! ls "$T/dir" | grep -q '^hunt_' && ok "directory: the page, no hunt files beside it" \
  || { ls "$T/dir"; fail "directory: files written"; }

# 5. The page of an installed zeeklog-report (sql/html installed beside the reports).
P="$T/prefix"
make --no-print-directory install -o "$BUILD/zeeklog.so" BUILD="$BUILD" PREFIX="$P" > "$T/make.log" 2>&1 \
  || { cat "$T/make.log"; fail "make install"; }
"$P/bin/zeeklog-report" --format html --out "$T/inst" examples/http.log > "$T/inst.list" 2>&1 \
  && cmp -s "$T/inst/index.html" "$T/example/index.html" && ok "installed zeeklog-report: the same page" \
  || { cat "$T/inst.list"; fail "installed zeeklog-report --format html"; }

# 6. Usage errors.
if $R --format html examples/http.log > /dev/null 2>&1; then fail "--format html without --out accepted"; else ok "--format html needs --out"; fi
if $R --format html --out "$T/x" --report 03 examples/http.log > /dev/null 2>&1; then fail "--format html --report accepted"
else ok "--format html refuses --report"; fi

[ -n "$skip" ] && echo "SKIP browser checks: $skip"
[ "$fails" = 0 ] && echo "all page tests passed" || echo "$fails page test(s) failed"
[ "$fails" = 0 ]

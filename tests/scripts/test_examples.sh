#!/bin/sh
# examples/: the example log is what its generator writes; the Python, Node
# and sqlite3-shell examples run and print what examples/http.log holds; the
# real log from tests/data goes through the triage report.
#   sh tests/scripts/test_examples.sh      (from the repository's top)
# Env: ZEEKLOG_EXT (extension path without .so; default build/zeeklog).
# The Node example needs better-sqlite3@12 in examples/node_modules: this
# test runs `npm install` there when it is missing (the first time can take
# a couple of minutes when no prebuilt binary can be downloaded and it
# compiles); without npm or network it is skipped with a message.
set -u
TOP=$(pwd)
EXT=${ZEEKLOG_EXT:-$TOP/build/zeeklog}
export ZEEKLOG_EXT="$EXT"
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-examples.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }
has() { # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok "$3"; else fail "$3: no '$2' in:"; cat "$1"; fi
}
[ -f "$EXT.so" ] || { echo "FAIL: no extension at $EXT.so"; exit 1; }

# The generator is deterministic and examples/http.log is its output.
${PYTHON:-/usr/bin/python3} examples/make_example_log.py -o "$T/http.log" || fail "make_example_log.py"
cmp -s "$T/http.log" examples/http.log && ok "examples/http.log = make_example_log.py's output" \
  || fail "examples/http.log differs from make_example_log.py's output (rerun it)"
size=$(wc -c < examples/http.log)
[ "$size" -lt 3000000 ] && ok "examples/http.log is $size bytes" || fail "examples/http.log too big: $size"
head -n 8 examples/http.log | grep -q '^#fields	ts	uid	id.orig_h' && tail -n 1 examples/http.log | grep -q '^#close' \
  && ok "examples/http.log has a full header and #close" || fail "examples/http.log header"

# What the example log holds, through the reports.
sh bin/zeeklog-report --lib "$EXT" examples/http.log > "$T/triage.out" 2>&1 || { cat "$T/triage.out"; fail "triage on examples/http.log"; }
v=$(sqlite3 :memory: ".load $EXT" 'SELECT zeeklog_version()')
has "$T/triage.out" "│ $v   │ 8,780    │ 0             │ 18         │ 2012-03-16 12:30:00 │ 2012-03-17 05:59:58 │" "triage summary"
for s in DirBuster Skipfish Nikto Nmap sqlmap; do
  has "$T/triage.out" "│ $s " "scanner $s found"
done
for c in sqli xss traversal lfi rfi cmd_injection; do
  has "$T/triage.out" "│ $c " "attack class $c found"
done
has "$T/triage.out" "│ 2012-03-16 18:00 │ 1 hour │    3,297 │ 404          │ ######################################## │" "peak hour 18:00"
has "$T/triage.out" "│ 2012-03-16 23:00 │ 1 hour │        0 │ -            │" "empty hours"
has "$T/triage.out" "│ -           │ -                     │      107 │   1.2% │" "unset status codes"

# A real log (tests/data, see examples/LICENSES.md) through the runner.
sh bin/zeeklog-report --lib "$EXT" tests/data/zat/http.log > "$T/zat.out" 2>&1 || { cat "$T/zat.out"; fail "triage on tests/data/zat/http.log"; }
has "$T/zat.out" "│ 404         │ Not Found         │        2 │   5.6% │" "zat http.log: status codes"
sh bin/zeeklog-report --lib "$EXT" tests/data/brobeat/sample-http.log > "$T/bb.out" 2>&1 \
  && ok "triage on tests/data/brobeat/sample-http.log" || { cat "$T/bb.out"; fail "triage on brobeat sample"; }

# Python.
${PYTHON:-/usr/bin/python3} examples/python_example.py > "$T/py.out" 2>&1 || { cat "$T/py.out"; fail "python_example.py"; }
has "$T/py.out" "8,780 requests from 2012-03-16T12:30:00.226287Z to 2012-03-17T05:59:58.328790Z, 0 lines skipped" "python: summary"
has "$T/py.out" "  DirBuster    3,700 requests from 1 IP(s)" "python: scanners"
has "$T/py.out" "  2012-03-17 00:00       0  modal status -" "python: empty hour"
has "$T/py.out" "  192.168.203.63     145 requests in 2012-03-16 18:12 (2.42 req/s, 8.1x its median)" "python: rate spike"
has "$T/py.out" "  sqli             249  top source 192.168.202.138" "python: attack classes"

# The toolkit part of both examples: a log directory (tests/logs/hunt holds one conn.log, dns.log
# and http.log), ip_network(), and each pair's connection count (counted here with awk).
pair_count() { awk -F '\t' -v s="$1" -v d="$2" '!/^#/ && $3 == s && $5 == d { n++ } END { print n + 0 }' tests/logs/hunt/conn.log; }
toolkit() { # OUTPUT LANGUAGE
  for t in conn dns http; do has "$1" "  $(printf '%-6s' $t) 1 file(s)" "$2: zeek_attach made $t"; done
  for pair in "10.0.0.66 203.0.113.66" "10.0.0.71 198.51.100.71"; do
    set -- "$1" "$2" $pair
    has "$1" "  $(printf '%-10s' $3) (10.0.0.0/24) -> $(printf '%-15s' $4) $(printf '%5d' "$(pair_count $3 $4)") connections" "$2: beacon pair $3 -> $4"
  done
}
toolkit "$T/py.out" python
# zstd through Python: the example log recompressed, the same numbers.
zstd -q -19 -c examples/http.log > "$T/http.log.zst"
${PYTHON:-/usr/bin/python3} examples/python_example.py "$T/http.log.zst" > "$T/py-zst.out" 2>&1 || { cat "$T/py-zst.out"; fail "python_example.py on .zst"; }
has "$T/py-zst.out" "8,780 requests from 2012-03-16T12:30:00.226287Z to 2012-03-17T05:59:58.328790Z, 0 lines skipped" "python: the .zst log"

# The sqlite3 shell (.load, .read), with this build's extension.
sed "s|^\.load .*|.load $EXT|" examples/shell_example.sql | sqlite3 -bail > "$T/sh.out" 2>&1 || { cat "$T/sh.out"; fail "shell_example.sql"; }
has "$T/sh.out" "│ DirBuster │ 192.168.203.63  │ 3700     │ 17:40 │ 19:09 │ 404          │" "shell: scanners"
has "$T/sh.out" "│ 2012-03-16 18:00 │ 1 hour │    3,297 │ 404          │" "shell: .read sql/03_hourly.sql"
has "$T/sh.out" "│ sqli          │ /index.php?id=1;DROP TABLE users--" "shell: .read sql/07b_attack_examples.sql"

# Node, better-sqlite3@12.
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  echo "SKIP: node_example.js (node or npm is not installed)"
else
  if [ ! -d examples/node_modules/better-sqlite3 ]; then
    echo "installing better-sqlite3@12 into examples/node_modules ..."
    if ! (cd examples && npm install --no-audit --no-fund --no-package-lock > "$T/npm.log" 2>&1); then
      if grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network' "$T/npm.log"; then
        echo "SKIP: node_example.js (npm has no network:)"; tail -n 5 "$T/npm.log"
      else
        cat "$T/npm.log"; fail "npm install better-sqlite3"
      fi
    fi
  fi
  if [ -d examples/node_modules/better-sqlite3 ]; then
    node examples/node_example.js > "$T/node.out" 2>&1 || { cat "$T/node.out"; fail "node_example.js"; }
    has "$T/node.out" "8,780 requests" "node: count"
    has "$T/node.out" "  404  Not Found                5111  58.21%" "node: sql/01_status_codes.sql, raw numbers"
    has "$T/node.out" "  192.168.203.63   3406 errors of 3700 requests" "node: sql/05_error_ips.sql"
    has "$T/node.out" "  sqlmap       sqli           249" "node: ad-hoc query"
    toolkit "$T/node.out" node
    node examples/node_example.js "$T/http.log.zst" > "$T/node-zst.out" 2>&1 || { cat "$T/node-zst.out"; fail "node_example.js on .zst"; }
    has "$T/node-zst.out" "  404  Not Found                5111  58.21%" "node: the .zst log"
  fi
fi

[ "$fails" = 0 ] && echo "all example tests passed" || echo "$fails example test(s) failed"
[ "$fails" = 0 ]

#!/bin/sh
# Every SQL example in README.md and docs/*.md runs, and shows its real output
# (the convention is docs/testing.md's, "Examples in the docs"):
#   - each ```sql block runs on its own: a new `sqlite3 -bail :memory:` with
#     the extension loaded, from a fixture directory where examples/, tests/,
#     sql/ and bin/ are the repository's and build/ holds the logs that
#     docs/archives.md and docs/reliability.md have the reader make (FIXTURE);
#   - a ```text block directly after it (blank lines between are allowed) is
#     its output: stdout, then stderr, must be exactly that block;
#   - a block without one must succeed with nothing on stderr.
# A `.load` line in a block loads this build's extension instead.
# Also: README.md links every docs/*.md page, and every link to a heading
# (page.md#anchor) names a heading that page has.
#   sh tests/scripts/test_docs.sh            (from the repository's top)
# Env: ZEEKLOG_EXT (extension path without .so; default build/zeeklog).
set -u
TOP=$(pwd)
EXT=${ZEEKLOG_EXT:-$TOP/build/zeeklog}
case "$EXT" in /*) ;; *) EXT="$TOP/$EXT" ;; esac
[ -f "$EXT.so" ] || { echo "FAIL: no extension at $EXT.so"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-docs.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The fixture: the repository's top, with build/ holding only what the docs
# have the reader make; each command must be shown, as it is here, in a page.
FIX="$T/top"
mkdir -p "$FIX/build" "$T/blocks"
for d in examples tests sql bin; do ln -s "$TOP/$d" "$FIX/$d"; done
FIXTURE='/usr/bin/python3 tests/tools/make_archive.py build/archive 400
gzip -c examples/http.log > build/http.log.gz
zstd -q -c examples/http.log > build/http.log.zst
head -c 5000 build/http.log.gz > build/cut.log.gz'
echo "$FIXTURE" | while IFS= read -r cmd; do
  cat docs/*.md | grep -qxF -- "$cmd" || { echo "FAIL: no docs page shows: $cmd"; exit 1; }
done || fails=$((fails + 1))
(cd "$FIX" && eval "$FIXTURE") || fail "the fixture commands"

# Cut the pages into blocks: B.sql, B.where (page:line) and, if shown, B.text.
for page in README.md docs/*.md; do
  [ -f "$page" ] || continue
  awk -v out="$T/blocks" -v page="$page" '
    BEGIN { key = page; gsub(/[^A-Za-z0-9]/, "_", key) }
    /^```/ && !inside {               # an opening fence
      inside = 1; lang = substr($0, 4); sub(/[ \t].*/, "", lang); cur = ""
      if(lang == "sql"){
        id = sprintf("%s/%s.%03d", out, key, ++n); cur = id ".sql"
        print page ":" NR > (id ".where"); close(id ".where")
      } else if(lang == "text" && after != "") cur = after ".text"
      if(cur != "") printf "" > cur
      after = ""; next
    }
    /^```/ { inside = 0; if(cur != "") close(cur); if(lang == "sql") after = id; next }
    inside { if(cur != "") print > cur; next }
    /^[ \t]*$/ { next }                 # blank lines keep a block and its output together
    { after = "" }
  ' "$page"
done

count=0
for b in "$T"/blocks/*.sql; do
  [ -f "$b" ] || continue
  count=$((count + 1))
  id=${b%.sql}; where=$(cat "$id.where")
  sed "s|^\.load .*|.load $EXT|" "$b" > "$id.run"
  (cd "$FIX" && sqlite3 -bail -cmd ".load $EXT" :memory: < "$id.run" > "$id.out" 2> "$id.err")
  rc=$?
  if [ -f "$id.text" ]; then
    cat "$id.out" "$id.err" > "$id.got"
    diff -u "$id.text" "$id.got" > "$id.diff" || { fail "$where: output differs (- shown, + real):"; cat "$id.diff"; }
  elif [ "$rc" != 0 ] || [ -s "$id.err" ]; then
    fail "$where: the block fails (exit $rc):"; cat "$id.err"
  fi
done
[ "$count" -gt 0 ] || fail "no \`\`\`sql blocks found"

for page in docs/*.md; do
  [ -f "$page" ] || continue
  grep -qF "($page)" README.md || fail "README.md does not link $page"
done

# A link to a heading (page.md#anchor) names a heading of that page, by
# GitHub's rule: lower case, punctuation dropped, spaces to hyphens.
"$PY" - README.md docs/*.md > "$T/anchors" <<'PYEOF' || { fail "links to headings that do not exist:"; cat "$T/anchors"; }
import os, re, sys
def slug(h):
    return re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
def prose(path):  # the page without its fenced blocks
    return re.sub(r"^```.*?^```", "", open(path, encoding="utf-8").read(), flags=re.S | re.M)
heads = {}
def headings(path):
    if path not in heads:
        heads[path] = {slug(m.group(1)) for m in re.finditer(r"^#+ (.*)$", prose(path), re.M)}
    return heads[path]
bad = 0
for page in sys.argv[1:]:
    for m in re.finditer(r"\]\(([^)\s#]*)#([^)\s]+)\)", prose(page)):
        target = os.path.normpath(os.path.join(os.path.dirname(page), m.group(1))) if m.group(1) else page
        if os.path.exists(target) and m.group(2) not in headings(target):
            print("%s: (%s#%s)" % (page, m.group(1), m.group(2))); bad = 1
sys.exit(bad)
PYEOF

echo "$count SQL blocks in README.md and docs/*.md"
[ "$fails" = 0 ] && echo "all docs examples passed" || echo "$fails docs check(s) failed"
[ "$fails" = 0 ]

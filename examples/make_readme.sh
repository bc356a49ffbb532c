#!/bin/sh
# Writes examples/README.md: the walkthrough, with the real output of every
# command in it (run here, now). From the repository's top, after `make`:
#   sh examples/make_readme.sh            (ZEEKLOG_EXT: extension, default build/zeeklog)
set -e
EXT=${ZEEKLOG_EXT:-build/zeeklog}
export ZEEKLOG_EXT="$EXT"
R="sh bin/zeeklog-report --lib $EXT"
out=examples/README.md
run() { # shown command, then the real command
  printf '```console\n$ %s\n' "$1"
  shift
  "$@" 2>&1
  printf '```\n\n'
}
{
cat <<'TXT'
# zeeklog examples: a walkthrough

What is here:

| file | what |
|---|---|
| `http.log` | a synthetic Bro 2.x http.log (8,780 requests, 2012-03-16/17): DirBuster, Skipfish, Nmap, Nikto and sqlmap scans, a brute-force burst, ordinary browsers, mostly 404s, a peak hour at 18:00 and five empty hours. The default log of `make report`. |
| `make_example_log.py` | writes `http.log` (fixed seed: the same bytes every time): `/usr/bin/python3 examples/make_example_log.py` |
| `python_example.py` | zeeklog from Python's `sqlite3` |
| `node_example.js`, `package.json` | zeeklog from Node with better-sqlite3 (`cd examples && npm install` first) |
| `shell_example.sql` | zeeklog from the `sqlite3` shell (`.load`, `.read`) |
| `LICENSES.md` | where the real logs used below come from |
| `make_readme.sh` | writes this file, running every command in it |

All output below is real: `sh examples/make_readme.sh` ran each command.
`bin/zeeklog-report` is the runner (installed as `zeeklog-report`); `make
report LOG=...` runs it after building. `--report NN` picks one report of
`sql/`; without it, all of them run (`sql/triage.sql`).

## The whole triage

`make report` (or `bin/zeeklog-report examples/http.log`) prints every report
below, one after the other, under a summary of the log:

TXT
printf '```console\n$ make report\n'
$R examples/http.log 2>&1 | sed -n '1,6p'
printf '...\n```\n\n'

for f in sql/[0-9][0-9]*.sql; do
  name=$(basename "$f" .sql)
  num=$(echo "$name" | sed 's/_.*//')
  title=$(sed -n 's/^-- title: //p' "$f" | head -n 1)
  printf '## %s. %s\n\n' "$(echo "$num" | sed 's/^0//')" "$title"
  # The report's own description, from its opening comment.
  sed -n '3,/^$/p' "$f" | sed -n '/^--$/q; s/^-- \{0,1\}//p' | sed '/^Runs against/,$d'
  echo
  run "bin/zeeklog-report --report $num examples/http.log" $R --report "$num" examples/http.log
done

cat <<'TXT'
## A real log

The same reports on a real capture from `tests/data/` (see `LICENSES.md`):

TXT
run "bin/zeeklog-report --report 01 --report 02 --report 04 tests/data/zat/http.log" \
  $R --report 01 --report 02 --report 04 tests/data/zat/http.log

cat <<'TXT'
## CSV and JSON

`--format csv` or `--format json` writes one file per report into `--out DIR`,
with plain numbers (no thousands separators, shares as numbers, no bar):

TXT
tmp=$(mktemp -d)
run "bin/zeeklog-report --format json --out /tmp/triage examples/http.log" \
  sh -c "$R --format json --out $tmp examples/http.log | sed 's|$tmp|/tmp/triage|'"
run "head -c 400 /tmp/triage/06_rate_spikes.json" sh -c "head -c 400 $tmp/06_rate_spikes.json; echo"
rm -rf "$tmp"

cat <<'TXT'
## From Python

`conn.load_extension("build/zeeklog")`, then `CREATE VIRTUAL TABLE temp.http
USING zeek(...)`, ad-hoc SQL, and the saved reports read from `sql/` (each is
one SELECT; the temp table `zeeklog_raw` makes them return plain numbers):

TXT
run "/usr/bin/python3 examples/python_example.py" /usr/bin/python3 examples/python_example.py

cat <<'TXT'
## From Node (better-sqlite3)

`db.loadExtension("build/zeeklog")`; the same reports with `db.prepare(sql).all()`:

TXT
if [ -d examples/node_modules/better-sqlite3 ]; then
  run "node examples/node_example.js" node examples/node_example.js
else
  echo "(run \`cd examples && npm install\` and then \`sh examples/make_readme.sh\` to show this output)"
  echo
fi

cat <<'TXT'
## From the sqlite3 shell

`examples/shell_example.sql` loads the extension, asks an ad-hoc question and
`.read`s two saved reports:

TXT
run "sqlite3 < examples/shell_example.sql" sh -c "sed 's|^\.load .*|.load $EXT|' examples/shell_example.sql | sqlite3 -bail"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"

#!/bin/sh
# `make install` (PREFIX, DESTDIR) puts the extension, the sql/ reports and a
# working zeeklog-report command in place; `make uninstall` removes them.
#   sh tests/scripts/test_install.sh      (from the repository's top)
# Env: ZEEKLOG_BUILD (the build directory; default build). It installs the
# extension already built there (make -o: no rebuild).
set -u
TOP=$(pwd)
BUILD=${ZEEKLOG_BUILD:-$TOP/build}
T=$(mktemp -d "${TMPDIR:-/tmp}/zeeklog-install.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# DESTDIR: everything lands under it, and the command names PREFIX's paths.
make --no-print-directory install -o "$BUILD/zeeklog.so" BUILD="$BUILD" DESTDIR="$T/stage" PREFIX=/opt/zl > "$T/make1.log" 2>&1 \
  || { cat "$T/make1.log"; fail "make install DESTDIR=... PREFIX=/opt/zl"; }
for f in lib/zeeklog/zeeklog.so share/zeeklog/sql/triage.sql share/zeeklog/sql/03_hourly.sql bin/zeeklog-report; do
  [ -f "$T/stage/opt/zl/$f" ] && ok "DESTDIR: $f" || fail "DESTDIR: no $f"
done
[ -x "$T/stage/opt/zl/bin/zeeklog-report" ] && ok "zeeklog-report is executable" || fail "zeeklog-report not executable"
grep -qx 'ZEEKLOG_LIB=/opt/zl/lib/zeeklog/zeeklog' "$T/stage/opt/zl/bin/zeeklog-report" \
  && grep -qx 'ZEEKLOG_SQL=/opt/zl/share/zeeklog/sql' "$T/stage/opt/zl/bin/zeeklog-report" \
  && ok "installed command names PREFIX's paths (not DESTDIR's)" || fail "ZEEKLOG_LIB/ZEEKLOG_SQL lines"
n=$(ls sql/*.sql | wc -l); m=$(ls "$T/stage/opt/zl/share/zeeklog/sql/"*.sql | wc -l)
[ "$n" = "$m" ] && ok "all $n report scripts installed" || fail "$m of $n report scripts installed"

# PREFIX only: the installed command works from anywhere, with no source tree.
P="$T/prefix"   # (the Makefile does not quote paths: no spaces)
make --no-print-directory install -o "$BUILD/zeeklog.so" BUILD="$BUILD" PREFIX="$P" > "$T/make2.log" 2>&1 \
  || { cat "$T/make2.log"; fail "make install PREFIX=..."; }
mkdir -p "$T/elsewhere/logs"
cp tests/reports/http.log "$T/elsewhere/logs/http.log"
(cd "$T/elsewhere" && PATH="$P/bin:$PATH" zeeklog-report logs/http.log) > "$T/run.out" 2>&1 \
  || { cat "$T/run.out"; fail "installed zeeklog-report (relative log path, other directory)"; }
grep -q '^7b\. Suspicious URIs' "$T/run.out" && grep -q '│ 10\.0\.0\.1 *│ 2012-03-16 11:00 │' "$T/run.out" \
  && ok "installed zeeklog-report runs the triage" || { cat "$T/run.out"; fail "installed triage output"; }
# Same output as from the source tree.
sh bin/zeeklog-report --build "$BUILD" tests/reports/http.log > "$T/tree.out" 2>&1
cmp -s "$T/tree.out" "$T/run.out" && ok "installed output = source tree output (--build)" || fail "installed output differs"
(cd / && "$P/bin/zeeklog-report" --list) | grep -q '^01_status_codes ' && ok "installed --list" || fail "installed --list"

# The installed sql dir serves the shell user too.
{ echo ".load '$P/lib/zeeklog/zeeklog'"
  echo "CREATE VIRTUAL TABLE temp.http USING zeek('tests/reports/http.log');"
  echo ".read '$P/share/zeeklog/sql/triage.sql'"; } | sqlite3 -bail > "$T/shell.out" 2>&1 \
  && cmp -s "$T/shell.out" "$T/tree.out" && ok "sqlite3 .read of the installed triage.sql" \
  || { cat "$T/shell.out"; fail "installed triage.sql in the shell"; }

make --no-print-directory uninstall PREFIX="$P" > /dev/null 2>&1
[ ! -e "$P/bin/zeeklog-report" ] && [ ! -e "$P/lib/zeeklog" ] && [ ! -e "$P/share/zeeklog" ] \
  && ok "make uninstall" || fail "make uninstall left files"

[ "$fails" = 0 ] && echo "all install tests passed" || echo "$fails install test(s) failed"
[ "$fails" = 0 ]

#!/bin/sh
# `make bench` / `make bench-quick`: times zeeklog against cat/zcat, awk,
# sqlite3 on an imported table, DuckDB and pandas, and writes bench/RESULTS.md
# (bench/bench.py), then on the JSON twins: bench/RESULTS-json.md (bench/json_bench.py).
#   BENCH_SIZES="200000 2000000 20000000" sh bench/bench.sh   (see bench/bench.py)
# Installs what it needs when missing: GNU time, python3-pandas (Debian), and
# DuckDB (npm @duckdb/node-api, into bench/node_modules). Without network the
# missing alternatives are left out and the rest still runs.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
apt_need=""
[ -x /usr/bin/time ] || apt_need="$apt_need time"
/usr/bin/python3 -c 'import pandas' 2>/dev/null || apt_need="$apt_need python3-pandas"
command -v mawk >/dev/null 2>&1 || apt_need="$apt_need mawk"
command -v gawk >/dev/null 2>&1 || apt_need="$apt_need gawk"
command -v sqlite3 >/dev/null 2>&1 || apt_need="$apt_need sqlite3"
command -v node >/dev/null 2>&1 || apt_need="$apt_need nodejs npm"
if [ -n "$apt_need" ]; then
  echo "bench: installing:$apt_need" >&2
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $apt_need; } >&2 ||
    echo "bench: could not install$apt_need; going on without" >&2
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (package time) is required" >&2; exit 1; }
if command -v npm >/dev/null 2>&1 && [ ! -d bench/node_modules/@duckdb/node-api ]; then
  echo "bench: installing DuckDB (npm @duckdb/node-api) into bench/node_modules" >&2
  (cd bench && npm install --no-audit --no-fund --loglevel=error >&2) ||
    echo "bench: npm install failed; DuckDB is left out" >&2
fi
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
"$PY" bench/bench.py
case ",${BENCH_PARTS:-json}," in *,json,*) "$PY" bench/json_bench.py ;; esac

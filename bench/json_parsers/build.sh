#!/bin/sh
# Builds bench/json_parsers/bench_json (issue 10: which JSON parser to use),
# not part of `make`: it needs parsers zeeklog does not link. Installs them
# first when missing (Debian; root or sudo): libsimdjson-dev, libjson-c-dev
# (cJSON, libcjson-dev, is a build dependency already).
#   sh bench/json_parsers/build.sh         -> build/bench_json
#   build/bench_json [-r ROUNDS] bench/data/http-2000000.json.log
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
B=${BUILD:-build}
missing=""
for pkg in libsimdjson-dev libjson-c-dev libcjson-dev g++; do
  dpkg -s "$pkg" > /dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  # shellcheck disable=SC2086
  $SUDO apt-get install -y $missing
fi
mkdir -p "$B"
OPT=${OPT:--O2}
CFLAGS="$OPT -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Iext"
# The zeeklog scanner and what it calls, built as `make` builds them.
CORE="$(echo ext/parser/json_*.c) ext/parser/escapes.c ext/parser/numbers.c ext/base/buf.c ext/base/civil.c"
objs=""
for src in $CORE; do
  obj="$B/bench_json_$(basename "$src" .c).o"
  cc $CFLAGS -c "$src" -o "$obj"
  objs="$objs $obj"
done
cc $CFLAGS -Ibench/json_parsers -c bench/json_parsers/bench_json.c -o "$B/bench_json_main.o"
c++ $OPT -g -std=c++17 -c bench/json_parsers/simdjson_c.cpp -o "$B/bench_json_simdjson.o"
# shellcheck disable=SC2086
c++ -o "$B/bench_json" "$B/bench_json_main.o" "$B/bench_json_simdjson.o" $objs \
  -lsimdjson -ljson-c -lcjson -lm
echo "built $B/bench_json"

#!/bin/sh
# The JSON line scanner without its SSE2/AVX2 fast paths (-DZL_JSON_NO_SIMD,
# what a CPU without them builds) passes the same unit tests: the portable
# byte-by-byte scanner alone gives every answer the fast one gives.
#   sh tests/scripts/test_json_line_portable.sh      (from the repository's top)
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
LIBS=$(sed -n 's/^ZL_LIBS *= *//p' Makefile)
# shellcheck disable=SC2046,SC2086
${CC:-cc} -O1 -g -std=c11 -D_GNU_SOURCE -DZL_JSON_NO_SIMD -pthread -Iext -Itests/unit \
  -o "$T/test_json_line" tests/unit/parser/test_json_line.c $(make -s --no-print-directory core-sources) \
  $(sed -n 's/^CHECK_LIBS *= *//p' Makefile) $LIBS
cd tests && "$T/test_json_line"

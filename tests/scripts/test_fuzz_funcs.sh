#!/bin/sh
# Replays the functions' fuzz inputs — every one that once failed (tests/fuzz/funcs/regressions/)
# and the seeds (tests/fuzz/funcs/corpus/) — through the target's own checks, built as a plain
# program (tests/fuzz/fuzz_funcs.c with -DZL_FUZZ_STANDALONE) against every source of ext/ and
# libsqlite3. With clang it is built with -fsanitize=address,undefined, so a bad read that would
# not crash a plain build still fails here; without clang, with cc and no sanitizer.
#   sh tests/scripts/test_fuzz_funcs.sh          (from the repo top)
# Each regression file's name says what it found (see tests/fuzz/funcs/regressions/README.md).
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM
LIBS=$(sed -n 's/^ZL_LIBS *= *//p' Makefile)
[ -n "$LIBS" ] || LIBS="-pthread -lpcre2-8 -lisal -lm"
SRC=$(find ext -name '*.c' | sort)
FLAGS="-std=c11 -D_GNU_SOURCE -DZL_FUZZ_STANDALONE -pthread -Iext -O1 -g"
CC_USED=""
if command -v clang >/dev/null 2>&1 &&
   echo 'int main(void){return 0;}' > "$T/t.c" &&
   clang -fsanitize=address,undefined -o "$T/t" "$T/t.c" 2>/dev/null && "$T/t"; then
  # shellcheck disable=SC2086
  clang $FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    -o "$T/replay" tests/fuzz/fuzz_funcs.c $SRC -lsqlite3 $LIBS && CC_USED="clang (ASan+UBSan)"
fi
if [ -z "$CC_USED" ]; then
  # shellcheck disable=SC2086
  ${CC:-cc} $FLAGS -o "$T/replay" tests/fuzz/fuzz_funcs.c $SRC -lsqlite3 $LIBS || { echo "FAIL: build"; exit 1; }
  CC_USED="${CC:-cc} (no sanitizer)"
fi
echo "replay built with $CC_USED"
failed=0; n=0
for f in tests/fuzz/funcs/regressions/* tests/fuzz/funcs/corpus/*; do
  [ -f "$f" ] || continue
  case "$f" in *.md) continue ;; esac
  n=$((n + 1))
  # A leak is a failure too (LeakSanitizer; exit status 23).
  if ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1" "$T/replay" "$f" > "$T/out" 2>&1; then :; else
    echo "FAIL $f"; sed -n '1,40p' "$T/out"; failed=$((failed + 1))
  fi
done
echo "$n inputs replayed, $failed failed"
[ "$failed" = 0 ]

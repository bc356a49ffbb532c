#!/bin/sh
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer +
# LeakSanitizer (what `make sanitize` runs):
#   sh tests/sanitize.sh                 (from anywhere)
# Env: SAN_BUILD (default build-san), CLANG (default clang).
#
# 1. Builds SAN_BUILD/zeeklog.so and the unit tests with
#    clang -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all.
# 2. The unit tests and the fuzz replay are instrumented programs: they carry
#    the runtime. The sqlite3 shell and /usr/bin/python3 are not: an
#    instrumented .so can only be loaded into them when clang's shared ASan
#    runtime (libclang_rt.asan-ARCH.so, which also holds UBSan's handlers) is
#    loaded first. So `sqlite3` (on PATH, and $SQLITE3), $PYTHON and `node`
#    are wrappers that LD_PRELOAD it for those programs only: any other
#    program they start (npm's make and cc, a shell) drops it before its
#    main() (the shim below); awk, cc, diff and the rest of the tests' tools
#    run as usual.
# 3. Leaks: LeakSanitizer is on in the sqlite3 shell (it frees all it
#    allocates; the extension's leaks are then reported at exit) and in the
#    unit tests. It is off in Python, whose interpreter does not free its own
#    objects at exit (thousands of reports that are not ours, and LSan
#    suppressions match any frame of a stack, so they cannot tell them apart).
#    The extension's leaks under Python are covered by the sqlite3 runs, by
#    tests/valgrind.sh and by the RSS bound of tests/scripts/test_memory_loop.sh.
# 4. Every sanitizer report goes to a log file (ASAN/UBSAN log_path), as a
#    leak report does not change a test's output: the run fails when any test
#    fails or when any report was written, and the reports are printed.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
B=${SAN_BUILD:-build-san}
CLANG=${CLANG:-clang}
SANFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

command -v "$CLANG" >/dev/null 2>&1 || { echo "sanitize: $CLANG not found (make deps)" >&2; exit 2; }
RT=$("$CLANG" -print-file-name="libclang_rt.asan-$(uname -m).so")
[ -f "$RT" ] || { echo "sanitize: no ASan runtime at '$RT' (libclang-rt-dev)" >&2; exit 2; }

units=""
for t in $(find tests/unit -name 'test_*.c' | sort); do
  t=${t#tests/unit/}
  units="$units $B/unit/${t%.c}"
done
# shellcheck disable=SC2086
make --no-print-directory BUILD="$B" CC="$CLANG" OPT=-O1 CFLAGS="$SANFLAGS" \
  "$B/zeeklog.so" $units || { echo "sanitize: build failed" >&2; exit 2; }

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM
mkdir -p "$W/bin" "$W/reports"
SQLITE_REAL=$(command -v "${SQLITE3:-sqlite3}") || { echo "sanitize: no sqlite3 shell" >&2; exit 2; }
PYTHON_REAL=${PYTHON:-/usr/bin/python3}
# The shim preloaded with the runtime, $W/shim.so, does two things:
# - SQLite dlclose()s the extension when the connection closes, before LSan's
#   exit-time check: leak stacks would read "<unknown module>". A no-op
#   dlclose keeps the .so mapped so that reports name file and line.
# - LD_PRELOAD passes to every program a wrapped process starts: npm (under
#   node) runs node-gyp, make and cc when it builds better-sqlite3, and the
#   runtime inside /usr/bin/make reports make's own strndup. Before main(),
#   a process whose executable is not one of $ZL_SAN_ONLY (the real sqlite3,
#   python3 and node) runs itself again without LD_PRELOAD: the runtime is in
#   those three only (a python3 that a test's python3 starts keeps it).
cat > "$W/shim.c" <<'SHIM'
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int dlclose(void *h){ (void)h; return 0; }
static int listed(const char *exe, const char *list){
  size_t n = strlen(exe);
  for(const char *p = list; *p; p += strcspn(p, ":"), p += *p == ':'){
    if(strncmp(p, exe, n) == 0 && (p[n] == ':' || p[n] == 0)) return 1;
  }
  return 0;
}
__attribute__((constructor)) static void only_in_listed(int argc, char **argv, char **envp){
  char exe[PATH_MAX];
  const char *only = getenv("ZL_SAN_ONLY");
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  (void)argc; (void)envp;
  if(!only || n <= 0) return;
  exe[n] = 0;
  if(listed(exe, only)) return;
  unsetenv("LD_PRELOAD");
  execv(exe, argv);
}
SHIM
${CC:-cc} -shared -fPIC -o "$W/shim.so" "$W/shim.c" ||
  { echo "sanitize: cannot build the preload shim" >&2; exit 2; }
PRE="$RT:$W/shim.so"
cat > "$W/bin/sqlite3" <<EOF
#!/bin/sh
LD_PRELOAD="$PRE\${LD_PRELOAD:+:\$LD_PRELOAD}" exec "$SQLITE_REAL" "\$@"
EOF
cat > "$W/bin/python3" <<EOF
#!/bin/sh
ASAN_OPTIONS="\$ASAN_OPTIONS:detect_leaks=0" \\
LD_PRELOAD="$PRE\${LD_PRELOAD:+:\$LD_PRELOAD}" exec "$PYTHON_REAL" "\$@"
EOF
chmod +x "$W/bin/sqlite3" "$W/bin/python3"
# Node (examples/node_example.js, better-sqlite3): leaks off, like Python.
if NODE_REAL=$(command -v node 2>/dev/null); then
  cat > "$W/bin/node" <<EOF
#!/bin/sh
ASAN_OPTIONS="\$ASAN_OPTIONS:detect_leaks=0" \\
LD_PRELOAD="$PRE\${LD_PRELOAD:+:\$LD_PRELOAD}" exec "$NODE_REAL" "\$@"
EOF
  chmod +x "$W/bin/node"
fi

# The executables the runtime is for, as /proc/self/exe names them.
ZL_SAN_ONLY=$(readlink -f "$SQLITE_REAL"):$(readlink -f "$PYTHON_REAL")
[ -n "${NODE_REAL:-}" ] && ZL_SAN_ONLY="$ZL_SAN_ONLY:$(readlink -f "$NODE_REAL")"
export ZL_SAN_ONLY
PATH="$W/bin:$PATH"
SQLITE3="$W/bin/sqlite3"
PYTHON="$W/bin/python3"
ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:log_path=$W/reports/asan"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$W/reports/ubsan"
LSAN_OPTIONS="max_leaks=20"
ZEEKLOG_SANITIZE=1          # tests that measure memory: ASan's quarantine is not a leak
export PATH SQLITE3 PYTHON ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS ZEEKLOG_SANITIZE

sh tests/run.sh "$B"
rc=$?
reports=$(ls "$W/reports" 2>/dev/null)
if [ -n "$reports" ]; then
  echo "sanitize: sanitizer reports:"
  for r in "$W"/reports/*; do echo "---- $(basename "$r")"; cat "$r"; done
  rc=1
fi
[ "$rc" = 0 ] && echo "sanitize: clean (ASan+UBSan+LSan, $B)"
exit "$rc"

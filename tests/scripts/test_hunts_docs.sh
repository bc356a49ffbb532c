#!/bin/sh
# docs/hunts.md shows real output: every ```sql example, run from the
# repository's top, prints the ```text block after it
# (tests/tools/doc_examples.py; `... write docs/hunts.md` refreshes them).
#   sh tests/scripts/test_hunts_docs.sh      (from the repository's top)
# Env: ZEEKLOG_EXT (extension path without .so; default build/zeeklog).
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
[ -f "$EXT.so" ] || { echo "FAIL: no extension at $EXT.so"; exit 1; }
/usr/bin/python3 tests/tools/doc_examples.py check docs/hunts.md "$EXT"

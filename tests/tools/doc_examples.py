#!/usr/bin/python3
"""Runs the SQL examples of a Markdown file and checks their shown output.

    /usr/bin/python3 tests/tools/doc_examples.py check DOC.md [EXT]
    /usr/bin/python3 tests/tools/doc_examples.py write DOC.md [EXT]

An example is a ```sql block followed (blank lines aside) by a ```text
block: the sqlite3 shell runs the SQL block from the repository's top in a
fresh :memory: database, and its stdout and stderr must be the text block.
A `.load build/zeeklog` line in the SQL loads EXT instead (default
build/zeeklog), so the examples stay what a reader types. `check` exits 1
and prints a diff when an output differs; `write` puts the real outputs
into DOC.md (then review the diff before committing it).
"""
import difflib
import re
import subprocess
import sys

BLOCK = re.compile(r"```sql\n(.*?)```\n(\s*)```text\n(.*?)```\n", re.S)


def run(sql, ext):
    sql = re.sub(r"^\.load \S*build/zeeklog\s*$", ".load " + ext, sql, flags=re.M)
    done = subprocess.run(["sqlite3", "-batch", ":memory:"], input=sql, capture_output=True,
                          text=True)
    return done.stdout + done.stderr


def main(argv):
    mode, doc = argv[1], argv[2]
    ext = argv[3] if len(argv) > 3 else "build/zeeklog"
    text = open(doc, encoding="utf-8").read()
    failures, count = 0, 0

    def replace(m):
        nonlocal failures, count
        count += 1
        got = run(m.group(1), ext)
        if got != m.group(3):
            failures += 1
            if mode == "check":
                print("example %d differs:" % count)
                sys.stdout.writelines(difflib.unified_diff(
                    m.group(3).splitlines(True), got.splitlines(True), "shown", "real"))
        return "```sql\n" + m.group(1) + "```\n" + m.group(2) + "```text\n" + got + "```\n"

    new = BLOCK.sub(replace, text)
    if mode == "write":
        with open(doc, "w", encoding="utf-8") as f:
            f.write(new)
        print("%s: %d examples, %d rewritten" % (doc, count, failures))
        return 0
    print("%s: %d examples, %d differ" % (doc, count, failures))
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

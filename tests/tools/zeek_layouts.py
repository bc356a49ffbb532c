#!/usr/bin/python3
"""Works out the standard Zeek log layouts (field names and Zeek types, in the
order Zeek writes them) from a Zeek git repository, without building Zeek, and
checks them against the #fields/#types headers of Zeek's own test baselines.

For one release tag it follows Zeek's script loading the way a plain `zeek`
run does (base/init-bare, base/init-frameworks-and-bifs, base/init-default,
each @load once, in order), collects every record type, every `redef record
... += {...}` and `$field += / -= { &log }`, and every Log::create_stream;
a log's layout is its columns record flattened (record-typed &log fields
become name.sub), &log fields only. A log created by a policy script
(known_hosts, capture_loss, ...) is laid out with that one script loaded on
top of the defaults, so fields other policy scripts add (community_id, ja3,
...) are not in any layout.

    zeek_layouts.py GIT_DIR TAG                  layouts of TAG, one line a field
    zeek_layouts.py GIT_DIR TAG --check          ... and each against the baselines
    zeek_layouts.py GIT_DIR --history PATH TAG.. PATH's layout at each TAG
    zeek_layouts.py GIT_DIR --c OLDTAG.. TAG     the C tables of ext/parser/zeek_logs.c
                                                 (TAG is current; the older tags date each layout)
    zeek_layouts.py GIT_DIR --write FILE OLDTAG.. TAG
                                                 ... written between FILE's GENERATED markers

GIT_DIR is a clone of github.com/zeek/zeek (a bare one will do). Files git
cannot read (a shallow or partial clone) are skipped with a warning."""
import collections, re, subprocess, sys

# Policy scripts whose own logs count as standard: the ones site/local.zeek
# loads, and a few more that are commonly loaded. Their field additions to
# other logs do not count.
POLICY_LOGS = [
    "policy/misc/capture-loss", "policy/misc/stats", "policy/misc/loaded-scripts",
    "policy/misc/detect-traceroute", "policy/misc/weird-stats",
    "policy/misc/unknown-protocols",
    "policy/protocols/conn/known-hosts", "policy/protocols/conn/known-services",
    "policy/protocols/ssl/known-certs", "policy/protocols/modbus/known-masters-slaves",
    "policy/protocols/modbus/track-memmap", "policy/protocols/smb/log-cmds",
    "policy/frameworks/telemetry/log",
]
# Bro 2.0-2.5 wrote a few of these from other script names.
POLICY_ALIASES = {
    "policy/protocols/conn/known-hosts": ["policy/protocols/conn/known-hosts"],
}
FIRST_SCRIPTS = ["base/init-bare", "base/init-frameworks-and-bifs", "base/init-default"]
# Types defined by generated .bif scripts (not in the sources): all enums.
BIF_ENUMS = {"Analyzer::Tag", "Files::Tag", "PacketAnalyzer::Tag", "Log::Writer",
             "Analyzer::Kind", "Input::Reader", "Tunnel::Type", "Reporter::Level", "Log::PrintLogType"}
BASIC = {"bool", "int", "count", "counter", "double", "time", "interval", "string",
         "pattern", "port", "addr", "subnet", "any", "enum", "file", "func", "void",
         "opaque"}


def warn(msg):
    print("warning: " + msg, file=sys.stderr)


class Repo:
    """Reads the files of one tag through `git cat-file --batch`."""

    def __init__(self, git_dir):
        self.git_dir = git_dir
        self.cat = subprocess.Popen(["git", "-C", git_dir, "cat-file", "--batch"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def tree(self, tag, prefix):
        out = subprocess.run(["git", "-C", self.git_dir, "ls-tree", "-r", tag, "--", prefix],
                             capture_output=True, text=True, check=True).stdout
        files = {}
        for line in out.splitlines():
            meta, path = line.split("\t", 1)
            _mode, kind, sha = meta.split()
            if kind == "blob":
                files[path] = sha
        return files

    def read(self, sha):
        self.cat.stdin.write((sha + "\n").encode())
        self.cat.stdin.flush()
        head = self.cat.stdout.readline().decode().split()
        if head[1] == "missing":
            return None
        data = self.cat.stdout.read(int(head[2]))
        self.cat.stdout.read(1)
        return data.decode("utf-8", "replace")


def strip_comments(text):
    """Drops # comments, keeping string literals (a # inside one stays)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1]); i = j + 1
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        else:
            out.append(c); i += 1
    return "".join(out)


def matching(text, i, open_c, close_c):
    """Index just past the bracket that closes the one at text[i]."""
    depth = 0
    while i < len(text):
        if text[i] == '"':
            i = text.index('"', i + 1) if '"' in text[i + 1:] else len(text)
        elif text[i] == open_c:
            depth += 1
        elif text[i] == close_c:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def split_top(text, sep):
    parts, depth, cur, i = [], 0, [], 0
    while i < len(text):
        c = text[i]
        if c == '"':
            j = text.find('"', i + 1)
            j = len(text) - 1 if j < 0 else j
            cur.append(text[i:j + 1]); i = j + 1; continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur)); cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


class Field:
    def __init__(self, name, type_text, attrs, module):
        self.name, self.type_text, self.module = name, type_text, module
        self.log = re.search(r"&log\b", attrs) is not None


class Scripts:
    """The declarations of every script loaded so far, in load order."""

    def __init__(self, files, read):
        self.files, self.read = files, read
        self.loaded, self.order = set(), []
        self.records = {}        # full name -> list of Field
        self.aliases = {}        # full name -> (type text, module)
        self.enums = set(BIF_ENUMS)
        self.streams = []        # (path or None, stream id, columns name, module, script)
        self.excluded = collections.defaultdict(set)   # stream id -> names a base filter drops
        self.defined = set()

    # -- loading --------------------------------------------------------
    def find(self, name, here):
        if name.startswith("."):
            base = "/".join(here.split("/")[:-1]) + "/" + name
            parts = []
            for p in base.split("/"):
                if p == "..":
                    parts.pop()
                elif p not in (".", ""):
                    parts.append(p)
            cands = ["/".join(parts)]
        else:
            cands = ["scripts/" + name, "scripts/policy/" + name, "scripts/site/" + name]
        for c in cands:
            for suffix in ("", ".zeek", ".bro", "/__load__.zeek", "/__load__.bro"):
                if c + suffix in self.files and not (c + suffix).endswith("/"):
                    if suffix == "" and not c.endswith((".zeek", ".bro")):
                        continue
                    return c + suffix
        return None

    def load(self, name, here="scripts/x"):
        path = self.find(name, here)
        if path is None:
            if "bif" not in name and not name.endswith("installation"):
                warn("cannot find @load %s (from %s)" % (name, here))
            return
        if path in self.loaded:
            return
        self.loaded.add(path)
        text = self.read(self.files[path])
        if text is None:
            warn("cannot read " + path)
            return
        self.order.append(path)
        self.parse(strip_comments(text), path)

    # -- conditionals ---------------------------------------------------
    def condition(self, kind, cond):
        if kind == "@ifdef":
            return True
        if kind == "@ifndef":
            return False
        expr = cond
        for pat, val in [(r"have_spicy(_analyzers)?\(\)", "True"),
                         (r"Cluster::is_enabled\(\)", "False"),
                         (r"Supervisor::is_supervised\(\)", "False"),
                         (r"Cluster::local_node_type\(\)\s*==\s*Cluster::\w+", "False"),
                         (r"Cluster::local_node_type\(\)\s*!=\s*Cluster::\w+", "True"),
                         (r"\|\|", " or "), (r"&&", " and "), (r"!(?!=)", " not ")]:
            expr = re.sub(pat, val, expr)
        try:
            return bool(eval(expr, {"__builtins__": {}}))
        except Exception:
            return None

    def parse(self, text, path):
        """Splits a script into directive lines and declaration text."""
        stack, module, chunk = [], "GLOBAL", []

        def active():
            return all(s is not False for s in stack)

        def flush():
            nonlocal module
            if chunk:
                module = self.declarations("".join(chunk), path, module, None in stack)
                chunk.clear()

        for line in text.split("\n"):
            s = line.strip()
            m = re.match(r"@(ifdef|ifndef|if)\b\s*(.*)", s)
            if m:
                flush()
                stack.append(self.condition("@" + m.group(1), m.group(2)) if active() else False)
                continue
            if s.startswith("@else"):
                flush()
                top = stack.pop() if stack else True
                stack.append(None if top is None else (not top))
                continue
            if s.startswith("@endif"):
                flush()
                if stack:
                    stack.pop()
                continue
            if not active():
                continue
            m = re.match(r"@load\s+(\S+)", s)
            if m and not s.startswith(("@load-sigs", "@load-plugin")):
                flush()
                if None in stack:
                    warn("%s: @load %s under an unknown @if, loaded" % (path, m.group(1)))
                self.load(m.group(1), path)
                continue
            if s.startswith("@"):
                continue
            chunk.append(line + "\n")
        flush()

    # -- declarations ---------------------------------------------------
    def full(self, name, module):
        if "::" in name:
            return name[len("GLOBAL::"):] if name.startswith("GLOBAL::") else name
        return name if module == "GLOBAL" else module + "::" + name

    def declarations(self, text, path, module, unsure):
        self.filter_excludes(text, module)
        pos = 0
        pat = re.compile(r"\bmodule\s+(\w+)\s*;|\btype\s+([\w:]+)\s*:\s*|"
                         r"\bredef\s+record\s+([\w:]+)\s*\+=\s*\{|"
                         r"\bredef\s+record\s+([\w:]+)\$(\w+)\s*([+-])=\s*\{\s*&log\s*\}|"
                         r"\bLog::create_stream\s*\(")
        while True:
            m = pat.search(text, pos)
            if not m:
                return module
            if m.group(1):
                module = m.group(1)
                pos = m.end()
            elif m.group(2):
                pos = self.type_decl(text, m, module)
            elif m.group(3):
                start = m.end() - 1
                end = matching(text, start, "{", "}")
                tail = re.match(r"\s*(&log\b)?", text[end:])
                name = self.full(m.group(3), module)
                if unsure:
                    warn("%s: redef of %s under an unknown @if" % (path, name))
                fields = self.fields(text[start + 1:end - 1], module, bool(tail.group(1)))
                self.records.setdefault(self.resolve_name(name, module), []).extend(fields)
                pos = end
            elif m.group(4):
                name = self.resolve_name(self.full(m.group(4), module), module)
                for f in self.records.get(name, []):
                    if f.name == m.group(5):
                        f.log = m.group(6) == "+"
                pos = m.end()
            else:
                start = m.end() - 1
                end = matching(text, start, "(", ")")
                self.stream(text[start:end], module, path)
                pos = end

    def filter_excludes(self, text, module):
        """A base script that replaces a stream's default filter with one whose
        exclude set names fields (ssl.log's subject/issuer since Zeek 4.2):
        those fields are not written by default."""
        names = re.findall(r'\badd\s+\w+\$exclude\s*\[\s*"(\w+)"\s*\]', text)
        for sid in re.findall(r"\bLog::add_filter\s*\(\s*([\w:]+)", text) if names else []:
            self.excluded[self.full(sid, module)].update(names)

    def resolve_name(self, name, module):
        if name in self.records:
            return name
        short = name.split("::")[-1]
        return short if short in self.records else name

    def type_decl(self, text, m, module):
        name = self.full(m.group(2), module)
        rest = text[m.end():]
        rm = re.match(r"record\s*\{", rest)
        if rm:
            start = m.end() + rm.end() - 1
            end = matching(text, start, "{", "}")
            tail = re.match(r"\s*(&log\b)?", text[end:])
            self.records[name] = self.fields(text[start + 1:end - 1], module, bool(tail.group(1)))
            return end
        if re.match(r"enum\b", rest):
            self.enums.add(name)
            return m.end()
        semi = text.find(";", m.end())
        self.aliases[name] = (re.sub(r"\s+", "", text[m.end():semi]), module)
        return semi + 1

    def fields(self, body, module, all_log):
        out = []
        for decl in split_top(body, ";"):
            fm = re.match(r"\s*(\w+)\s*:\s*(.*)", decl, re.S)
            if not fm:
                continue
            rest = fm.group(2)
            amp = rest.find("&")
            type_text = rest if amp < 0 else rest[:amp]
            attrs = "" if amp < 0 else rest[amp:]
            f = Field(fm.group(1), re.sub(r"\s+", "", type_text), attrs, module)
            f.log = f.log or all_log
            out.append(f)
        return out

    def stream(self, call, module, path):
        cols = re.search(r"\$columns\s*=\s*([\w:]+)", call)
        if not cols:
            return
        sid = re.match(r"\(\s*([\w:]+)", call)
        pm = re.search(r'\$path\s*=\s*"([^"]*)"', call)
        if not pm and re.search(r"\$path\s*=", call):
            return          # a path chosen at run time (the print log): not a standard log
        self.streams.append((pm.group(1) if pm else None, sid.group(1) if sid else "",
                             self.full(cols.group(1), module), module, path))

    # -- layouts --------------------------------------------------------
    def log_type(self, t, module, depth=0):
        """Zeek's name for type text t as the #types line writes it."""
        if depth > 20:
            return t
        m = re.fullmatch(r"set\[(.*)\]", t)
        if m:
            return "set[%s]" % ",".join(self.log_type(x, module, depth + 1)
                                        for x in split_top(m.group(1), ","))
        m = re.fullmatch(r"vectorof(.*)", t)
        if m:
            return "vector[%s]" % self.log_type(m.group(1), module, depth + 1)
        m = re.fullmatch(r"table\[(.*)\]of(.*)", t)
        if m:
            return "table[%s]" % m.group(1)
        if t in BASIC:
            return t
        for name in (self.full(t, module), t):
            if name in self.enums:
                return "enum"
            if name in self.aliases:
                text, mod = self.aliases[name]
                return self.log_type(text, mod, depth + 1)
            if name in self.records:
                return "record:" + name
        if t.startswith("enum{"):
            return "enum"
        if t.startswith("function("):
            return "func"
        if t.startswith("opaqueof"):
            return "opaque"
        warn("unknown type %s (module %s), taken as enum" % (t, module))
        return "enum"

    def flatten(self, record, prefix=""):
        out = []
        for f in self.records.get(record, []):
            if not f.log:
                continue
            t = self.log_type(f.type_text, f.module)
            if t.startswith("record:"):
                out.extend(self.flatten(t[len("record:"):], prefix + f.name + "."))
            else:
                out.append((prefix + f.name, t))
        return out

    def layouts(self, only_scripts=None):
        res = {}
        for path, sid, cols, module, script in self.streams:
            if only_scripts is not None and script not in only_scripts:
                continue
            name = path or default_path(sid, module)
            rec = self.resolve_name(cols, module)
            if rec not in self.records:
                warn("stream %s: no record %s" % (name, cols))
                continue
            drop = self.excluded.get(self.full(sid, module), set())
            res[name] = [f for f in self.flatten(rec) if f[0] not in drop]
        return res


def default_path(sid, module):
    """Bro 2.0-2.1's default path: Conn::LOG -> conn, Known::HOSTS_LOG -> known_hosts."""
    mod, _, name = sid.rpartition("::")
    mod = (mod or module).lower()
    if name == "LOG":
        return mod
    return mod + "_" + re.sub(r"_LOG$", "", name).lower()


DROPPED_WINDOW = 6     # minor releases a log no longer written stays in the table
# Bro 2.0-2.2 wrote sets as table[T]; later versions as set[T].
def as_written(layout, tag):
    if re.fullmatch(r"v2\.[012](\.\d+)?", tag):
        return [(n, re.sub(r"^set\[", "table[", t)) for n, t in layout]
    return layout


def tag_layouts(repo, tag):
    files = repo.tree(tag, "scripts")
    base = Scripts(files, repo.read)
    for s in FIRST_SCRIPTS:
        base.load(s)
    result = {k: ("base", as_written(v, tag)) for k, v in base.layouts().items()}
    for pol in POLICY_LOGS:
        sc = Scripts(files, repo.read)
        for s in FIRST_SCRIPTS:
            sc.load(s)
        before = set(sc.order)
        sc.load(pol)
        new = set(sc.order) - before
        if not new:
            continue
        for k, v in sc.layouts(new).items():
            result.setdefault(k, (pol, as_written(v, tag)))
    return result


def baseline_headers(repo, tag):
    files = repo.tree(tag, "testing/btest/Baseline")
    heads = collections.defaultdict(collections.Counter)
    examples = {}
    for path, sha in files.items():
        text = repo.read(sha)
        if text is None or "#fields" not in text:
            continue
        log_path, fields = None, None
        for line in text.split("\n"):
            if line.startswith("#path"):
                log_path = re.split(r"[\t ]", line, maxsplit=1)[-1]
            elif line.startswith("#fields"):
                fields = tuple(line.split("\t")[1:])
            elif line.startswith("#types") and fields is not None:
                key = tuple(zip(fields, line.split("\t")[1:]))
                heads[log_path][key] += 1
                examples.setdefault((log_path, key), path)
                fields = None
    return heads, examples


def check(repo, tag, layouts):
    heads, examples = baseline_headers(repo, tag)
    bad = 0
    for name in sorted(layouts):
        src, lay = layouts[name]
        key = tuple(lay)
        seen = heads.get(name, {})
        n = seen.get(key, 0)
        if n:
            print("ok       %-24s %2d fields, %3d baselines agree" % (name, len(lay), n))
            continue
        if not seen:
            print("unseen   %-24s %2d fields, no baseline has a header of it" % (name, len(lay)))
            continue
        # The closest baseline header: the one sharing the longest prefix.
        best = max(seen, key=lambda h: (sum(1 for a, b in zip(h, key) if a == b), seen[h]))
        extra = [f for f in best if f not in key]
        missing = [f for f in key if f not in best]
        kind = "superset" if not missing and best[:len(key)] == key else "differ"
        if kind == "differ":
            bad += 1
        print("%-8s %-24s %2d fields; closest baseline %s (%d fields): +%s -%s" % (
            kind, name, len(lay), examples[(name, best)], len(best),
            ",".join("%s:%s" % f for f in extra), ",".join("%s:%s" % f for f in missing)))
    return bad


def label(tag):
    """v2.5 -> Bro 2.5, v8.2.0 -> Zeek 8.2."""
    major, minor = tag[1:].split(".")[:2]
    return ("Bro " if major == "2" else "Zeek ") + major + "." + minor


def span(first, last):
    a, b = label(first), label(last)
    if a == b:
        return a
    if a.split()[0] == b.split()[0]:
        return a + "-" + b.split()[1]
    return a + "-" + b


def since(history, name, layout):
    """The versions, oldest to newest in history, that write exactly layout."""
    tags = [t for t, lays in history if lays.get(name) == layout]
    last = tags[-1]
    i = [t for t, _ in history].index(last)
    first = last
    while i >= 0 and history[i][1].get(name) == layout:
        first = history[i][0]; i -= 1
    return span(first, last)


def c_fields(var, layout):
    """A layout's fields, as many to a line as fit in 100 columns."""
    rows, line = [], " "
    for f in layout:
        item = ' {"%s", "%s"},' % f
        if len(line) + len(item) > 100:
            rows.append(line)
            line = " "
        line += item
    rows.append(line)
    return ["static const ZlLogField %s[] = {" % var] + rows + ["};"]


def c_tables(repo, tags):
    """tags: oldest to newest; the newest is 'current'. A log the newest no
    longer writes but one of the last DROPPED_WINDOW tags did keeps its last layout."""
    history = [(t, {k: v[1] for k, v in tag_layouts(repo, t).items()}) for t in tags]
    current = dict(history[-1][1])
    for t, lays in history[-DROPPED_WINDOW:]:
        for name, lay in lays.items():
            if name not in history[-1][1]:
                current[name] = lay
    out = ["/* BEGIN GENERATED by tests/tools/zeek_layouts.py from Zeek %s (docs/log-layouts.md) */" % tags[-1]]
    for name in sorted(current):
        out += c_fields("f_" + name, current[name])
    out.append("")
    out.append("static const ZlLogLayout zeek_logs[] = {")
    for name in sorted(current):
        out.append('  {"%s", "%s", f_%s, ZL_COUNT(f_%s)},' % (
            name, since(history, name, current[name]), name, name))
    out.append("};")
    out.append("")
    versions, prev = [], None
    for t, lays in history:
        lay = lays.get("http")
        if lay and lay != prev:
            versions.append(lay)
        prev = lay
    for i, lay in enumerate(versions[:-1]):
        out += c_fields("f_http_v%d" % i, lay)
    out.append("")
    out.append("static const ZlLogLayout http_layouts[] = {")
    for i, lay in enumerate(versions):
        var = "f_http" if i == len(versions) - 1 else "f_http_v%d" % i
        out.append('  {"http", "%s", %s, ZL_COUNT(%s)},' % (since(history, "http", lay), var, var))
    out.append("};")
    out.append("/* END GENERATED */")
    return "\n".join(out)


def main(argv):
    if len(argv) < 3:
        print(__doc__); return 2
    repo = Repo(argv[1])
    if argv[2] == "--c":
        print(c_tables(repo, argv[3:]))
        return 0
    if argv[2] == "--write":
        target = argv[3]
        text = open(target).read()
        start = text.index("/* BEGIN GENERATED")
        end = text.index("/* END GENERATED */") + len("/* END GENERATED */")
        open(target, "w").write(text[:start] + c_tables(repo, argv[4:]) + text[end:])
        return 0
    if argv[2] == "--history":
        log = argv[3]
        prev = None
        for tag in argv[4:]:
            lay = tag_layouts(repo, tag).get(log, (None, None))[1]
            mark = "same" if lay == prev else "NEW"
            print("%-12s %-4s %s" % (tag, mark, "absent" if lay is None else
                                     "%d: %s" % (len(lay), " ".join("%s:%s" % f for f in lay))))
            prev = lay
        return 0
    tag = argv[2]
    layouts = tag_layouts(repo, tag)
    if "--check" in argv:
        return 1 if check(repo, tag, layouts) else 0
    for name in sorted(layouts):
        src, lay = layouts[name]
        print("%s (%d, %s)" % (name, len(lay), src))
        for f in lay:
            print("    %s %s" % f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

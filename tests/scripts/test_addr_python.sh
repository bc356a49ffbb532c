#!/bin/sh
# The address functions against a second, independent computation: Python's
# ipaddress module, over a few thousand generated addresses (random, near the
# edges of every private range, in several spellings, with zones, and mangled
# into invalid text) and 75 networks. Checks every answer of
# ip_family, ip_is_private, ip_key, ip_network and ip_in, and the ORDER BY
# ip_key order. The mapped-address rule (::ffff:a.b.c.d is a.b.c.d; IPv4 is
# ::ffff:0:0/96) is applied on the Python side by mapping IPv4 into IPv6.
#   ZEEKLOG_EXT=build/zeeklog sh tests/scripts/test_addr_python.sh   (from the repo top)
set -u
EXT=${ZEEKLOG_EXT:-build/zeeklog}
PY=${PYTHON:-/usr/bin/python3}
ZEEKLOG_EXT="$EXT" "$PY" - <<'PYEOF'
import ipaddress as ip, os, random, sqlite3, sys

rng = random.Random(20120316)
V4, V6 = ip.IPv4Address, ip.IPv6Address
MAPPED = 0xffff << 32

# The ranges docs/addresses.md lists, as Python networks.
PRIVATE = [ip.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.168.0.0/16", "255.255.255.255/32",
    "::/128", "::1/128", "fc00::/7", "fe80::/10")]
EDGE_NETS = PRIVATE + [ip.ip_network(n) for n in (
    "224.0.0.0/4", "192.0.2.0/24", "198.18.0.0/15", "240.0.0.0/4", "2001:db8::/32",
    "ff00::/8", "fec0::/10", "64:ff9b::/96", "::ffff:0:0/96", "::/96")]

def unmapped(a):
    """An address in the functions' model: IPv4-mapped IPv6 is IPv4."""
    if a.version == 6 and a.ipv4_mapped is not None:
        return a.ipv4_mapped
    return a

def to128(a):
    a = unmapped(a)
    return int(a) | MAPPED if a.version == 4 else int(a)

def parse(text):
    try:
        return ip.ip_address(text)
    except ValueError:
        return None

# ---- addresses --------------------------------------------------------
def spellings(a):
    """Ways to write one address; all must give the same answers."""
    out = [str(a)]
    if a.version == 6:
        out.append(a.exploded)
        out.append(a.exploded.upper())
        out.append(":".join(g.lstrip("0") or "0" for g in a.exploded.split(":")))
        low = int(a) & 0xffffffff
        head = a.exploded.split(":")[:6]
        out.append(":".join(head) + ":" + str(V4(low)))           # dotted low 32 bits
        if rng.random() < 0.3:
            out.append(str(a) + "%" + rng.choice(["eth0", "1", "en0", "wlan12"]))
    else:
        out.append("::ffff:" + str(a))
        out.append("0:0:0:0:0:ffff:" + str(a))
    return out

def near_edges():
    for net in EDGE_NETS:
        lo, hi = int(net.network_address), int(net.broadcast_address)
        top = 2**32 - 1 if net.version == 4 else 2**128 - 1
        cls = V4 if net.version == 4 else V6
        for x in (lo - 1, lo, lo + 1, rng.randint(lo, hi), hi - 1, hi, hi + 1):
            if 0 <= x <= top:
                yield cls(x)

def random_v6():
    groups = [rng.getrandbits(16) for _ in range(8)]
    for _ in range(rng.randint(0, 6)):               # runs of zero groups
        groups[rng.randrange(8)] = 0
    if rng.random() < 0.3:
        start = rng.randrange(8)
        for k in range(start, min(8, start + rng.randint(2, 6))):
            groups[k] = 0
    return V6(int("".join("%04x" % g for g in groups), 16))

def mangle(text):
    """Small edits that usually make text invalid (Python decides)."""
    addr, _, zone = text.partition("%")
    if not addr:
        return text
    i = rng.randrange(len(addr))
    kind = rng.randrange(6)
    if kind == 0:   addr = addr[:i] + addr[i + 1:]
    elif kind == 1: addr = addr[:i] + rng.choice(":.0aG- 9") + addr[i:]
    elif kind == 2: addr = addr.replace(".", ".0", 1)           # leading zero
    elif kind == 3: addr = addr.rsplit(".", 1)[0] if "." in addr else addr + ":"
    elif kind == 4: addr = addr + rng.choice(["/24", " ", ".1", "::1", "%"])
    else:           addr = addr.replace(":", ":::", 1) if ":" in addr else "1" + addr
    return addr + ("%" + zone if zone else "")

bases = list(near_edges())
bases += [V4(rng.getrandbits(32)) for _ in range(600)]
bases += [random_v6() for _ in range(600)]
bases += [V6(MAPPED | rng.getrandbits(32)) for _ in range(50)]       # mapped
bases += [V6(rng.getrandbits(32)) for _ in range(50)]                # compatible ::a.b.c.d
bases += [V6((0xfe80 << 112) | rng.getrandbits(64)) for _ in range(50)]
texts = []
for a in bases:
    texts += spellings(a)
texts += [mangle(rng.choice(texts)) for _ in range(1500)]
texts += ["", "-", "1.2.3", "010.1.1.1", "1.2.3.256", "::1/128", "[::1]", "1::2::3",
          "12345::", "fe80::1%", "1.2.3.4%eth0", "0x7f.0.0.1", "127.1", "::ffff:1.2.3"]
texts = list(dict.fromkeys(texts))                   # unique, order kept

# ---- networks ------------------------------------------------------------
nets = []
for _ in range(50):
    a = unmapped(parse(rng.choice(texts[:len(bases)])) or V4(0))
    top = 32 if a.version == 4 else 128
    p = rng.choice([0, 1, top - 1, top, rng.randint(0, top), rng.randint(0, top)])
    nets.append("%s/%d" % (a, p))                    # host bits left set on purpose
nets += [str(n) for n in EDGE_NETS] + ["10.1.2.3", "::1", "::ffff:10.0.0.0/104"]

def net_class(a):
    return ip.IPv4Network if a.version == 4 else ip.IPv6Network

def net128(text):
    n = ip.ip_network(text, strict=False)
    if n.version == 4:
        return ip.IPv6Network((int(n.network_address) | MAPPED, n.prefixlen + 96))
    return n

# ---- the extension ---------------------------------------------------------
conn = sqlite3.connect(":memory:")
conn.enable_load_extension(True)
conn.load_extension(os.environ["ZEEKLOG_EXT"])
conn.execute("CREATE TABLE a(id INTEGER PRIMARY KEY, t TEXT, p4 INT, p6 INT)")
conn.execute("CREATE TABLE n(id INTEGER PRIMARY KEY, t TEXT)")
prefixes = [(rng.randint(0, 32), rng.randint(0, 128)) for _ in texts]
conn.executemany("INSERT INTO a VALUES (?, ?, ?, ?)",
                 [(i, t, p[0], p[1]) for i, (t, p) in enumerate(zip(texts, prefixes))])
conn.executemany("INSERT INTO n VALUES (?, ?)", list(enumerate(nets)))
# ip_in over every network and a sample of the texts (valid and not)
conn.execute("CREATE TABLE s AS SELECT t FROM a ORDER BY random() LIMIT 0")
conn.executemany("INSERT INTO s VALUES (?)", [(t,) for t in rng.sample(texts, 1500)])

failures = 0
def fail(what, text, got, want):
    global failures
    failures += 1
    if failures <= 20:
        print("FAIL %s(%r): got %r, want %r" % (what, text, got, want))

valid = 0
rows = conn.execute("SELECT id, t, ip_family(t), ip_is_private(t), ip_key(t),"
                    " ip_network(t, p4, p6), p4, p6 FROM a ORDER BY id").fetchall()
for i, t, fam, priv, key, network, p4, p6 in rows:
    a = parse(t)
    if a is None:
        want = (None, None, None, None)
    else:
        valid += 1
        u = unmapped(a)
        want_key = bytes([u.version]) + u.packed
        p = p4 if u.version == 4 else p6
        want = (u.version, int(any(u in r for r in PRIVATE if r.version == u.version)),
                want_key, str(net_class(u)((int(u), p), strict=False)))
    for what, g, w in zip(("ip_family", "ip_is_private", "ip_key", "ip_network"),
                          (fam, priv, key, network), want):
        if g != w:
            fail(what, t, g, w)

pairs = 0
got_in = conn.execute("SELECT s.t, n.t, ip_in(s.t, n.t) FROM s, n").fetchall()
nets128 = {t: net128(t) for t in nets}
for t, nt, g in got_in:
    a = parse(t)
    w = None if a is None else int(V6(to128(a)) in nets128[nt])
    pairs += 1
    if g != w:
        fail("ip_in", (t, nt), g, w)

# ORDER BY ip_key: IPv4 first, then numerically (ties kept in id order)
order = [r[0] for r in conn.execute(
    "SELECT id FROM a WHERE ip_key(t) IS NOT NULL ORDER BY ip_key(t), id")]
def sort_key(i):
    u = unmapped(parse(texts[i]))
    return (u.version, int(u), i)
want_order = sorted((i for i, t in enumerate(texts) if parse(t) is not None), key=sort_key)
if order != want_order:
    fail("ORDER BY ip_key", "...", order[:5], want_order[:5])

print("%d texts (%d addresses), %d networks, %d ip_in pairs; %d failures"
      % (len(texts), valid, len(nets), pairs, failures))
sys.exit(1 if failures else 0)
PYEOF

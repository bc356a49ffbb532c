#!/usr/bin/env python3
# Writes the small logs of tests/logs (byte-exact: tabs, CRLF, escapes). The logs are checked
# in; run this only to re-create them:  python3 tests/logs/make_logs.py
import os
D = os.path.dirname(os.path.abspath(__file__))
os.makedirs(D, exist_ok=True)
T = "\t"

def header(fields, types, sep="\t", sepesc="\\x09", setsep=",", empty="(empty)", unset="-",
           path="test", opened="2020-01-01-00-00-00"):
    L = ["#separator " + sepesc,
         "#set_separator" + sep + setsep,
         "#empty_field" + sep + empty,
         "#unset_field" + sep + unset,
         "#path" + sep + path]
    if opened:
        L.append("#open" + sep + opened)
    L.append("#fields" + sep + sep.join(fields))
    L.append("#types" + sep + sep.join(types))
    return L

def write(name, lines, nl="\n", final=True):
    data = nl.join(lines) + (nl if final else "")
    with open(os.path.join(D, name), "wb") as f:
        f.write(data.encode("utf-8", "surrogateescape"))

def row(*v, sep="\t"):
    return sep.join(v)

# 1. custom #separator: |
P = "|"
write("separator_pipe.log",
  header(["ts", "name", "n", "tags"], ["time", "string", "count", "set[string]"], sep=P, sepesc="\\x7c")
  + [row("1.000000", "a\\x7cb", "1", "x,y", sep=P),
     row("2.000000", "tab\tinside", "2", "(empty)", sep=P),
     row("3.000000", "-", "3", "-", sep=P),
     row("4.000000", "p\\x7cq", "4", "e\\x7cf,g", sep=P),
     "#close|2020-01-01-00-00-01"])

# 2. custom #set_separator: ;
write("set_separator_semicolon.log",
  header(["ts", "s", "c", "v"], ["time", "set[string]", "set[count]", "vector[string]"], setsep=";")
  + [row("1.000000", "a;b,c;d\\x3be", "1;2;3", "x,y"),
     row("2.000000", "(empty)", "(empty)", "-"),
     "#close\t2020-01-01-00-00-01"])

# 3. custom #empty_field / #unset_field
write("markers_custom.log",
  header(["ts", "a", "b", "s", "n"], ["time", "string", "string", "set[string]", "count"],
         empty="EMPTY", unset="NONE")
  + [row("1.000000", "-", "(empty)", "EMPTY", "NONE"),
     row("2.000000", "NONE", "EMPTY", "NONE", "5"),
     row("3.000000", "EMPTY", "x", "-,(empty)", "7"),
     "#close\t2020-01-01-00-00-01"])

# 4. markers are recognised before unescaping (default markers)
write("markers_escaped.log",
  header(["ts", "a", "b", "s", "v"], ["time", "string", "string", "set[string]", "vector[string]"])
  + [row("1.000000", "\\x2d", "\\x28empty)", "\\x2d", "\\x28empty)"),
     row("2.000000", "-", "(empty)", "-", "(empty)"),
     row("3.000000", "--", "(empty)x", "-x,y", "(empty)z"),
     row("4.000000", "\\x2d\\x2d", "\\x28", "\\x2d,\\x28empty)", "-"),
     "#close\t2020-01-01-00-00-01"])

# 5. \xNN and \\ decoding in strings
vals = ["\\x09", "\\\\", "a\\\\x07", "\\x5c", "\\xfc", "\\x41\\x42", "\\xe2\\x82\\xac", "\u20ac",
        "x\\x0ay", "plain", "\\x5cx41", "c:\\\\dir\\\\f"]
write("escapes.log",
  header(["id", "s"], ["count", "string"])
  + [row(str(i + 1), v) for i, v in enumerate(vals)]
  + ["#close\t2020-01-01-00-00-01"])

# 6. a data line starting with \x23 (a value that begins with '#')
write("hash_data_line.log",
  header(["name", "n"], ["string", "count"])
  + [row("\\x23hash", "1"),
     row("\\x23", "2"),
     row("ok", "3"),
     "#close\t2020-01-01-00-00-01"])

# 7. sets and vectors as compact JSON arrays
write("containers.log",
  header(["id", "ss", "sc", "vs", "vc", "vd", "vi", "sa", "se"],
         ["count", "set[string]", "set[count]", "vector[string]", "vector[count]", "vector[double]",
          "vector[interval]", "set[addr]", "set[enum]"])
  + [row("1", "b,a", "4,2,3,1", "x\\x2cy,\"q\",back\\\\slash", "10,20,30", "3.14,-1.5",
         "1000.000000,36.000000", "1.2.3.4,::1", "HTTP::URI_SQLI,HTTP::URI_XSS"),
     row("2", "(empty)", "(empty)", "(empty)", "(empty)", "(empty)", "(empty)", "(empty)", "(empty)"),
     row("3", "-", "-", "-", "-", "-", "-", "-", "-"),
     row("4", "t\\x09ab,\\x01ctl", "0", "caf\u00e9", "9223372036854775807", "0.5", "0.000001",
         "10.0.0.1", "X"),
     "#close\t2020-01-01-00-00-01"])

# 8. Bro 2.0-2.2 table[..] is a set
write("bro20_table.log",
  header(["ts", "tags", "proxied", "nums"], ["time", "table[enum]", "table[string]", "table[count]"],
         path="http", opened=None)
  + [row("1.000000", "HTTP::A,HTTP::B", "p1,p2", "5,6"),
     row("2.000000", "(empty)", "-", "(empty)")])

# 9. every type
write("all_types.log",
  header(["b", "i", "e", "c", "p", "sn", "a", "d", "t", "iv", "s", "sc", "ss", "vc", "vs"],
         ["bool", "int", "enum", "count", "port", "subnet", "addr", "double", "time", "interval",
          "string", "set[count]", "set[string]", "vector[count]", "vector[string]"], path="ssh")
  + [row("T", "-42", "SSH::LOG", "21", "123", "10.0.0.0/24", "1.2.3.4", "3.14", "1342775668.072475",
         "100.000000", "hurz", "4,2,3,1", "CC,BB,AA", "10,20,30", "(empty)"),
     row("F", "9223372036854775807", "SSH::X", "0", "65535", "2001:db8::/32", "2001:db8::1", "-0.5",
         "0.000000", "-1.250000", "(empty)", "(empty)", "-", "(empty)", "a"),
     row("-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"),
     row("T", "0", "A", "1", "0", "0.0.0.0/0", "::", "1.000000e+20", "1.000000", "0.000001", "x y",
         "7", "-", "-", "-"),
     "#close\t2020-01-01-00-00-01"])

# 10. ts_iso
write("ts_iso.log",
  header(["ts", "n"], ["time", "count"])
  + [row("0.000000", "1"),
     row("1342775668.072475", "2"),
     row("1600000000.999999", "3"),
     row("951782400.000001", "4"),
     row("1.500000", "5"),
     row("4102444799.123456", "6"),
     row("-", "7"),
     row("1342775668.072", "8"),
     "#close\t2020-01-01-00-00-01"])

# 11. repeated header block, same fields (concatenated logs); #open/#close ignored
H = header(["ts", "id.orig_h", "n"], ["time", "addr", "count"], path="conn")
write("concat_same.log",
  H + [row("1.000000", "10.0.0.1", "1"), row("2.000000", "10.0.0.2", "2"),
       "#close\t2020-01-01-00-00-01"]
  + header(["ts", "id.orig_h", "n"], ["time", "addr", "count"], path="conn", opened="2020-01-01-01-00-00")
  + [row("3.000000", "10.0.0.3", "3"), "#close\t2020-01-01-01-00-01"])

# 12. repeated header block, different fields -> error naming file and line
write("concat_diff.log",
  H + [row("1.000000", "10.0.0.1", "1"), "#close\t2020-01-01-00-00-01"]
  + header(["ts", "id.orig_h", "n", "extra"], ["time", "addr", "count", "string"], path="conn",
           opened="2020-01-01-01-00-00")
  + [row("3.000000", "10.0.0.3", "3", "x"), "#close\t2020-01-01-01-00-01"])

# 13. tsv=T: one plain line of names
write("tsv_names.log",
  ["ts\tuid\tid.orig_h\tid.orig_p\tmethod\turi\tstatus_code",
   row("1342775668.072475", "C1", "10.0.0.1", "1030", "GET", "/a", "200"),
   row("1342775669.000000", "C2", "10.0.0.2", "1031", "POST", "/b", "404")])

# 14. headerless, 27 Bro 2.x http fields
def h27(ts, uid, oh, op, rh, rp, depth, method, host, uri, ref, ua, reqlen, resplen, status, msg):
    return row(ts, uid, oh, op, rh, rp, depth, method, host, uri, ref, ua, reqlen, resplen, status, msg,
               "-", "-", "-", "(empty)", "-", "-", "-", "-", "-", "FAAAAAAAAAAAAAAAA", "text/html")
write("headerless_http.log",
  [h27("1342775668.072475", "CAAAAAAAAAAAAAAAA", "192.168.1.10", "1030", "10.1.1.1", "80", "1", "GET",
       "example.com", "/index.html", "-", "Mozilla/5.0 (X11)", "0", "372", "200", "OK"),
   h27("1342775670.500000", "CBBBBBBBBBBBBBBBB", "192.168.1.11", "1031", "10.1.1.1", "80", "2", "POST",
       "example.com", "/login.php?id=1' OR '1'='1", "http://example.com/", "sqlmap/1.0", "15", "0", "403",
       "Forbidden"),
   h27("1342779000.000000", "CCCCCCCCCCCCCCCCC", "192.168.1.12", "1032", "10.1.1.2", "8080", "1", "-",
       "-", "-", "-", "-", "0", "0", "-", "-")])

# 15. headerless, custom layout via fields=
write("headerless_fields.log",
  [row("1.000000", "a.example", "5", "x,y"),
   row("2.000000", "-", "-", "(empty)")])

# 16. bad lines
write("bad_lines.log",
  header(["ts", "n", "s", "b"], ["time", "count", "string", "bool"])
  + [row("1.000000", "1", "good", "T"),          # line 9
     row("2.000000", "2", "too few"),            # 10 wrong field count
     row("3.000000", "3", "too", "F", "many"),   # 11 wrong field count
     row("4.000000", "abc", "bad count", "T"),   # 12 count does not parse
     row("notatime", "5", "bad time", "T"),      # 13 time does not parse
     row("6.000000", "12x", "bad count 2", "F"), # 14
     row("7.000000", "7", "bad bool", "X"),      # 15 bool does not parse
     row("8.000000", "-", "unset is fine", "-"), # 16
     row("9.000000", "9", "good", "F"),          # 17
     "#close\t2020-01-01-00-00-01"])

# 17. CRLF line ends
write("crlf.log",
  header(["ts", "s", "v"], ["time", "string", "vector[string]"])
  + [row("1.000000", "abc", "x,y"), row("2.000000", "-", "(empty)"), row("3.000000", "last", "-"),
     "#close\t2020-01-01-00-00-01"], nl="\r\n")

# 18. last line without a newline
write("no_final_newline.log",
  header(["ts", "s", "n"], ["time", "string", "count"])
  + [row("1.000000", "first", "1"), row("2.000000", "last", "2")], final=False)



# 19. Zeek JSON logs (one object per line)
write("json_basic.log", [
  '{"ts":1342775668.072475,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1030,"status_code":200,"ok":true,"tags":["A","B"],"uri":"/a\\tb"}',
  '{"ts":1342775669.5,"uid":"C2","id.orig_h":"10.0.0.2","id.orig_p":1031,"ok":false,"tags":[],"uri":"/c"}',
  '{"ts":1342775670.0,"uid":"C3","id.orig_h":"10.0.0.3","id.orig_p":1032,"status_code":404,"ok":true,"tags":["X"],"uri":"-","extra":"not in the first object"}'])
write("json_iso_ts.log", [
  '{"ts":"2020-06-05T14:39:59.512593Z","uid":"C1","status_code":200}',
  '{"ts":"2020-06-05T14:40:00.000001Z","uid":"C2","status_code":null}'])

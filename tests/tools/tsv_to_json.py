#!/usr/bin/python3
"""Writes a Zeek TSV log as the JSON log Zeek would have written for the same
records (LogAscii::use_json=T): one object per line, keys in field order,
unset fields omitted, numbers for count/int/port/double/time/interval,
true/false for bool, arrays for sets and vectors, strings with Zeek's TSV
escapes decoded; bytes that are not valid UTF-8 are written as the text
\\xNN (the JSON holds "\\\\xNN"), as Zeek's JSON writer does, so every line
is valid UTF-8 and strict JSON readers accept it. --ts=millis|iso writes ts
as JSON::TS_MILLIS or JSON::TS_ISO8601 does. Used to check that a report
gives the same answers on a TSV log and on its JSON twin.
    tsv_to_json.py [--ts=epoch|millis|iso] IN.log > OUT.json.log"""
import datetime, json, re, sys

def unescape(s):
    out = bytearray()
    i, b = 0, s.encode("utf-8", "surrogateescape")
    while i < len(b):
        if b[i:i+2] == b"\\\\":
            out += b"\\"; i += 2
        elif b[i:i+2] == b"\\x" and re.fullmatch(rb"[0-9a-fA-F]{2}", b[i+2:i+4]):
            out.append(int(b[i+2:i+4], 16)); i += 4
        else:
            out.append(b[i]); i += 1
    # Zeek's JSON writer: invalid UTF-8 bytes become the four characters \xNN.
    return out.decode("utf-8", "backslashreplace")

def scalar(text, typ, ts_mode, name):
    if typ in ("count", "int", "port"):
        return int(text)
    if typ in ("double", "interval"):
        return float(text)
    if typ == "time":
        if name == "ts" and ts_mode == "millis":
            return int(round(float(text) * 1000))
        if name == "ts" and ts_mode == "iso":
            secs, _, frac = text.partition(".")
            t = datetime.datetime.fromtimestamp(int(secs), datetime.timezone.utc)
            return t.strftime("%Y-%m-%dT%H:%M:%S.") + (frac + "000000")[:6] + "Z"
        return float(text)
    if typ == "bool":
        return text == "T"
    return unescape(text)

def main():
    ts_mode = "epoch"
    args = sys.argv[1:]
    if args and args[0].startswith("--ts="):
        ts_mode = args.pop(0)[5:]
    sep, set_sep, empty, unset = "\t", ",", "(empty)", "-"
    fields, types = [], []
    out = sys.stdout.buffer
    with open(args[0], encoding="utf-8", errors="surrogateescape", newline="\n") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#separator "):
                sep = unescape(line.split(" ", 1)[1])
                continue
            if line.startswith("#"):
                key, _, value = line.partition(sep)
                if key == "#set_separator": set_sep = unescape(value)
                elif key == "#empty_field": empty = unescape(value)
                elif key == "#unset_field": unset = unescape(value)
                elif key == "#fields": fields = value.split(sep)
                elif key == "#types": types = value.split(sep)
                continue
            values = line.split(sep)
            if len(values) != len(fields):
                continue                      # a bad line stays out of the twin
            obj = {}
            for name, typ, text in zip(fields, types, values):
                if text == unset:
                    continue
                container = re.fullmatch(r"(?:set|table|vector)\[(.*)\]", typ)
                if container:
                    items = [] if text == empty else text.split(set_sep)
                    obj[name] = [scalar(x, container.group(1), ts_mode, "") for x in items]
                elif text == empty and typ in ("string", "enum", "addr", "subnet"):
                    obj[name] = ""
                else:
                    obj[name] = scalar(text, typ, ts_mode, name)
            text = json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"
            out.write(text.encode("utf-8"))

if __name__ == "__main__":
    main()

"""pandas alternative for bench.sh:  /usr/bin/python3 bench/pandas_q.py T1..T6 FILE

The notebook's way (read the whole log with read_csv, all 27 columns, then
one pandas expression per question), made correct: tab-separated with quoting
off (URIs hold raw '"'), the 8 header lines skipped, '-' read as NaN (and
the fields missing from the short '#close' line, which is then dropped),
low_memory=False so status_code gets one type (the notebook's mixed
int/str column counted "404" twice). Prints tab-separated rows, NaN as '-'.
"""
import csv
import sys

import pandas as pd

COLUMNS = [
    "ts", "uid", "id_orig_h", "id_orig_p", "id_resp_h", "id_resp_p", "trans_depth",
    "method", "host", "uri", "referrer", "user_agent", "request_body_len",
    "response_body_len", "status_code", "status_msg", "info_code", "info_msg",
    "filename", "tags", "username", "password", "proxied", "orig_fuids",
    "orig_mime_types", "resp_fuids", "resp_mime_types",
]
SCANNERS = r"DirBuster|Nmap Scripting Engine|SF/2\.03b|Nikto|sqlmap"


def top5(series):
    counts = series.value_counts().rename("n").rename_axis("k").reset_index()
    counts = counts.sort_values(["n", "k"], ascending=[False, True], kind="stable").head(5)
    for k, n in zip(counts["k"], counts["n"]):
        print(f"{k}\t{n}")


def code(v):
    return "-" if pd.isna(v) else str(int(v))


def main():
    q, path = sys.argv[1], sys.argv[2]
    df = pd.read_csv(path, sep="\t", header=None, names=COLUMNS, skiprows=8,
                     quoting=csv.QUOTE_NONE, na_values=["-", ""], keep_default_na=False,
                     on_bad_lines="skip", low_memory=False)
    df = df[df["id_orig_h"].notna()]  # the trailing "#close" line (2 fields)
    if q == "T1":
        print(len(df))
    elif q == "T2":
        for k, n in df["status_code"].value_counts(dropna=False).items():
            print(f"{code(k)}\t{n}")
    elif q == "T3":
        top5(df["id_orig_h"])
    elif q == "T4":
        hour = (pd.to_numeric(df["ts"]) // 3600).astype("int64")
        counts = hour.value_counts()
        per = pd.DataFrame({"h": hour, "s": df["status_code"]}).dropna()
        per = per.groupby(["h", "s"]).size().rename("n").reset_index()
        per = per.sort_values(["h", "n", "s"], ascending=[True, False, True]).drop_duplicates("h")
        modal = dict(zip(per["h"], per["s"]))
        for h in sorted(counts.index):
            label = pd.Timestamp(int(h) * 3600, unit="s").strftime("%Y-%m-%d %H")
            print(f"{label}\t{counts[h]}\t{code(modal.get(h))}")
    elif q == "T5":
        top5(df["user_agent"])
        counts = df["user_agent"].value_counts()
        print(f"scanner rows\t{counts[counts.index.str.contains(SCANNERS)].sum()}")
    elif q == "T6":
        top5(df.loc[df["status_code"].isin([403, 404]), "id_orig_h"])
    else:
        sys.exit(f"unknown question {q}")


main()

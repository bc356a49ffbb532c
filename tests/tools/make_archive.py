#!/usr/bin/python3
"""Writes a zeekctl-style day of hourly gzip archives for the pruning test:
DIR/2012-03-16/http.HH:00:00-HH+1:00:00.log.gz, 24 files, ROWS rows each.
About one row in ten of each hour's file was logged late: its ts belongs to
the previous hour (Zeek writes a row when its transaction ends)."""
import gzip, os, random, sys

HEAD = ("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
        "#path\thttp\n#open\t2012-03-16-%02d-00-00\n"
        "#fields\tts\tuid\tid.orig_h\tstatus_code\turi\n"
        "#types\ttime\tstring\taddr\tcount\tstring\n")
DAY = 1331856000          # 2012-03-16T00:00:00Z

def main(out_dir, rows):
    rnd = random.Random(7)
    day_dir = os.path.join(out_dir, "2012-03-16")
    os.makedirs(day_dir, exist_ok=True)
    for hour in range(24):
        name = "http.%02d:00:00-%02d:00:00.log.gz" % (hour, (hour + 1) % 24)
        with gzip.open(os.path.join(day_dir, name), "wt") as f:
            f.write(HEAD % hour)
            for i in range(rows):
                late = hour > 0 and i % 10 == 3
                base = DAY + (hour - 1 if late else hour) * 3600
                ts = base + rnd.randrange(3600 * 1000000) / 1e6
                code = rnd.choice((200, 404, 404, 403))
                f.write("%.6f\tC%d_%d\t10.0.0.%d\t%d\t/p%d\n" % (ts, hour, i, i % 7, code, i))
            f.write("#close\t2012-03-16-%02d-59-59\n" % hour)

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

-- ts_iso comes right after ts: UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ (microseconds, from the
-- logged digits), usable by SQLite's date functions; ts stays REAL.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/ts_iso.log');
SELECT name, type FROM pragma_table_info('t');
SELECT n, iif(ts IS NULL, NULL, printf('%.6f', ts)), ts_iso, typeof(ts), typeof(ts_iso) FROM t;
SELECT n, substr(ts_iso, 1, 23) || 'Z' = strftime('%Y-%m-%dT%H:%M:%fZ', ts, 'unixepoch')
  FROM t WHERE n IN (1, 2, 4, 5, 6, 8);
SELECT strftime('%H', ts_iso), datetime(ts, 'unixepoch'), date(ts_iso) FROM t WHERE n = 2;
SELECT group_concat(n) FROM (SELECT n FROM t WHERE ts IS NOT NULL ORDER BY ts_iso);
SELECT group_concat(n) FROM (SELECT n FROM t WHERE ts IS NOT NULL ORDER BY ts);
SELECT n FROM t WHERE ts_iso BETWEEN '2012-07-20T00:00:00' AND '2012-07-21T00:00:00' ORDER BY n;

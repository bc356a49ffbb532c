-- title: Request-rate spikes per source IP (DoS/brute force)
--
-- For each source address: its busiest minute (the earliest one when
-- several tie, `at_peak` says how many minutes reached that count), the
-- requests in it (minute_reqs), that minute's rate in requests/second, the
-- address's median rate over the minutes in which it sent anything, and the
-- ratio of the two; `minutes` counts those minutes, total the address's
-- requests. An address hammering a server for a few minutes shows a high
-- peak and a high ratio. The 10 highest peaks; ties: lower address first.
-- Minutes are UTC minutes, shown in UTC or in the zone named in the temp
-- table zeeklog_tz (see docs/reports.md).
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- shared summary it reads and the number formatting (temp table zeeklog_raw).
-- setup: zeeklog_minutes
CREATE TEMP TABLE IF NOT EXISTS zeeklog_minutes AS
  SELECT id_orig_h, status_code, CAST(time_bucket(ts, 60) AS INTEGER) AS minute,
         count(*) AS rows
  FROM http
  GROUP BY 1, 2, 3;
-- report
WITH
opt(raw, tz) AS (
  SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw'),
         CASE WHEN EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_tz')
              THEN 'localtime' ELSE '+0 seconds' END
),
per_min AS MATERIALIZED (
  SELECT id_orig_h AS src_ip, minute, sum(rows) AS n
  FROM temp.zeeklog_minutes
  WHERE minute IS NOT NULL
  GROUP BY 1, 2
),
-- Peak, minutes and requests of every address; the busiest minute and the
-- median only for the 10 highest peaks.
ips AS (
  SELECT src_ip, max(n) AS peak, count(*) AS minutes, sum(n) AS requests
  FROM per_min
  GROUP BY 1
),
top10 AS MATERIALIZED (
  SELECT * FROM ips ORDER BY peak DESC, src_ip LIMIT 10
),
mins AS MATERIALIZED (
  SELECT p.src_ip, p.minute, p.n, t.peak, t.minutes,
         row_number() OVER (PARTITION BY p.src_ip ORDER BY p.n, p.minute) AS rn
  FROM per_min AS p JOIN top10 AS t ON t.src_ip IS p.src_ip
),
med AS (
  SELECT src_ip, avg(n) AS median
  FROM mins
  WHERE rn IN ((minutes + 1) / 2, (minutes + 2) / 2)
  GROUP BY src_ip
),
peaks AS (
  SELECT src_ip, min(minute) AS busiest, count(*) AS at_peak
  FROM mins
  WHERE n = peak
  GROUP BY src_ip
),
top AS (
  SELECT t.*, peaks.busiest, peaks.at_peak, med.median
  FROM top10 AS t JOIN peaks ON peaks.src_ip IS t.src_ip JOIN med ON med.src_ip IS t.src_ip
),
r AS (
  SELECT *, printf('%,d', peak) AS peak_s, printf('%,d', requests) AS requests_s FROM top
)
SELECT
  r.src_ip,
  strftime('%Y-%m-%d %H:%M', r.busiest, 'unixepoch', tz) AS busiest_minute,
  CASE WHEN raw THEN r.at_peak ELSE printf('%*s', max(7, max(length(printf('%,d', r.at_peak))) OVER ()), printf('%,d', r.at_peak)) END AS at_peak,
  CASE WHEN raw THEN r.peak
       ELSE printf('%*s', max(11, max(length(peak_s)) OVER ()), peak_s) END AS minute_reqs,
  CASE WHEN raw THEN round(r.peak / 60.0, 2) ELSE printf('%8.2f', r.peak / 60.0) END AS peak_rps,
  CASE WHEN raw THEN round(r.median / 60.0, 3) ELSE printf('%10.3f', r.median / 60.0) END AS median_rps,
  CASE WHEN raw THEN round(r.peak / r.median, 1) ELSE printf('%6.1fx', r.peak / r.median) END AS ratio,
  CASE WHEN raw THEN r.minutes ELSE printf('%*s', max(7, max(length(printf('%,d', r.minutes))) OVER ()), printf('%,d', r.minutes)) END AS minutes,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(5, max(length(requests_s)) OVER ()), requests_s) END AS total
FROM r, opt
ORDER BY r.peak DESC, r.src_ip;

-- title: Requests over time and the modal status
--
-- One row per time bucket from the bucket of the first request to that of
-- the last, like pandas' df.resample(): buckets without requests show 0
-- requests and a NULL modal status. The bucket is an hour, 6 hours, a day
-- or a week (from Monday), the first of these that keeps the series to at
-- most 100 rows (a week whatever the span beyond 100 days); `width` says
-- which. modal_status is mode(status_code), the most frequent status of the
-- bucket (ties: the lowest code; unset ignored). `bar` draws the bucket's
-- requests against the busiest one (40 = busiest).
-- Buckets follow the clock of the time zone: UTC, or the zone named in the
-- temp table zeeklog_tz (bin/zeeklog-report --tz; see docs/reports.md for
-- what that means across daylight-saving changes).
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- shared summary it reads and the number formatting (temp table zeeklog_raw;
-- raw output has no bar).
-- setup: zeeklog_minutes
CREATE TEMP TABLE IF NOT EXISTS zeeklog_minutes AS
  SELECT id_orig_h, status_code, CAST(time_bucket(ts, 60) AS INTEGER) AS minute,
         count(*) AS rows
  FROM http
  GROUP BY 1, 2, 3;
-- report
WITH RECURSIVE
opt(raw, tz) AS (
  SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw'),
         CASE WHEN EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_tz')
              THEN 'localtime' ELSE '+0 seconds' END
),
-- Requests per minute and status; `clock` is the minute on the zone's
-- clock, as epoch seconds (the minute itself in UTC).
per_min AS MATERIALIZED (
  SELECT minute, status_code, sum(rows) AS n
  FROM temp.zeeklog_minutes
  WHERE minute IS NOT NULL
  GROUP BY 1, 2
),
clocks AS MATERIALIZED (
  SELECT minute, CAST(strftime('%s', minute, 'unixepoch', tz) AS INTEGER) AS clock
  FROM (SELECT DISTINCT minute FROM per_min), opt
),
span AS (SELECT min(clock) AS lo, max(clock) AS hi FROM clocks HAVING count(*) > 0),
-- The widths, smallest first; a week starts on Monday (epoch day 4).
widths(width, secs, origin, fmt) AS (
  VALUES ('1 hour', 3600, 0, '%Y-%m-%d %H:%M'), ('6 hours', 21600, 0, '%Y-%m-%d %H:%M'),
         ('1 day', 86400, 0, '%Y-%m-%d'), ('1 week', 604800, 345600, '%Y-%m-%d')
),
chosen AS (
  SELECT widths.*,
         lo - ((lo - origin) % secs + secs) % secs AS first_b,
         hi - ((hi - origin) % secs + secs) % secs AS last_b
  FROM widths, span
  WHERE (hi - ((hi - origin) % secs + secs) % secs
         - (lo - ((lo - origin) % secs + secs) % secs)) / secs < 100 OR secs = 604800
  ORDER BY secs
  LIMIT 1
),
per_bucket AS MATERIALIZED (
  SELECT clock - ((clock - origin) % secs + secs) % secs AS b, status_code, sum(n) AS n
  FROM per_min JOIN clocks USING (minute), chosen
  GROUP BY 1, 2
),
agg AS (
  SELECT b, sum(n) AS requests,
         (SELECT p.status_code FROM per_bucket AS p
          WHERE p.b = per_bucket.b AND p.status_code IS NOT NULL
          ORDER BY p.n DESC, p.status_code LIMIT 1) AS modal_status
  FROM per_bucket
  GROUP BY b
),
series(b) AS (
  SELECT first_b FROM chosen
  UNION ALL
  SELECT b + secs FROM series, chosen WHERE b < last_b
),
r AS (
  SELECT series.b, coalesce(agg.requests, 0) AS requests, agg.modal_status,
         printf('%,d', coalesce(agg.requests, 0)) AS requests_s
  FROM series LEFT JOIN agg ON agg.b = series.b
)
SELECT
  strftime(chosen.fmt, r.b, 'unixepoch') AS bucket,
  chosen.width,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  r.modal_status,
  CASE WHEN raw THEN NULL
       ELSE replace(hex(zeroblob(CASE WHEN r.requests = 0 THEN 0
              ELSE max(1, CAST(round(40.0 * r.requests / max(r.requests) OVER ()) AS INTEGER)) END)),
            '00', '#') END AS bar
FROM r, chosen, opt
ORDER BY r.b;

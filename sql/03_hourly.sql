-- title: Hourly activity: requests per hour and the modal status code
--
-- One row per hour (UTC) from the hour of the first request to the hour of
-- the last, like pandas' df.resample('h'): hours without requests show 0
-- requests and a NULL modal status. modal_status is mode(status_code), the
-- most frequent status of the hour (ties: the lowest code; unset ignored).
-- `bar` draws the hour's requests against the busiest hour (40 = busiest).
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- number formatting (temp table zeeklog_raw; raw output has no bar).
WITH RECURSIVE
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
agg AS (
  SELECT CAST(time_bucket(ts, 3600) AS INTEGER) AS hour, count(*) AS requests,
         mode(status_code) AS modal_status
  FROM http
  WHERE ts IS NOT NULL
  GROUP BY 1
),
hours(hour, last) AS (
  SELECT min(hour), max(hour) FROM agg HAVING count(*) > 0
  UNION ALL
  SELECT hour + 3600, last FROM hours WHERE hour < last
),
r AS (
  SELECT hours.hour, coalesce(agg.requests, 0) AS requests, agg.modal_status,
         printf('%,d', coalesce(agg.requests, 0)) AS requests_s
  FROM hours LEFT JOIN agg ON agg.hour = hours.hour
)
SELECT
  strftime('%Y-%m-%d %H:00', r.hour, 'unixepoch') AS hour,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  r.modal_status,
  CASE WHEN raw THEN NULL
       ELSE replace(hex(zeroblob(CASE WHEN r.requests = 0 THEN 0
              ELSE max(1, CAST(round(40.0 * r.requests / max(r.requests) OVER ()) AS INTEGER)) END)),
            '00', '#') END AS bar
FROM r, opt
ORDER BY r.hour;

-- title: Status codes: requests per HTTP status code
--
-- Every status code with its usual status message (the most frequent one),
-- its request count and its share of all requests. Requests whose status is
-- unset in the log ('-') are one row with status_code NULL. Largest first.
--
-- Runs against any table or view named `http` with Zeek http.log columns:
--   CREATE VIRTUAL TABLE temp.http USING zeek('http.log');
--   .read sql/01_status_codes.sql
-- Numbers are formatted for reading ('1,234', ' 12.3%') unless a temp table
-- named zeeklog_raw exists (CREATE TEMP TABLE zeeklog_raw(x)): then they are
-- plain INTEGER / REAL values, for CSV, JSON or a program.
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
codes AS (
  SELECT status_code, mode(status_msg) AS status_msg, count(*) AS requests
  FROM http
  GROUP BY status_code
),
r AS (
  SELECT status_code, status_msg, requests,
         100.0 * requests / sum(requests) OVER () AS pct,
         printf('%,d', requests) AS requests_s
  FROM codes
)
SELECT
  r.status_code,
  r.status_msg,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(r.pct, 2) ELSE printf('%5.1f%%', r.pct) END AS share
FROM r, opt
ORDER BY r.requests DESC, r.status_code;

-- title: Status codes: requests per HTTP status code
--
-- Every status code with its usual status message (the most frequent one,
-- cut to 40 characters), its request count and its share of all requests.
-- Requests whose status is unset in the log ('-') are one row with
-- status_code NULL. Largest first.
--
-- Runs against any table or view named `http` with Zeek http.log columns:
--   CREATE VIRTUAL TABLE temp.http USING zeek('http.log');
--   .read sql/01_status_codes.sql
-- Like every report it reads a summary of `http` shared by the reports of
-- the connection: here the temp table zeeklog_totals (requests per source,
-- user agent, status code and message), which its first statement makes if
-- it is missing (see docs/reports.md; bin/zeeklog-report makes it in one
-- grouped scan).
-- Numbers are formatted for reading ('1,234', ' 12.3%') unless a temp table
-- named zeeklog_raw exists (CREATE TEMP TABLE zeeklog_raw(x)): then they are
-- plain INTEGER / REAL values and text is whole, for CSV, JSON or a program.
-- setup: zeeklog_totals
CREATE TEMP TABLE IF NOT EXISTS zeeklog_totals AS
  SELECT id_orig_h, user_agent, status_code, status_msg,
         count(*) AS rows, min(ts) AS first_ts, max(ts) AS last_ts
  FROM http
  GROUP BY 1, 2, 3, 4;
-- report
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
pairs AS MATERIALIZED (
  SELECT status_code, status_msg, sum(rows) AS n
  FROM temp.zeeklog_totals
  GROUP BY 1, 2
),
-- mode(status_msg) per code, weighted by requests: NULLs ignored, ties to
-- the smallest message.
msgs AS (
  SELECT status_code, status_msg,
         row_number() OVER (PARTITION BY status_code ORDER BY n DESC, status_msg) AS k
  FROM pairs
  WHERE status_msg IS NOT NULL
),
codes AS (
  SELECT status_code, sum(n) AS requests FROM pairs GROUP BY 1
),
r AS (
  SELECT c.status_code, m.status_msg, c.requests,
         100.0 * c.requests / sum(c.requests) OVER () AS pct,
         printf('%,d', c.requests) AS requests_s
  FROM codes AS c LEFT JOIN msgs AS m ON m.status_code IS c.status_code AND m.k = 1
)
SELECT
  r.status_code,
  CASE WHEN raw OR length(r.status_msg) <= 40 THEN r.status_msg
       ELSE substr(r.status_msg, 1, 39) || '…' END AS status_msg,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(r.pct, 2) ELSE printf('%5.1f%%', r.pct) END AS share
FROM r, opt
ORDER BY r.requests DESC, r.status_code;

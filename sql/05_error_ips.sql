-- title: Source IPs with the most 403/404 responses
--
-- The 10 source addresses that drew the most 403 Forbidden + 404 Not Found
-- responses (only those with at least one): both counts, the address's
-- total requests and the share of them that failed this way. Ties: the
-- lower address (text order) first.
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- shared summary it reads and the number formatting (temp table zeeklog_raw).
-- setup: zeeklog_totals
CREATE TEMP TABLE IF NOT EXISTS zeeklog_totals AS
  SELECT id_orig_h, user_agent, status_code, status_msg,
         count(*) AS rows, min(ts) AS first_ts, max(ts) AS last_ts
  FROM http
  GROUP BY 1, 2, 3, 4;
-- report
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
ips AS (
  SELECT id_orig_h AS src_ip,
         coalesce(sum(rows) FILTER (WHERE status_code IN (403, 404)), 0) AS errors,
         coalesce(sum(rows) FILTER (WHERE status_code = 403), 0) AS n403,
         coalesce(sum(rows) FILTER (WHERE status_code = 404), 0) AS n404,
         sum(rows) AS requests
  FROM temp.zeeklog_totals
  GROUP BY id_orig_h
),
top AS (
  SELECT * FROM ips WHERE errors > 0 ORDER BY errors DESC, src_ip LIMIT 10
),
r AS (
  SELECT *, 100.0 * errors / requests AS pct,
         printf('%,d', errors) AS errors_s, printf('%,d', n403) AS n403_s,
         printf('%,d', n404) AS n404_s, printf('%,d', requests) AS requests_s
  FROM top
)
SELECT
  r.src_ip,
  CASE WHEN raw THEN r.errors
       ELSE printf('%*s', max(7, max(length(errors_s)) OVER ()), errors_s) END AS "403+404",
  CASE WHEN raw THEN r.n403
       ELSE printf('%*s', max(3, max(length(n403_s)) OVER ()), n403_s) END AS "403",
  CASE WHEN raw THEN r.n404
       ELSE printf('%*s', max(3, max(length(n404_s)) OVER ()), n404_s) END AS "404",
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(r.pct, 2) ELSE printf('%10.1f%%', r.pct) END AS error_share
FROM r, opt
ORDER BY r.errors DESC, r.src_ip;

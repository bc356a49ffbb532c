-- title: Top source IPs by request count
--
-- The 10 source addresses (id_orig_h) that sent the most requests: inside
-- or outside the private ranges (ip_is_private: 'internal' or 'external';
-- '-' for a value that is no address), their count, share of all requests,
-- first and last request and the user agent they used most (cut to what fits
-- a 120-column line). Ties: the lower address (text order) first. Times
-- are UTC, or local times of the zone named in the temp table zeeklog_tz
-- (see docs/reports.md).
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
opt(raw, tz) AS (
  SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw'),
         CASE WHEN EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_tz')
              THEN 'localtime' ELSE '+0 seconds' END
),
ips AS MATERIALIZED (
  SELECT id_orig_h AS src_ip, sum(rows) AS requests, min(first_ts) AS first_ts,
         max(last_ts) AS last_ts
  FROM temp.zeeklog_totals
  GROUP BY 1
),
top AS MATERIALIZED (
  SELECT src_ip, requests, first_ts, last_ts,
         100.0 * requests / sum(requests) OVER () AS pct
  FROM ips
  ORDER BY requests DESC, src_ip
  LIMIT 10
),
-- mode(user_agent) of each top address, weighted by requests: NULLs
-- ignored, ties to the smallest agent.
uas AS (
  SELECT id_orig_h AS src_ip, user_agent,
         row_number() OVER (PARTITION BY id_orig_h ORDER BY sum(rows) DESC, user_agent) AS k
  FROM temp.zeeklog_totals
  WHERE user_agent IS NOT NULL AND id_orig_h IN (SELECT src_ip FROM top)
  GROUP BY 1, 2
),
r AS (
  SELECT top.*, uas.user_agent, printf('%,d', requests) AS requests_s,
         CASE ip_is_private(top.src_ip) WHEN 1 THEN 'internal' WHEN 0 THEN 'external' END AS network,
         strftime('%Y-%m-%d %H:%M:%S', first_ts, 'unixepoch', tz) AS first_seen,
         strftime('%Y-%m-%d %H:%M:%S', last_ts, 'unixepoch', tz) AS last_seen
  FROM top LEFT JOIN uas ON uas.src_ip IS top.src_ip AND uas.k = 1, opt
),
-- What a 120-column box leaves for the user agent: 120 less the borders
-- (3 per column and 1) and the widest value (or header) of each other column.
w AS (
  SELECT *, max(20, 120 - 22 - max(6, max(length(coalesce(src_ip, '-'))) OVER ()) - 8
                 - max(8, max(length(coalesce(requests_s, '-'))) OVER ()) - 6 - 19 - 19) AS ua_w
  FROM r
)
SELECT
  w.src_ip,
  w.network,
  CASE WHEN raw THEN w.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(w.pct, 2) ELSE printf('%5.1f%%', w.pct) END AS share,
  w.first_seen,
  w.last_seen,
  CASE WHEN raw OR length(w.user_agent) <= ua_w THEN w.user_agent
       ELSE substr(w.user_agent, 1, ua_w - 1) || '…' END AS top_user_agent
FROM w, opt
ORDER BY w.requests DESC, w.src_ip;

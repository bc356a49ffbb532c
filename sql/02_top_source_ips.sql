-- title: Top source IPs by request count
--
-- The 10 source addresses (id_orig_h) that sent the most requests: their
-- count, share of all requests, first and last request (UTC) and the user
-- agent they used most. Ties: the lower address (text order) first.
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- number formatting (temp table zeeklog_raw).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
ips AS (
  SELECT id_orig_h AS src_ip, count(*) AS requests, min(ts) AS first_ts, max(ts) AS last_ts,
         mode(user_agent) AS user_agent
  FROM http
  GROUP BY id_orig_h
),
top AS (
  SELECT src_ip, requests, first_ts, last_ts, user_agent,
         100.0 * requests / sum(requests) OVER () AS pct
  FROM ips
  ORDER BY requests DESC, src_ip
  LIMIT 10
),
r AS (SELECT *, printf('%,d', requests) AS requests_s FROM top)
SELECT
  r.src_ip,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(r.pct, 2) ELSE printf('%5.1f%%', r.pct) END AS share,
  strftime('%Y-%m-%d %H:%M:%S', r.first_ts, 'unixepoch') AS first_seen,
  strftime('%Y-%m-%d %H:%M:%S', r.last_ts, 'unixepoch') AS last_seen,
  CASE WHEN raw OR length(r.user_agent) <= 50 THEN r.user_agent
       ELSE substr(r.user_agent, 1, 47) || '...' END AS top_user_agent
FROM r, opt
ORDER BY r.requests DESC, r.src_ip;

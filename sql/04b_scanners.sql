-- title: Scanners: requests per scanner tool (scanner_ua)
--
-- Requests grouped by the scanner tool scanner_ua() finds in the user agent:
-- requests, share of all requests, distinct user agents, distinct source IPs
-- and the source IP that sent the most of them (ties: lower address as
-- text). A last row, scanner NULL, counts everything that is not a known
-- scanner (including requests without a user agent). scanner_ua() runs once
-- per distinct user agent.
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
pairs AS MATERIALIZED (
  SELECT user_agent, id_orig_h AS src_ip, sum(rows) AS n
  FROM temp.zeeklog_totals
  GROUP BY user_agent, id_orig_h
),
names AS MATERIALIZED (
  SELECT user_agent, scanner_ua(user_agent) AS scanner
  FROM (SELECT DISTINCT user_agent FROM pairs WHERE user_agent IS NOT NULL)
),
tagged AS MATERIALIZED (
  SELECT names.scanner, pairs.user_agent, pairs.src_ip, pairs.n
  FROM pairs LEFT JOIN names ON names.user_agent = pairs.user_agent
),
per_ip AS (
  SELECT scanner, src_ip, sum(n) AS n,
         row_number() OVER (PARTITION BY scanner ORDER BY sum(n) DESC, src_ip) AS rank
  FROM tagged
  GROUP BY scanner, src_ip
),
per_scanner AS (
  SELECT scanner, sum(n) AS requests, count(DISTINCT user_agent) AS user_agents,
         count(DISTINCT src_ip) AS src_ips
  FROM tagged
  GROUP BY scanner
),
r AS (
  SELECT s.*, p.src_ip AS top_src_ip,
         100.0 * s.requests / sum(s.requests) OVER () AS pct,
         printf('%,d', s.requests) AS requests_s
  FROM per_scanner AS s JOIN per_ip AS p ON p.scanner IS s.scanner AND p.rank = 1
)
SELECT
  r.scanner,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(r.pct, 2) ELSE printf('%5.1f%%', r.pct) END AS share,
  CASE WHEN raw THEN r.user_agents ELSE printf('%*s', max(11, max(length(printf('%,d', r.user_agents))) OVER ()), printf('%,d', r.user_agents)) END AS user_agents,
  CASE WHEN raw THEN r.src_ips ELSE printf('%*s', max(7, max(length(printf('%,d', r.src_ips))) OVER ()), printf('%,d', r.src_ips)) END AS src_ips,
  r.top_src_ip
FROM r, opt
ORDER BY r.scanner IS NULL, r.requests DESC, r.scanner;

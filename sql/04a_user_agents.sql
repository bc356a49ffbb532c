-- title: Top user agents, with the scanner each one belongs to
--
-- The 10 most frequent User-Agent strings, the scanner tool scanner_ua()
-- recognises in each (NULL: none), their request count, share of all
-- requests and how many source IPs sent them. Requests without a user agent
-- are one row with user_agent NULL. Ties: text order of the agent.
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- number formatting (temp table zeeklog_raw; raw output keeps the whole UA).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
uas AS (
  SELECT user_agent, count(*) AS requests, count(DISTINCT id_orig_h) AS src_ips
  FROM http
  GROUP BY user_agent
),
top AS (
  SELECT user_agent, requests, src_ips, 100.0 * requests / sum(requests) OVER () AS pct
  FROM uas
  ORDER BY requests DESC, user_agent
  LIMIT 10
),
r AS (SELECT *, scanner_ua(user_agent) AS scanner, printf('%,d', requests) AS requests_s FROM top)
SELECT
  CASE WHEN raw OR length(r.user_agent) <= 60 THEN r.user_agent
       ELSE substr(r.user_agent, 1, 57) || '...' END AS user_agent,
  r.scanner,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(r.pct, 2) ELSE printf('%5.1f%%', r.pct) END AS share,
  CASE WHEN raw THEN r.src_ips ELSE printf('%*s', max(7, max(length(printf('%,d', r.src_ips))) OVER ()), printf('%,d', r.src_ips)) END AS src_ips
FROM r, opt
ORDER BY r.requests DESC, r.user_agent;

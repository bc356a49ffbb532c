-- title: Top user agents, with the scanner each one belongs to
--
-- The 10 most frequent User-Agent strings (cut to what fits a 120-column
-- line, at most 60 characters), the scanner tool scanner_ua() recognises in
-- each (NULL: none), their request count, share of all requests and how
-- many source IPs sent them. Requests without a user agent are one row with
-- user_agent NULL. Ties: text order of the agent.
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- shared summary it reads and the number formatting (temp table zeeklog_raw;
-- raw output keeps the whole UA).
-- setup: zeeklog_totals
CREATE TEMP TABLE IF NOT EXISTS zeeklog_totals AS
  SELECT id_orig_h, user_agent, status_code, status_msg,
         count(*) AS rows, min(ts) AS first_ts, max(ts) AS last_ts
  FROM http
  GROUP BY 1, 2, 3, 4;
-- report
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
uas AS (
  SELECT user_agent, sum(rows) AS requests, count(DISTINCT id_orig_h) AS src_ips
  FROM temp.zeeklog_totals
  GROUP BY user_agent
),
top AS (
  SELECT user_agent, requests, src_ips, 100.0 * requests / sum(requests) OVER () AS pct
  FROM uas
  ORDER BY requests DESC, user_agent
  LIMIT 10
),
r AS (
  SELECT *, scanner_ua(user_agent) AS scanner, printf('%,d', requests) AS requests_s,
         printf('%,d', src_ips) AS src_ips_s
  FROM top
),
-- The user agent gets what a 120-column box leaves (borders: 3 per column
-- and 1), at most 60 characters.
w AS (
  SELECT *, max(20, min(60, 120 - 16 - max(7, max(length(coalesce(scanner, '-'))) OVER ())
                         - max(8, max(length(requests_s)) OVER ()) - 6
                         - max(7, max(length(coalesce(src_ips_s, '-'))) OVER ()))) AS ua_w
  FROM r
)
SELECT
  CASE WHEN raw OR length(w.user_agent) <= ua_w THEN w.user_agent
       ELSE substr(w.user_agent, 1, ua_w - 1) || '…' END AS user_agent,
  w.scanner,
  CASE WHEN raw THEN w.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN round(w.pct, 2) ELSE printf('%5.1f%%', w.pct) END AS share,
  CASE WHEN raw THEN w.src_ips ELSE printf('%*s', max(7, max(length(src_ips_s)) OVER ()), src_ips_s) END AS src_ips
FROM w, opt
ORDER BY w.requests DESC, w.user_agent;

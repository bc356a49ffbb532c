-- title: Rare user agents: HTTP clients that few hosts use
--
-- The 15 User-Agent strings sent by the fewest source addresses (and, among
-- those, the most requests first: one host using an agent nobody else uses,
-- over and over, is the better lead): their request count, how many sources
-- sent them and the one that sent most, how many Host headers they asked
-- for, and when they were first seen (UTC). Requests without a user agent
-- are one row with user_agent NULL (-). A lead, not a verdict: a rare agent
-- is as often an odd updater, a script or a new browser build as malware.
-- Ties: the agent (text order).
--
-- Runs against a table or view named `http` with Zeek http.log columns;
-- see 01_beacons.sql for the number formatting (temp table zeeklog_raw).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
top AS (
  SELECT user_agent, count(*) AS requests, count(DISTINCT id_orig_h) AS sources,
         mode(id_orig_h) AS top_source, count(DISTINCT host) AS hosts, min(ts) AS first_ts
  FROM http
  GROUP BY user_agent
  ORDER BY sources, requests DESC, user_agent
  LIMIT 15
)
SELECT
  CASE WHEN raw OR length(user_agent) <= 45 THEN user_agent
       ELSE substr(user_agent, 1, 42) || '...' END AS user_agent,
  CASE WHEN raw THEN requests ELSE printf('%,d', requests) END AS requests,
  CASE WHEN raw THEN sources ELSE printf('%,d', sources) END AS sources,
  top_source,
  CASE WHEN raw THEN hosts ELSE printf('%,d', hosts) END AS hosts,
  CASE WHEN raw THEN first_ts ELSE strftime('%Y-%m-%d %H:%M', first_ts, 'unixepoch') END AS first_seen
FROM top, opt
ORDER BY top.sources, top.requests DESC, top.user_agent;

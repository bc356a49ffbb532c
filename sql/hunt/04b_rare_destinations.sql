-- title: Rare destinations: addresses that few hosts connect to
--
-- The 15 destination addresses reached from the fewest source addresses
-- (and, among those, the most connections first): their sources and the
-- one that connected most, connections, the most used port (+N other
-- ports), IP bytes both ways, and the first and last connection (UTC). A
-- command-and-control server is usually talked to by one or two infected
-- hosts; so is every little-known site, mail relay or partner service. To
-- keep only outside addresses, filter `conn` first (a view with
-- WHERE id_resp_h NOT LIKE '10.%' ...). Ties: the address (text order).
--
-- Runs against a table or view named `conn` with Zeek conn.log columns;
-- see 01_beacons.sql for the number formatting (temp table zeeklog_raw).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
top AS (
  SELECT id_resp_h AS dst, count(DISTINCT id_orig_h) AS sources, mode(id_orig_h) AS top_source,
         count(*) AS conns, mode(id_resp_p) AS port, count(DISTINCT id_resp_p) AS ports,
         sum(coalesce(orig_ip_bytes, 0) + coalesce(resp_ip_bytes, 0)) AS bytes,
         min(ts) AS first_ts, max(ts) AS last_ts
  FROM conn
  GROUP BY id_resp_h
  ORDER BY sources, conns DESC, dst
  LIMIT 15
)
SELECT
  dst,
  CASE WHEN raw THEN sources ELSE printf('%,d', sources) END AS sources,
  top_source,
  CASE WHEN raw THEN conns ELSE printf('%,d', conns) END AS conns,
  CASE WHEN raw OR ports = 1 THEN port ELSE port || '+' || (ports - 1) END AS port,
  CASE WHEN raw THEN bytes
       WHEN bytes < 1000 THEN bytes || ' B'
       WHEN bytes < 1e6 THEN printf('%.1f kB', CAST(bytes / 1e2 + 0.5 AS INTEGER) / 10.0)
       WHEN bytes < 1e9 THEN printf('%.1f MB', CAST(bytes / 1e5 + 0.5 AS INTEGER) / 10.0)
       ELSE printf('%.1f GB', CAST(bytes / 1e8 + 0.5 AS INTEGER) / 10.0) END AS bytes,
  CASE WHEN raw THEN first_ts ELSE strftime('%Y-%m-%d %H:%M', first_ts, 'unixepoch') END AS first_seen,
  CASE WHEN raw THEN last_ts ELSE strftime('%Y-%m-%d %H:%M', last_ts, 'unixepoch') END AS last_seen
FROM top, opt
ORDER BY top.sources, top.conns DESC, top.dst;

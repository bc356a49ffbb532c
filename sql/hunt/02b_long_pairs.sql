-- title: Long connections: host pairs with the most connected time
--
-- The 10 (source, destination) pairs whose connections add up to the
-- longest time: connections, total and longest duration, the distinct
-- service values seen (Zeek's guesses, in text order; - when none) and the
-- payload bytes both ways. Many medium connections that add up to hours (a
-- channel that reconnects) show here but not among the longest single
-- ones. Ties: the lower addresses (text order) first.
--
-- Runs against a table or view named `conn` with Zeek conn.log columns;
-- see 01_beacons.sql for the number formatting (temp table zeeklog_raw).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
pairs AS (
  SELECT id_orig_h AS src, id_resp_h AS dst, count(*) AS conns, sum(duration) AS total,
         max(duration) AS longest, json_group_array(DISTINCT service) AS services_json,
         sum(coalesce(orig_bytes, 0) + coalesce(resp_bytes, 0)) AS bytes
  FROM conn
  WHERE duration IS NOT NULL
  GROUP BY id_orig_h, id_resp_h
  ORDER BY total DESC, src, dst
  LIMIT 10
),
r AS (
  SELECT *,
         (SELECT group_concat(value, ',') FROM
            (SELECT value FROM json_each(services_json) WHERE value IS NOT NULL ORDER BY value))
           AS services,
         CAST(total + 0.5 AS INTEGER) AS s1, CAST(longest + 0.5 AS INTEGER) AS s2
  FROM pairs
)
SELECT
  src, dst,
  CASE WHEN raw THEN conns ELSE printf('%,d', conns) END AS conns,
  CASE WHEN raw THEN total
       WHEN s1 < 60 THEN s1 || 's'
       WHEN s1 < 3600 THEN printf('%dm%02ds', s1 / 60, s1 % 60)
       WHEN s1 < 86400 THEN printf('%dh%02dm', s1 / 3600, s1 % 3600 / 60)
       ELSE printf('%dd%02dh', s1 / 86400, s1 % 86400 / 3600) END AS total,
  CASE WHEN raw THEN longest
       WHEN s2 < 60 THEN s2 || 's'
       WHEN s2 < 3600 THEN printf('%dm%02ds', s2 / 60, s2 % 60)
       WHEN s2 < 86400 THEN printf('%dh%02dm', s2 / 3600, s2 % 3600 / 60)
       ELSE printf('%dd%02dh', s2 / 86400, s2 % 86400 / 3600) END AS longest,
  CASE WHEN raw OR length(services) <= 20 THEN services ELSE substr(services, 1, 19) || '+' END AS services,
  CASE WHEN raw THEN bytes
       WHEN bytes < 1000 THEN bytes || ' B'
       WHEN bytes < 1e6 THEN printf('%.1f kB', CAST(bytes / 1e2 + 0.5 AS INTEGER) / 10.0)
       WHEN bytes < 1e9 THEN printf('%.1f MB', CAST(bytes / 1e5 + 0.5 AS INTEGER) / 10.0)
       ELSE printf('%.1f GB', CAST(bytes / 1e8 + 0.5 AS INTEGER) / 10.0) END AS bytes
FROM r, opt
ORDER BY r.total DESC, r.src, r.dst;

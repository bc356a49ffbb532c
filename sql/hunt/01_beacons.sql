-- title: Beacons: host pairs that connect on a schedule
--
-- The 20 (source, destination, destination port) triples whose connections
-- look most like a beacon, by beacon_score() (RITA's method, docs/hunts.md):
-- regular intervals (ts), regular sizes (ds, from orig_ip_bytes),
-- connections spread over the log's whole span (dur) and evenly over its 24
-- slices (hist), each part 0..1 and a quarter of the score. Only triples
-- with at least 24 connections are judged (one an hour for a day; RITA's
-- classic threshold). Columns: conns, span (first to last connection),
-- every (the median interval), bytes (IP bytes both ways). RITA groups by
-- address pair; the port keeps a beacon apart from other traffic to the
-- same server (and spares the sort a per-group port count). A lead, not a
-- verdict: updaters, NTP and monitoring also run on a schedule. Ties: more
-- connections, then the addresses and port.
--
-- Runs against a table or view named `conn` with Zeek conn.log columns:
--   CREATE VIRTUAL TABLE temp.conn USING zeek('conn.log');
--   .read sql/hunt/01_beacons.sql
-- Numbers are formatted for reading unless a temp table named zeeklog_raw
-- exists (CREATE TEMP TABLE zeeklog_raw(x)): then they are plain values
-- (seconds, bytes, scores), for CSV, JSON or a program.
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
span(lo, hi) AS MATERIALIZED (SELECT min(ts), max(ts) FROM conn),
pairs AS (
  SELECT id_orig_h AS src, id_resp_h AS dst, id_resp_p AS port, count(*) AS conns,
         sum(coalesce(orig_ip_bytes, 0) + coalesce(resp_ip_bytes, 0)) AS bytes,
         beacon_stats(ts, orig_ip_bytes, span.lo, span.hi) AS stats
  FROM conn, span
  WHERE ts IS NOT NULL
  GROUP BY id_orig_h, id_resp_h, id_resp_p
  HAVING count(*) >= 24
),
top AS (
  SELECT src, dst, port, conns, bytes,
         json_extract(stats, '$.score') AS score,
         json_extract(stats, '$.span') AS span_s,
         json_extract(stats, '$.ts.median') AS every_s,
         json_extract(stats, '$.ts.score') AS ts, json_extract(stats, '$.ds.score') AS ds,
         json_extract(stats, '$.dur.score') AS dur, json_extract(stats, '$.hist.score') AS hist
  FROM pairs
  WHERE json_extract(stats, '$.score') IS NOT NULL
  ORDER BY score DESC, conns DESC, src, dst, port
  LIMIT 20
),
r AS (
  SELECT *, CAST(span_s + 0.5 AS INTEGER) AS s1, CAST(every_s + 0.5 AS INTEGER) AS s2 FROM top
)
SELECT
  CASE WHEN raw THEN score ELSE printf('%.3f', score) END AS score,
  src, dst, port,
  CASE WHEN raw THEN conns ELSE printf('%,d', conns) END AS conns,
  CASE WHEN raw THEN span_s
       WHEN s1 < 60 THEN s1 || 's'
       WHEN s1 < 3600 THEN printf('%dm%02ds', s1 / 60, s1 % 60)
       WHEN s1 < 86400 THEN printf('%dh%02dm', s1 / 3600, s1 % 3600 / 60)
       ELSE printf('%dd%02dh', s1 / 86400, s1 % 86400 / 3600) END AS span,
  CASE WHEN raw THEN every_s
       WHEN s2 < 60 THEN s2 || 's'
       WHEN s2 < 3600 THEN printf('%dm%02ds', s2 / 60, s2 % 60)
       WHEN s2 < 86400 THEN printf('%dh%02dm', s2 / 3600, s2 % 3600 / 60)
       ELSE printf('%dd%02dh', s2 / 86400, s2 % 86400 / 3600) END AS every,
  CASE WHEN raw THEN bytes
       WHEN bytes < 1000 THEN bytes || ' B'
       WHEN bytes < 1e6 THEN printf('%.1f kB', CAST(bytes / 1e2 + 0.5 AS INTEGER) / 10.0)
       WHEN bytes < 1e9 THEN printf('%.1f MB', CAST(bytes / 1e5 + 0.5 AS INTEGER) / 10.0)
       ELSE printf('%.1f GB', CAST(bytes / 1e8 + 0.5 AS INTEGER) / 10.0) END AS bytes,
  CASE WHEN raw OR ts IS NULL THEN ts ELSE printf('%.2f', CAST(ts * 100 + 0.5 AS INTEGER) / 100.0) END AS ts,
  CASE WHEN raw OR ds IS NULL THEN ds ELSE printf('%.2f', CAST(ds * 100 + 0.5 AS INTEGER) / 100.0) END AS ds,
  CASE WHEN raw OR dur IS NULL THEN dur ELSE printf('%.2f', CAST(dur * 100 + 0.5 AS INTEGER) / 100.0) END AS dur,
  CASE WHEN raw OR hist IS NULL THEN hist ELSE printf('%.2f', CAST(hist * 100 + 0.5 AS INTEGER) / 100.0) END AS hist
FROM r, opt
ORDER BY r.score DESC, r.conns DESC, r.src, r.dst, r.port;

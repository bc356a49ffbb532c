-- title: Long connections: the longest single connections
--
-- The 10 connections with the longest duration: when they started (UTC),
-- their endpoints, port/protocol, service (Zeek's guess; - when none),
-- duration, payload bytes each way (orig_bytes out, resp_bytes in) and
-- conn_state. A command channel or a tunnel can stay open for hours; so do
-- VPNs, remote desktops, database pools and streaming. Zeek logs a
-- connection when it ends: one still open when the log was cut is missing,
-- or logged later with conn_state S1 (no close seen). Ties: earlier first.
--
-- Runs against a table or view named `conn` with Zeek conn.log columns;
-- see 01_beacons.sql for the number formatting (temp table zeeklog_raw).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
top AS (
  SELECT ts, id_orig_h AS src, id_resp_h AS dst, id_resp_p AS port, proto, service, duration,
         orig_bytes, resp_bytes, conn_state, uid
  FROM conn
  WHERE duration IS NOT NULL
  ORDER BY duration DESC, ts, uid
  LIMIT 10
),
r AS (SELECT *, CAST(duration + 0.5 AS INTEGER) AS s FROM top)
SELECT
  CASE WHEN raw THEN ts ELSE strftime('%Y-%m-%d %H:%M', ts, 'unixepoch') END AS start,
  src, dst,
  CASE WHEN raw THEN port ELSE port || '/' || proto END AS port,
  CASE WHEN raw OR length(service) <= 10 THEN service ELSE substr(service, 1, 9) || '+' END AS service,
  CASE WHEN raw THEN duration
       WHEN s < 60 THEN s || 's'
       WHEN s < 3600 THEN printf('%dm%02ds', s / 60, s % 60)
       WHEN s < 86400 THEN printf('%dh%02dm', s / 3600, s % 3600 / 60)
       ELSE printf('%dd%02dh', s / 86400, s % 86400 / 3600) END AS duration,
  CASE WHEN raw OR orig_bytes IS NULL THEN orig_bytes
       WHEN orig_bytes < 1000 THEN orig_bytes || ' B'
       WHEN orig_bytes < 1e6 THEN printf('%.1f kB', CAST(orig_bytes / 1e2 + 0.5 AS INTEGER) / 10.0)
       WHEN orig_bytes < 1e9 THEN printf('%.1f MB', CAST(orig_bytes / 1e5 + 0.5 AS INTEGER) / 10.0)
       ELSE printf('%.1f GB', CAST(orig_bytes / 1e8 + 0.5 AS INTEGER) / 10.0) END AS bytes_out,
  CASE WHEN raw OR resp_bytes IS NULL THEN resp_bytes
       WHEN resp_bytes < 1000 THEN resp_bytes || ' B'
       WHEN resp_bytes < 1e6 THEN printf('%.1f kB', CAST(resp_bytes / 1e2 + 0.5 AS INTEGER) / 10.0)
       WHEN resp_bytes < 1e9 THEN printf('%.1f MB', CAST(resp_bytes / 1e5 + 0.5 AS INTEGER) / 10.0)
       ELSE printf('%.1f GB', CAST(resp_bytes / 1e8 + 0.5 AS INTEGER) / 10.0) END AS bytes_in,
  conn_state AS state
FROM r, opt
ORDER BY r.duration DESC, r.ts, r.uid;

-- title: Suspicious URIs: examples per attack class, and who sent them
--
-- For each attack class (see 07a_attack_classes.sql), its 3 most requested
-- URIs (ties: text order), each with its request count and the source IPs
-- that sent it (up to 3, most requests first, then "+N" more). URIs show
-- bytes outside printable ASCII as \xNN, as Zeek's log writes them: odd bytes
-- (overlong UTF-8 is common in attacks) then neither break the table nor
-- make CSV/JSON output invalid UTF-8; formatted, a URI is cut to what fits a
-- 120-column line (at least 30 characters).
--
-- Runs against a table or view named `http`; it reads the connection's
-- table of flagged requests, zeeklog_attacks, which its first statement
-- makes if it is missing (attack_class() once per request). See
-- 01_status_codes.sql for the number formatting (temp table zeeklog_raw;
-- raw output keeps whole URIs and lists every IP).
-- setup: zeeklog_attacks
CREATE TEMP TABLE IF NOT EXISTS zeeklog_attacks AS
  SELECT attack_class(uri) AS class, uri, id_orig_h, count(*) AS rows
  FROM http
  WHERE attack_class(uri) IS NOT NULL
  GROUP BY 1, 2, 3;
-- report
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
pairs AS (
  SELECT class, uri, id_orig_h AS src_ip, rows AS n FROM temp.zeeklog_attacks
),
uris AS MATERIALIZED (
  SELECT class, uri, sum(n) AS requests, count(*) AS src_ips FROM pairs GROUP BY class, uri
),
-- Per class: its requests and the third-highest request count of its URIs;
-- only URIs with at least that many can be among its top 3, and only
-- those are ranked (a window over every URI costs more than the rest).
classes AS MATERIALIZED (
  SELECT class, sum(requests) AS class_requests,
         (SELECT v.requests FROM uris AS v WHERE v.class = u.class
          ORDER BY v.requests DESC LIMIT 1 OFFSET 2) AS third
  FROM uris AS u
  GROUP BY class
),
per_uri AS MATERIALIZED (
  SELECT u.*, c.class_requests,
         row_number() OVER (PARTITION BY u.class ORDER BY u.requests DESC, u.uri) AS rank
  FROM uris AS u JOIN classes AS c USING (class)
  WHERE u.requests >= coalesce(c.third, 0)
),
-- The sources of the URIs shown only.
ips AS MATERIALIZED (
  SELECT class, uri, src_ip,
         row_number() OVER (PARTITION BY class, uri ORDER BY n DESC, src_ip) AS k
  FROM pairs
  WHERE (class, uri) IN (SELECT class, uri FROM per_uri WHERE rank <= 3)
),
r AS (
  SELECT u.class, u.uri, u.requests, u.src_ips, u.rank, u.class_requests,
         (SELECT group_concat(src_ip, ', ') FROM
            (SELECT src_ip FROM ips
             WHERE ips.class = u.class AND ips.uri = u.uri
               AND (ips.k <= 3 OR (SELECT raw FROM opt))
             ORDER BY ips.k)) AS ip_list
  FROM per_uri AS u
  WHERE u.rank <= 3
),
-- Each URI shown (formatted: its first 200 bytes), bytes outside printable
-- ASCII as \xNN.
esc(class, rank, h, i, out) AS (
  SELECT class, rank,
         hex(CASE WHEN (SELECT raw FROM opt) THEN CAST(uri AS BLOB)
                  ELSE substr(CAST(uri AS BLOB), 1, 200) END), 1, ''
  FROM r
  UNION ALL
  SELECT class, rank, h, i + 2, out || CASE
           WHEN substr(h, i, 2) BETWEEN '20' AND '7E'
           THEN char((instr('0123456789ABCDEF', substr(h, i, 1)) - 1) * 16
                     + instr('0123456789ABCDEF', substr(h, i + 1, 1)) - 1)
           ELSE '\x' || lower(substr(h, i, 2)) END
  FROM esc
  WHERE i < length(h)
),
shown AS (SELECT class, rank, out FROM esc WHERE i >= length(h)),
f AS (
  SELECT r.class, r.rank, r.class_requests, s.out, length(CAST(r.uri AS BLOB)) AS bytes,
         r.requests, printf('%,d', r.requests) AS requests_s,
         CASE WHEN (SELECT raw FROM opt) OR r.src_ips <= 3 THEN r.ip_list
              ELSE r.ip_list || ' +' || (r.src_ips - 3) END AS ips_s
  FROM r JOIN shown AS s ON s.class = r.class AND s.rank = r.rank
),
-- The URI gets what a 120-column box leaves (borders: 3 per column and 1).
w AS (
  SELECT *, max(30, 120 - 13 - max(12, max(length(coalesce(class, '-'))) OVER ())
                 - max(8, max(length(coalesce(requests_s, '-'))) OVER ())
                 - max(7, max(length(coalesce(ips_s, '-'))) OVER ())) AS uri_w
  FROM f
)
SELECT
  w.class AS attack_class,
  CASE WHEN raw THEN w.out
       WHEN length(w.out) <= uri_w AND w.bytes <= 200 THEN w.out
       ELSE substr(w.out, 1, uri_w - 1) || '…' END AS uri,
  CASE WHEN raw THEN w.requests ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  w.ips_s AS src_ips
FROM w, opt
ORDER BY w.class_requests DESC, w.class, w.rank;

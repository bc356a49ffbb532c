-- title: Suspicious URIs: examples per attack class, and who sent them
--
-- For each attack class (see 07a_attack_classes.sql), its 3 most requested
-- URIs (ties: text order), each with its request count and the source IPs
-- that sent it (up to 3, most requests first, then "+N" more).
--
-- Runs against a table or view named `http`; see 01_status_codes.sql for the
-- number formatting (temp table zeeklog_raw; raw output keeps whole URIs and
-- lists every IP). URIs show bytes outside printable ASCII as \xNN, as
-- Zeek's log writes them: odd bytes (overlong UTF-8 is common in attacks)
-- then neither break the table nor make CSV/JSON output invalid UTF-8. Formatted, a URI shows bytes outside printable ASCII as
-- \xNN (as Zeek's log does), so that odd bytes cannot break the table.
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
pairs AS MATERIALIZED (
  SELECT attack_class(uri) AS class, uri, id_orig_h AS src_ip, count(*) AS n
  FROM http
  WHERE attack_class(uri) IS NOT NULL
  GROUP BY 1, 2, 3
),
per_uri AS MATERIALIZED (
  SELECT class, uri, sum(n) AS requests, count(*) AS src_ips,
         sum(sum(n)) OVER (PARTITION BY class) AS class_requests,
         row_number() OVER (PARTITION BY class ORDER BY sum(n) DESC, uri) AS rank
  FROM pairs
  GROUP BY class, uri
),
ips AS MATERIALIZED (
  SELECT class, uri, src_ip,
         row_number() OVER (PARTITION BY class, uri ORDER BY n DESC, src_ip) AS k
  FROM pairs
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
shown AS (SELECT class, rank, out FROM esc WHERE i >= length(h))
SELECT
  r.class AS attack_class,
  CASE WHEN raw THEN s.out
       WHEN length(s.out) <= 60 AND length(CAST(r.uri AS BLOB)) <= 200 THEN s.out
       ELSE substr(s.out, 1, 57) || '...' END AS uri,
  CASE WHEN raw THEN r.requests ELSE printf('%*s', max(8, max(length(printf('%,d', r.requests))) OVER ()), printf('%,d', r.requests)) END AS requests,
  CASE WHEN raw OR r.src_ips <= 3 THEN r.ip_list
       ELSE r.ip_list || ' +' || (r.src_ips - 3) END AS src_ips
FROM r JOIN shown AS s ON s.class = r.class AND s.rank = r.rank, opt
ORDER BY r.class_requests DESC, r.class, r.rank;

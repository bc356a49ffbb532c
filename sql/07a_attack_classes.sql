-- title: Suspicious URIs: requests per attack class (attack_class)
--
-- Requests whose URI attack_class() flags (sqli, xss, traversal, lfi, rfi,
-- cmd_injection, or any class added to attack_signatures), per class: the
-- requests, distinct URIs, distinct source IPs, and the source IP that sent
-- the most of them with its count (ties: lower address as text). Most
-- requests first. 07b_attack_examples.sql shows example URIs.
--
-- Runs against a table or view named `http`; it reads the connection's
-- table of flagged requests, zeeklog_attacks (class, uri, id_orig_h, rows),
-- which its first statement makes if it is missing: attack_class() runs once
-- per request there. See 01_status_codes.sql for the number formatting
-- (temp table zeeklog_raw).
-- setup: zeeklog_attacks
CREATE TEMP TABLE IF NOT EXISTS zeeklog_attacks AS
  SELECT attack_class(uri) AS class, uri, id_orig_h, count(*) AS rows
  FROM http
  WHERE attack_class(uri) IS NOT NULL
  GROUP BY 1, 2, 3;
-- report
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
hits AS (
  SELECT class, uri, id_orig_h AS src_ip, rows AS n FROM temp.zeeklog_attacks
),
per_ip AS (
  SELECT class, src_ip, sum(n) AS n,
         row_number() OVER (PARTITION BY class ORDER BY sum(n) DESC, src_ip) AS rank
  FROM hits
  GROUP BY class, src_ip
),
per_class AS (
  SELECT class, sum(n) AS requests, count(DISTINCT uri) AS uris, count(DISTINCT src_ip) AS src_ips
  FROM hits
  GROUP BY class
),
r AS (
  SELECT c.*, p.src_ip AS top_src_ip, p.n AS top_src_requests,
         printf('%,d', c.requests) AS requests_s
  FROM per_class AS c JOIN per_ip AS p ON p.class = c.class AND p.rank = 1
)
SELECT
  r.class AS attack_class,
  CASE WHEN raw THEN r.requests
       ELSE printf('%*s', max(8, max(length(requests_s)) OVER ()), requests_s) END AS requests,
  CASE WHEN raw THEN r.uris ELSE printf('%*s', max(4, max(length(printf('%,d', r.uris))) OVER ()), printf('%,d', r.uris)) END AS uris,
  CASE WHEN raw THEN r.src_ips ELSE printf('%*s', max(7, max(length(printf('%,d', r.src_ips))) OVER ()), printf('%,d', r.src_ips)) END AS src_ips,
  r.top_src_ip,
  CASE WHEN raw THEN r.top_src_requests ELSE printf('%*s', max(16, max(length(printf('%,d', r.top_src_requests))) OVER ()), printf('%,d', r.top_src_requests)) END AS top_src_requests
FROM r, opt
ORDER BY r.requests DESC, r.class;

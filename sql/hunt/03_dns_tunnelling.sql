-- title: DNS tunnelling and exfiltration leads: domains with many subdomains
--
-- The 15 registered domains (registered_domain(); the suffix rule is in
-- docs/hunts.md) queried under the most distinct subdomains: data smuggled
-- out in DNS names, or commands smuggled in, makes one new name per chunk.
-- Per domain: subs (distinct subdomains: the part of the name left of the
-- domain, lower-cased, no trailing dot), queries (all queries for the
-- domain, its apex too), len (mean length of the distinct subdomains, dots
-- included), entropy (their mean shannon_entropy(), bits per character:
-- words sit near 3, random hex near 4, base32/base64 above), the query
-- types seen, how many hosts asked and the one that asked most. A lead, not
-- a verdict: CDNs, anti-virus and telemetry lookups also use long random
-- names. Ties: higher entropy (as shown), then the domain (text order).
--
-- Runs against a table or view named `dns` with Zeek dns.log columns:
--   CREATE VIRTUAL TABLE temp.dns USING zeek('dns.log');
--   .read sql/hunt/03_dns_tunnelling.sql
-- See 01_beacons.sql for the number formatting (temp table zeeklog_raw).
WITH
opt(raw) AS (SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE name = 'zeeklog_raw')),
named AS (
  SELECT name, registered_domain(name) AS domain, id_orig_h AS host, qtype_name AS qtype
  FROM (SELECT rtrim(lower(query), '.') AS name, id_orig_h, qtype_name FROM dns
        WHERE query IS NOT NULL)
),
queried AS (
  SELECT domain, count(*) AS queries, count(DISTINCT host) AS hosts, mode(host) AS top_host,
         json_group_array(DISTINCT qtype) AS qtypes_json
  FROM named
  WHERE domain IS NOT NULL
  GROUP BY domain
),
subs AS (
  SELECT domain, count(*) AS subs, avg(length(sub)) AS len, avg(shannon_entropy(sub)) AS entropy
  FROM (SELECT DISTINCT domain, substr(name, 1, length(name) - length(domain) - 1) AS sub
        FROM named WHERE domain IS NOT NULL AND length(name) > length(domain))
  GROUP BY domain
),
top AS (
  SELECT s.*, q.queries, q.hosts, q.top_host, q.qtypes_json
  FROM subs s JOIN queried q USING (domain)
  ORDER BY s.subs DESC, CAST(s.entropy * 100 + 0.5 AS INTEGER) DESC, s.domain
  LIMIT 15
),
r AS (
  SELECT *,
         (SELECT group_concat(value, ',') FROM
            (SELECT value FROM json_each(qtypes_json) WHERE value IS NOT NULL ORDER BY value))
           AS qtypes
  FROM top
)
SELECT
  CASE WHEN raw OR length(domain) <= 28 THEN domain ELSE '...' || substr(domain, -25) END AS domain,
  CASE WHEN raw THEN subs ELSE printf('%,d', subs) END AS subs,
  CASE WHEN raw THEN queries ELSE printf('%,d', queries) END AS queries,
  CASE WHEN raw THEN len ELSE printf('%.1f', CAST(len * 10 + 0.5 AS INTEGER) / 10.0) END AS len,
  CASE WHEN raw THEN entropy ELSE printf('%.2f', CAST(entropy * 100 + 0.5 AS INTEGER) / 100.0) END AS entropy,
  CASE WHEN raw OR length(qtypes) <= 14 THEN qtypes ELSE substr(qtypes, 1, 13) || '+' END AS qtypes,
  CASE WHEN raw THEN hosts ELSE printf('%,d', hosts) END AS hosts,
  top_host
FROM r, opt
ORDER BY r.subs DESC, CAST(r.entropy * 100 + 0.5 AS INTEGER) DESC, r.domain;

-- title: DNS tunnelling and exfiltration leads: many subdomains, few asking hosts
--
-- The 15 registered domains (registered_domain(); the suffix rule is in
-- docs/hunts.md) with the most distinct subdomains per asking host: data
-- smuggled out in DNS names, or commands smuggled in, makes one new name
-- per chunk, and few hosts do it; a CDN's many names are asked by many
-- hosts. Per domain: subs (distinct subdomains: the part of the name left
-- of the domain, lower-cased, no trailing dot), hosts (how many asked),
-- per_host (subs / hosts, the order), queries (all queries for the domain,
-- its apex too), len (mean length of the distinct subdomains, dots
-- included), entropy (their mean shannon_entropy(), bits per character:
-- words sit near 3, random hex near 4, base32/base64 above), the query
-- types seen and the host that asked most. A lead, not a verdict: behind
-- one resolver every query has the same asking host; anti-virus and
-- telemetry lookups also use long random names. Ties: more subdomains,
-- then higher entropy (as shown), then the domain (text order).
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
  SELECT s.*, q.queries, q.hosts, CAST(s.subs AS REAL) / q.hosts AS per_host, q.top_host,
         q.qtypes_json
  FROM subs s JOIN queried q USING (domain)
  ORDER BY per_host DESC, s.subs DESC, CAST(s.entropy * 100 + 0.5 AS INTEGER) DESC, s.domain
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
  CASE WHEN raw THEN hosts ELSE printf('%,d', hosts) END AS hosts,
  CASE WHEN raw OR per_host IS NULL THEN per_host
       ELSE printf('%.1f', CAST(per_host * 10 + 0.5 AS INTEGER) / 10.0) END AS per_host,
  CASE WHEN raw THEN queries ELSE printf('%,d', queries) END AS queries,
  CASE WHEN raw THEN len ELSE printf('%.1f', CAST(len * 10 + 0.5 AS INTEGER) / 10.0) END AS len,
  CASE WHEN raw THEN entropy ELSE printf('%.2f', CAST(entropy * 100 + 0.5 AS INTEGER) / 100.0) END AS entropy,
  CASE WHEN raw OR length(qtypes) <= 14 THEN qtypes ELSE substr(qtypes, 1, 13) || '+' END AS qtypes,
  top_host
FROM r, opt
ORDER BY r.per_host DESC, r.subs DESC, CAST(r.entropy * 100 + 0.5 AS INTEGER) DESC, r.domain;

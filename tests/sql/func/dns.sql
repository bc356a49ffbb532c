-- registered_domain(NAME) and shannon_entropy(X). Expected values by hand:
-- the suffix rule is names.h's (every TLD, plus the built-in multi-label
-- suffixes such as co.uk); entropy -sum p log2 p over the bytes.
.headers off
.mode list
.nullvalue NULL

SELECT 'plain', registered_domain('www.example.com'), registered_domain('example.com'),
       registered_domain('a.b.c.d.example.org');
SELECT 'multi-label', registered_domain('www.bbc.co.uk'), registered_domain('a.b.abc.com.au'),
       registered_domain('x.y.example.uk');
SELECT 'reverse', registered_domain('4.3.2.1.in-addr.arpa'), registered_domain('b.a.ip6.arpa');
SELECT 'case, root dot', registered_domain('WWW.BBC.Co.UK.'), registered_domain('Mail.Example.COM');
SELECT 'none', registered_domain('com'), registered_domain('co.uk'), registered_domain('wpad'),
       registered_domain(''), registered_domain('.'), registered_domain('a..example.com'),
       registered_domain('10.1.2.3'), registered_domain(NULL);
SELECT 'type', typeof(registered_domain('x.example.net')), typeof(registered_domain('net'));
-- the subdomain part, as the DNS hunt takes it
SELECT 'subdomain', substr(q, 1, length(q) - length(registered_domain(q)) - 1)
  FROM (SELECT rtrim(lower('A1B2.c3d4.Tunnel.Example.CO.UK.'), '.') AS q);
-- on the real dns.log: every query that has one ends with its registered domain
CREATE VIRTUAL TABLE temp.dns USING zeek('data/zat/dns.log');
SELECT 'zat dns', count(*), count(registered_domain(query)),
       sum(lower(query) LIKE '%' || registered_domain(query)),
       count(DISTINCT registered_domain(query))
  FROM dns;
SELECT 'zat domains', group_concat(d, ' ') FROM (
  SELECT DISTINCT registered_domain(query) AS d FROM dns ORDER BY d);

-- entropy: 'aabb' 1 bit; 'abcd' 2; 'aaab' 0.811278; 'aaaa' 0; '' 0;
-- x'00ff' 1; 64 distinct bytes once each: 6
SELECT 'entropy', shannon_entropy('aabb'), shannon_entropy('abcd'),
       round(shannon_entropy('aaab'), 6), shannon_entropy('aaaa'), shannon_entropy(''),
       shannon_entropy(x'00ff'), shannon_entropy(NULL);
SELECT 'entropy 64', shannon_entropy('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
-- numbers are read as their text: '1212' has two symbols
SELECT 'entropy number', shannon_entropy(1212), typeof(shannon_entropy(1212));
-- UTF-8 bytes, not characters: 'é' is c3 a9 -> 2 symbols
SELECT 'entropy utf8', shannon_entropy('é');

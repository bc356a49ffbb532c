-- mode(X): aggregate and window function.
-- Expected values are worked out by hand, or checked against a second method:
-- a plain GROUP BY x ORDER BY count(*) DESC, x LIMIT 1 (which groups INTEGER
-- 404 with REAL 404.0 and orders numbers < TEXT < BLOB, TEXT by bytes).
.headers off
.mode list
.nullvalue NULL

-- empty input, and only NULLs: NULL
SELECT 'empty', mode(x), typeof(mode(x)) FROM (SELECT 1 AS x WHERE 0);
SELECT 'all null', mode(x) FROM (SELECT NULL AS x UNION ALL SELECT NULL);
CREATE TABLE empty(g, x);
SELECT 'no groups', count(*) FROM (SELECT g, mode(x) FROM empty GROUP BY g);

-- the most frequent non-NULL value; NULLs do not count even when most frequent
CREATE TABLE status(code);
INSERT INTO status VALUES (200),(404),(200),(NULL),(NULL),(NULL),(NULL),(404),(200),(301);
SELECT 'status', mode(code), typeof(mode(code)) FROM status;  -- 200 x3

-- ties go to the smallest value in SQLite's order
CREATE TABLE v(k, x);
INSERT INTO v VALUES
  ('numbers',404),('numbers',200),('numbers',404),('numbers',200),('numbers',500),
  ('real',3),('real',2.5),('real',3),('real',2.5),
  ('negative',-1),('negative',-7),('negative',-1),('negative',-7),
  ('text/number','100'),('text/number',500),('text/number','100'),('text/number',500),
  ('text/blob',x'41'),('text/blob','B'),('text/blob',x'41'),('text/blob','B'),
  ('bytes','a'),('bytes','B'),('bytes','a'),('bytes','B'),('bytes','b'),('bytes','b'),
  ('prefix','GET /x'),('prefix','GET /'),('prefix','GET /x'),('prefix','GET /'),
  ('empty text',''),('empty text','a'),('empty text',''),('empty text','a');
SELECT 'tie numbers', mode(x) FROM v WHERE k = 'numbers';          -- 200
SELECT 'tie real', mode(x) FROM v WHERE k = 'real';                -- 2.5
SELECT 'tie negative', mode(x) FROM v WHERE k = 'negative';        -- -7
SELECT 'tie text/number', mode(x), typeof(mode(x)) FROM v WHERE k = 'text/number'; -- 500
SELECT 'tie text/blob', mode(x) FROM v WHERE k = 'text/blob';      -- B
SELECT 'tie by bytes', mode(x) FROM v WHERE k = 'bytes';           -- B (0x42 < 0x61)
SELECT 'tie prefix', mode(x) FROM v WHERE k = 'prefix';            -- GET /
SELECT 'tie empty text', mode(x), length(mode(x)) FROM v WHERE k = 'empty text'; -- ''
-- a column's NOCASE collation does not change the order: bytes ('B' < 'a')
CREATE TABLE nocase(x TEXT COLLATE NOCASE);
INSERT INTO nocase VALUES ('a'),('B'),('a'),('B');
SELECT 'nocase', mode(x) FROM nocase;  -- B

-- INTEGER 404 and REAL 404.0 are one value, as in GROUP BY
CREATE TABLE n(k, x);
INSERT INTO n VALUES
  ('int+real',404),('int+real',404.0),('int+real',200),
  ('real only',404.0),('real only',404.0),('real only',200),
  ('real first',404.0),('real first',200),('real first',404),
  ('2^53',9007199254740993),('2^53',9007199254740992.0),('2^53',9007199254740993);
SELECT 'int+real', mode(x), typeof(mode(x)) FROM n WHERE k = 'int+real';       -- 404 integer
SELECT 'real only', mode(x), typeof(mode(x)) FROM n WHERE k = 'real only';     -- 404.0 real
SELECT 'real first', mode(x), typeof(mode(x)) FROM n WHERE k = 'real first';   -- 404 integer
SELECT 'group by agrees', x = 404, count(*) FROM n WHERE k = 'int+real'
  GROUP BY x ORDER BY count(*) DESC, x LIMIT 1;                                 -- 1|2
-- 2^53+1 has no double: it stays apart from 2^53.0 (GROUP BY keeps them apart too)
SELECT 'beyond 2^53', mode(x) FROM n WHERE k = '2^53';                          -- ...993
SELECT 'group by 2^53', count(*) FROM (SELECT x FROM n WHERE k = '2^53' GROUP BY x); -- 2

-- values come back with their type
CREATE TABLE typed(k, x);
INSERT INTO typed VALUES
  ('text','200'),('text','200'),('text',404),
  ('blob',x'00ff'),('blob',x'00ff'),('blob',1),
  ('empty blob',x''),('empty blob',x''),('empty blob',1),
  ('long','Mozilla/5.0 (compatible; Nmap Scripting Engine)'),('long','curl/7.1'),
  ('long','Mozilla/5.0 (compatible; Nmap Scripting Engine)');
SELECT 'text', mode(x), typeof(mode(x)) FROM typed WHERE k = 'text';           -- 200 text
SELECT 'blob', hex(mode(x)), typeof(mode(x)) FROM typed WHERE k = 'blob';      -- 00FF blob
SELECT 'empty blob', hex(mode(x)), typeof(mode(x)), length(mode(x))
  FROM typed WHERE k = 'empty blob';                                            -- '' blob 0
SELECT 'long text', mode(x) FROM typed WHERE k = 'long';

-- GROUP BY: per group, against the second method
CREATE TABLE hits(host, code);
INSERT INTO hits VALUES
  ('a',200),('a',200),('a',404),
  ('b',404),('b',403),('b',403),('b',404),
  ('c',NULL),('c',NULL),
  ('d','x'),('d',1.5),('d',1.5),('d','x'),('d',x'01'),('d',x'01');
SELECT 'by host', host, mode(code) FROM hits GROUP BY host ORDER BY host;
SELECT 'by host mismatches', count(*) FROM (
  SELECT host, mode(code) AS m FROM hits GROUP BY host) AS g
  WHERE m IS NOT (SELECT code FROM hits AS h WHERE h.host = g.host AND code IS NOT NULL
                  GROUP BY code ORDER BY count(*) DESC, code LIMIT 1);

-- window frames: a small case by hand
CREATE TABLE w(i INTEGER PRIMARY KEY, x);
INSERT INTO w VALUES (1,200),(2,404),(3,404),(4,NULL),(5,200),(6,200),(7,'x'),(8,'x'),(9,'x');
-- frames: {200} {200,404} {200,404,404} {404,404,-} {404,-,200} {-,200,200}
--         {200,200,x} {200,x,x} {x,x,x}
SELECT 'rows 2 preceding', group_concat(m, ' ') FROM (
  SELECT mode(x) OVER (ORDER BY i ROWS 2 PRECEDING) AS m FROM w ORDER BY i);
-- frames: {} {200} {200,404} {404,404} {404,-} {-,200} {200,200} {200,x} {x,x}
SELECT 'two before', group_concat(m, ' ') FROM (
  SELECT coalesce(mode(x) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING), '-') AS m
  FROM w ORDER BY i);
SELECT 'whole partition', group_concat(m, ' ') FROM (
  SELECT mode(x) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS m
  FROM w ORDER BY i);  -- 200 x3, 404 x2, x x3: 200 (numbers first)
SELECT 'running', group_concat(m, ' ') FROM (
  SELECT mode(x) OVER (ORDER BY i) AS m FROM w ORDER BY i);
-- 200 200(tie) 404 404 200(tie 2:2) 200 200 200 200(tie 3:3, number first)
SELECT 'partitioned', group_concat(m, ' ') FROM (
  SELECT mode(x) OVER (PARTITION BY i % 2 ORDER BY i ROWS 1 PRECEDING) AS m FROM w ORDER BY i);
-- odd i 1,3,5,7,9: {200} {200,404} {404,200} {200,x} {x,x}
-- even i 2,4,6,8:  {404} {404,-} {-,200} {200,x}
-- in i order: 200 404 200 404 200 200 200 200 x

-- the INTEGER form shows while an INTEGER occurrence is in the frame
CREATE TABLE ir(i INTEGER PRIMARY KEY, x);
INSERT INTO ir VALUES (1,404),(2,404.0),(3,404.0),(4,7);
SELECT 'int leaves', group_concat(m || ':' || t, ' ') FROM (
  SELECT mode(x) OVER w AS m, typeof(mode(x) OVER w) AS t FROM ir
  WINDOW w AS (ORDER BY i ROWS 1 PRECEDING) ORDER BY i);
-- {404} {404,404.0} {404.0,404.0} {404.0,7}: tie, 7 is smaller

-- window frames: 3000 rows against a correlated subquery over the same frame
CREATE TABLE many(i INTEGER PRIMARY KEY, x);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO many SELECT i, CASE i % 17 WHEN 0 THEN NULL
                                       WHEN 1 THEN 'txt' || (i * 7 % 3)
                                       WHEN 2 THEN (i * 13 % 5) + 0.5
                                       WHEN 3 THEN CAST(i * 11 % 6 AS REAL)
                                       ELSE (i * i * 7 + 3 * i) % 6 END FROM n;
SELECT 'rows 9 preceding mismatches', count(*) FROM (
  SELECT i, mode(x) OVER (ORDER BY i ROWS 9 PRECEDING) AS m FROM many) AS f
  WHERE m IS NOT (SELECT x FROM many AS g WHERE g.i BETWEEN f.i - 9 AND f.i AND x IS NOT NULL
                  GROUP BY x ORDER BY count(*) DESC, x LIMIT 1);
SELECT 'rows 999 preceding mismatches', count(*) FROM (
  SELECT i, mode(x) OVER (ORDER BY i ROWS 999 PRECEDING) AS m FROM many) AS f
  WHERE m IS NOT (SELECT x FROM many AS g WHERE g.i BETWEEN f.i - 999 AND f.i AND x IS NOT NULL
                  GROUP BY x ORDER BY count(*) DESC, x LIMIT 1);
SELECT 'centred frame mismatches', count(*) FROM (
  SELECT i, mode(x) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS m FROM many) AS f
  WHERE m IS NOT (SELECT x FROM many AS g WHERE g.i BETWEEN f.i - 3 AND f.i + 3 AND x IS NOT NULL
                  GROUP BY x ORDER BY count(*) DESC, x LIMIT 1);
SELECT 'range frame mismatches', count(*) FROM (
  SELECT i, mode(x) OVER (ORDER BY i RANGE BETWEEN 5 PRECEDING AND 2 FOLLOWING) AS m FROM many) AS f
  WHERE m IS NOT (SELECT x FROM many AS g WHERE g.i BETWEEN f.i - 5 AND f.i + 2 AND x IS NOT NULL
                  GROUP BY x ORDER BY count(*) DESC, x LIMIT 1);
-- types: INTEGER when an INTEGER occurrence of the value is in the frame
SELECT 'frame type mismatches', count(*) FROM (
  SELECT i, mode(x) OVER (ORDER BY i ROWS 4 PRECEDING) AS m FROM many) AS f
  WHERE typeof(m) IS NOT CASE
    WHEN m IS NULL THEN 'null'
    WHEN EXISTS (SELECT 1 FROM many AS g WHERE g.i BETWEEN f.i - 4 AND f.i AND g.x = f.m
                 AND typeof(g.x) = 'integer') THEN 'integer'
    ELSE (SELECT typeof(x) FROM many AS g WHERE g.i BETWEEN f.i - 4 AND f.i AND g.x = f.m)
  END;
SELECT 'frames with int and real of one value', count(*) > 0 FROM many AS f
  WHERE EXISTS (SELECT 1 FROM many AS a, many AS b
                WHERE a.i BETWEEN f.i - 4 AND f.i AND b.i BETWEEN f.i - 4 AND f.i
                  AND a.x = b.x AND typeof(a.x) = 'integer' AND typeof(b.x) = 'real');

-- a whole table, many rows and distinct values, against GROUP BY
CREATE TABLE big(x);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO big SELECT CASE WHEN i % 3 = 0 THEN 'ip-' || (i * 7919 % 50021)
                            ELSE i * 104729 % 65537 END FROM n;
SELECT 'big agrees', mode(x) IS (SELECT x FROM big GROUP BY x ORDER BY count(*) DESC, x LIMIT 1)
  FROM big;
SELECT 'big distinct', count(DISTINCT x) > 100000 FROM big;

-- issue 12: the counting table is allocated from SQLite's heap, so a hard heap limit stops
-- a mode() over a million distinct values (it used to reach 346 MiB under a 50 MB limit)
PRAGMA hard_heap_limit = 20000000;
SELECT mode(x) FROM (SELECT printf('%030d', value) AS x FROM generate_series(1, 1000000));
SELECT 'under the limit', mode(x) FROM (SELECT value % 7 AS x FROM generate_series(1, 100));

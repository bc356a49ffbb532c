-- median(X) and percentile(X, P): aggregate and window functions.
-- Expected values are worked out by hand (sorted lists written in the
-- comments) or against a second method in the same query (ORDER BY ...
-- LIMIT 1 OFFSET k for a value that falls on a rank).
.headers off
.mode list
.nullvalue NULL

-- no rows, only NULLs: NULL
SELECT 'empty', median(x), percentile(x, 90) FROM (SELECT 1 AS x WHERE 0);
SELECT 'all null', median(x) FROM (SELECT NULL AS x UNION ALL SELECT NULL);

-- 1..10: median (5+6)/2; P=25: ix 2.25 -> 3 + 0.25; P=90: ix 8.1 -> 9.1
CREATE TABLE t(g, x);
INSERT INTO t VALUES ('a',7),('a',1),('a',9),('a',2),('a',10),('a',3),('a',8),('a',4),('a',6),('a',5),
                     ('b',NULL),('b',-2.5),('b',4),('b',NULL),('b',100);
SELECT 'median 1..10', median(x), typeof(median(x)) FROM t WHERE g = 'a';
SELECT 'percentiles', percentile(x, 0), percentile(x, 25), percentile(x, 90), percentile(x, 100)
  FROM t WHERE g = 'a';
SELECT 'P as text number', percentile(x, '25') FROM t WHERE g = 'a';
-- NULLs are skipped: b is -2.5 4 100 -> median 4, P=75 ix 1.5 -> 52
SELECT 'by group', g, median(x), percentile(x, 75), count(x) FROM t GROUP BY g ORDER BY g;
-- an odd count: the median is the middle row (second method)
SELECT 'odd', median(x) = (SELECT x FROM t WHERE g = 'a' AND x < 10 ORDER BY x LIMIT 1 OFFSET 4)
  FROM t WHERE g = 'a' AND x < 10;

-- window: ROWS 2 PRECEDING over x in g='a' ordered by x (1..10):
-- frames {1} {1,2} {1,2,3} {2,3,4} ... -> medians 1, 1.5, 2, 3, ..., 9
SELECT 'rolling', group_concat(m, ' ') FROM (
  SELECT median(x) OVER (ORDER BY x ROWS 2 PRECEDING) AS m FROM t WHERE g = 'a' ORDER BY x);
-- in arrival (rowid) order 7 1 9 2 10 3 8 4 6 5, frames of 3:
-- {7} {7,1} {7,1,9} {1,9,2} {9,2,10} {2,10,3} {10,3,8} {3,8,4} {8,4,6} {4,6,5}
SELECT 'rolling rowid', group_concat(m, ' ') FROM (
  SELECT median(x) OVER (ORDER BY rowid ROWS 2 PRECEDING) AS m FROM t WHERE g = 'a' ORDER BY rowid);
-- a frame that moves in from both sides; P=25 of {7,1,9}: ix 0.5 -> 4; ...
SELECT 'sliding p25', group_concat(m, ' ') FROM (
  SELECT percentile(x, 25) OVER (ORDER BY rowid ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS m
  FROM t WHERE g = 'a' ORDER BY rowid);
-- partitions, and the whole partition as the frame
SELECT 'partition', g, x, median(x) OVER (PARTITION BY g) FROM t WHERE x IS NOT NULL AND (g = 'b' OR x <= 2)
  ORDER BY g, x;
-- NULL rows entering and leaving a frame change nothing
SELECT 'null frames', group_concat(coalesce(m, 'NULL'), ' ') FROM (
  SELECT median(x) OVER (ORDER BY rowid ROWS 1 PRECEDING) AS m FROM t WHERE g = 'b' ORDER BY rowid);

-- duplicates and removal of one copy: 2 2 2 -> remove one 2 at a time
CREATE TABLE d(i INTEGER PRIMARY KEY, x);
INSERT INTO d(x) VALUES (2),(2),(5),(2),(9);
SELECT 'dups', group_concat(m, ' ') FROM (
  SELECT median(x) OVER (ORDER BY i ROWS 1 PRECEDING) AS m FROM d ORDER BY i);

-- infinities are values: -inf 1 2 inf
CREATE TABLE inf(x);
INSERT INTO inf VALUES (1e999),(1),(2),(-1e999);
SELECT 'inf', median(x), percentile(x, 0), percentile(x, 100), percentile(x, 10), percentile(x, 90) FROM inf;
SELECT 'inf..-inf', percentile(x, 50) FROM inf WHERE x > 1e300 OR x < -1e300;

-- INTEGER and REAL mix; a large count (second method: 1..1001 has median 501)
SELECT 'mixed', median(x) FROM (SELECT 1 AS x UNION ALL SELECT 2.5 UNION ALL SELECT 4);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)
SELECT 'large', median(i), percentile(i, 10), percentile(1002 - i, 99.9) FROM n;

-- errors
SELECT 'P too big', percentile(x, 101) FROM t;
SELECT 'P negative', percentile(x, -0.5) FROM t;
SELECT 'P text', percentile(x, 'half') FROM t;
SELECT 'P null', percentile(x, NULL) FROM t;
SELECT 'P varies', percentile(x, rowid) FROM t;
SELECT 'P varies a little', percentile(x, 50 + rowid * 0.0001) FROM t WHERE g = 'a';
SELECT 'X text', median(x) FROM (SELECT 'abc' AS x);
SELECT 'X blob', percentile(x, 5) FROM (SELECT x'00' AS x);
SELECT 'arity', median(1, 2);

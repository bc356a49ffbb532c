-- beacon_score(ts [, bytes [, start, end]]) and beacon_stats(...), aggregates.
-- Expected values are worked out by hand (the working is in
-- tests/unit/func/test_beacon.c for the same series); larger series are
-- checked against a second method by tests/scripts/test_hunts.sh.
.headers off
.mode list
.nullvalue NULL

-- 0 60 120 180 240: intervals all 60 -> ts 1; bins 0 6 12 18 23 -> 5 bars:
-- no duration part, no histogram part; no sizes -> (1 + 0 + 0) / 3
CREATE TABLE p(g, ts, bytes);
INSERT INTO p VALUES ('perfect',180.9,NULL),('perfect',0.2,NULL),('perfect',240,NULL),
                     ('perfect',60.5,NULL),('perfect',120,NULL);
-- 0 10 30 60 160 240 with sizes 100 x4, 1000, and one without: 0.592
INSERT INTO p VALUES ('skewed',60,100),('skewed',0,100),('skewed',160,1000),('skewed',240,NULL),
                     ('skewed',10,100),('skewed',30,100);
SELECT 'perfect', beacon_score(ts), beacon_score(ts, bytes), typeof(beacon_score(ts))
  FROM p WHERE g = 'perfect';
SELECT 'skewed', beacon_score(ts, bytes) FROM p WHERE g = 'skewed';
-- the same rows in another order give the same answer
SELECT 'any order', beacon_score(ts, bytes) FROM (SELECT * FROM p WHERE g = 'skewed' ORDER BY ts DESC);
SELECT 'stats', json_extract(s, '$.count'), json_extract(s, '$.unique'), json_extract(s, '$.span'),
       json_extract(s, '$.ts.q1'), json_extract(s, '$.ts.median'), json_extract(s, '$.ts.q3'),
       json_extract(s, '$.ts.skew'), json_extract(s, '$.ts.mad'), json_extract(s, '$.ts.score'),
       json_extract(s, '$.ds.sizes'), json_extract(s, '$.ds.q3'), json_extract(s, '$.ds.score'),
       json_extract(s, '$.hist.bars'), json_extract(s, '$.hist.longest_run'),
       json_extract(s, '$.dur.consistency'), json_extract(s, '$.dur.score'), json_extract(s, '$.score')
  FROM (SELECT beacon_stats(ts, bytes) AS s FROM p WHERE g = 'skewed');
SELECT 'bins', json_extract(beacon_stats(ts, bytes), '$.hist.bins') FROM p WHERE g = 'skewed';
SELECT 'keys', group_concat(key, ' ') FROM json_each((SELECT beacon_stats(ts, bytes) FROM p WHERE g = 'skewed'));
SELECT 'ts keys', group_concat(key, ' ') FROM json_each((SELECT beacon_stats(ts) FROM p WHERE g = 'perfect'), '$.ts');
SELECT 'no sizes', json_type(beacon_stats(ts), '$.ds') FROM p WHERE g = 'perfect';
-- by group
SELECT 'by group', g, beacon_score(ts, bytes) FROM p GROUP BY g ORDER BY g;

-- a span given: the perfect series inside 0..2400 has 5 slices of 100 used
-- (0 0 1 1 2 -> bins 0,0,1,1,2): 3 bars -> no duration; CV > 1 -> 0
SELECT 'span', beacon_score(ts, NULL, 0, 2400), json_extract(beacon_stats(ts, NULL, 0, 2400), '$.hist.bars'),
       json_extract(beacon_stats(ts, NULL, 0, 2400), '$.dur.span_end')
  FROM p WHERE g = 'perfect';
-- start and end as ISO-8601 text; NULL, NULL means the group's own span
SELECT 'iso span', beacon_score(ts, NULL, '1970-01-01T00:00:00Z', '1970-01-01 00:40:00')
  FROM p WHERE g = 'perfect';
SELECT 'null span', beacon_score(ts, bytes, NULL, NULL) = beacon_score(ts, bytes) FROM p WHERE g = 'skewed';

-- ISO-8601 text times (ts_iso) equal epoch seconds
SELECT 'iso ts', beacon_score(datetime(ts, 'unixepoch')) = beacon_score(ts) FROM p WHERE g = 'perfect';

-- too few distinct seconds (5.1 5.9 6 7.99 -> 5 5 6 7): score NULL, stats counts
CREATE TABLE few(ts);
INSERT INTO few VALUES (5.1),(5.9),(6),(7.99),(NULL);
SELECT 'few', beacon_score(ts), beacon_stats(ts) FROM few;
-- no rows, or only NULL times: both NULL
SELECT 'empty', beacon_score(ts), beacon_stats(ts) FROM few WHERE ts > 100;
SELECT 'null ts', beacon_score(ts), beacon_stats(ts) FROM few WHERE ts IS NULL;

-- a planted beacon in SQL: every 60 s +-2 s over a day (1440), sizes 500..502
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 1439)
SELECT 'day of beacons', beacon_score(i * 60 + (i * 7 % 5) - 2, 500 + i % 3) >= 0.99,
       json_extract(beacon_stats(i * 60 + (i * 7 % 5) - 2, 500 + i % 3), '$.ts.median')
  FROM s;

-- more than 86,400 points: the earliest 86,400 are kept, all are counted
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 86409)
SELECT 'kept', json_extract(b, '$.count'), json_extract(b, '$.kept'), json_extract(b, '$.last')
  FROM (SELECT beacon_stats(86409 - i) AS b FROM s);

-- errors
SELECT 'bad ts', beacon_score(ts) FROM (SELECT 'yesterday' AS ts);
SELECT 'inf ts', beacon_score(ts) FROM (SELECT 1e999 AS ts);
SELECT 'blob bytes', beacon_score(ts, x'00') FROM p;
SELECT 'half span', beacon_score(ts, bytes, 0, NULL) FROM p;
SELECT 'moving span', beacon_score(ts, bytes, 0, ts + 1000) FROM p;
SELECT 'backwards span', beacon_score(ts, bytes, 100, 50) FROM p;
SELECT 'arity', beacon_score(1, 2, 3);

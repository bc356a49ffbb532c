-- time_bucket(TS, WIDTH). Expected values are worked out by hand (epochs
-- checked with `date -u -d @N`) or against a second method in the same query.
--   1331901234 = 2012-03-16 12:33:54 UTC (a Friday)
.headers off
.mode list
.nullvalue NULL

-- REAL epoch seconds -> REAL; INTEGER -> INTEGER
SELECT 'real', time_bucket(1331901234.5, 300), typeof(time_bucket(1331901234.5, 300));
SELECT 'integer', time_bucket(1331901234, 3600), typeof(time_bucket(1331901234, 3600));
SELECT 'whole real width', time_bucket(1331901234, 3600.0), typeof(time_bucket(1331901234, 3600.0));
SELECT 'on the edge', time_bucket(1331899200, 3600), time_bucket(1331899199.999999, 3600);
SELECT 'fractional width', time_bucket(1331901234.75, 0.5), time_bucket(7.4, 2.5);
-- an INTEGER time with a fractional width: the start may be fractional, so REAL
SELECT 'int, fractional width', time_bucket(8, 2.5), typeof(time_bucket(8, 2.5)),
       time_bucket(7, 2.5);
SELECT 'negative', time_bucket(-1, 300), time_bucket(-300, 300), time_bucket(-301, 300),
       time_bucket(-0.5, 1), time_bucket(-10.5, 10);
SELECT 'epoch', time_bucket(0, 86400), time_bucket(0.0, '1 week');
SELECT 'int64 ends', time_bucket(9223372036854775807, 10), time_bucket(-9223372036854775808, 8);

-- every unit, on 2012-03-16 12:33:54; second method: integer division
CREATE TABLE units(width, seconds);
INSERT INTO units VALUES
  ('30s',30),('30 s',30),('1 sec',1),('45 secs',45),('second',1),('2 seconds',2),
  ('1m',60),('min',60),('15 min',900),('10 mins',600),('1 minute',60),('5 minutes',300),
  ('h',3600),('1 hr',3600),('3 hrs',10800),('hour',3600),('1 hour',3600),('2 hours',7200),
  ('1.5h',5400),('1d',86400),('day',86400),('1 day',86400),('2 days',172800),
  ('1w',604800),('week',604800),('1 week',604800),('2 weeks',1209600),
  ('1 HOUR',3600),('  5 Minutes  ',300),('3600',3600),('900.0',900);
SELECT 'unit', width, time_bucket(1331901234, width) FROM units ORDER BY rowid;
SELECT 'unit mismatches', count(*) FROM units
  WHERE time_bucket(1331901234, width) IS NOT 1331901234 / seconds * seconds
     OR time_bucket(1331901234, width) IS NOT time_bucket(1331901234, seconds);
-- sub-second units, where ISO text is exact
SELECT 'sub-second', time_bucket('2012-03-16T12:33:54.567891Z', '250ms'),
       time_bucket('2012-03-16T12:33:54.567891Z', '1 ms'),
       time_bucket('2012-03-16T12:33:54.567891Z', '10us'),
       time_bucket('2012-03-16T12:33:54.567891Z', '1 microsecond'),
       time_bucket('2012-03-16T12:33:54.567891Z', 0.1);

-- ISO-8601 text -> text in the same layout
SELECT 'zeek ts_iso', time_bucket('2012-03-16T12:30:00.009999Z', '1 hour');
SELECT 'seconds', time_bucket('2012-03-16 12:33:54', '15 min');
SELECT 'minutes', time_bucket('2012-03-16T12:33', '5 minutes');
SELECT 'millis', time_bucket('2012-03-16 12:33:54.567', '1 s');
SELECT 'date only', time_bucket('2012-03-16', '1 week'), time_bucket('2012-03-16', 'day');
SELECT 'widened', time_bucket('2012-03-16', '7 hours'), time_bucket('2012-03-16T12:33', 7);
SELECT 'zone offset', time_bucket('2012-03-16T14:33:54+02:00', 'hour'),
       time_bucket('2012-03-16T14:33:54+02:00', 'day');
SELECT 'before 1970', time_bucket('1969-12-31T23:59:59.5Z', 1),
       time_bucket('1969-07-20 20:17:40', '1 day');
-- what SQLite's date functions make of the answer
SELECT 'sqlite reads it', strftime('%s', time_bucket('2012-03-16T12:30:00.009999Z', 'hour')),
       datetime(time_bucket('2012-03-16T12:30:00.009999Z', 'hour'));

-- REAL and ISO text agree: 400 times 2h9m37.125s apart, in five widths
CREATE TABLE times(ts REAL, iso TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 399)
INSERT INTO times SELECT 1331901234.5 + i * 7777.125 - 1500000,
                         strftime('%Y-%m-%dT%H:%M:%fZ', 1331901234.5 + i * 7777.125 - 1500000,
                                  'unixepoch') FROM n;
SELECT 'real vs iso mismatches', count(*) FROM times, (VALUES ('1 min'),('15 min'),('1 hour'),
                                                              ('1 day'),('1 week')) AS w
  WHERE time_bucket(iso, w.column1)
        IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', time_bucket(ts, w.column1), 'unixepoch');
SELECT 'hourly groups', count(*) FROM (SELECT time_bucket(ts, '1 hour') FROM times GROUP BY 1);
SELECT 'hourly groups, second method', count(DISTINCT CAST(ts / 3600 AS INTEGER)) FROM times;
SELECT 'starts hold their times', count(*) FROM times
  WHERE NOT (time_bucket(ts, 900) <= ts AND ts < time_bucket(ts, 900) + 900);

-- NULL in, NULL out (even with a bad other argument)
SELECT 'null', time_bucket(NULL, 60), time_bucket(1331901234, NULL),
       time_bucket(NULL, 'bogus'), time_bucket('bogus', NULL);

-- errors name the function and the bad value
SELECT time_bucket(1331901234, '2 fortnights');
SELECT time_bucket(1331901234, '1 month');
SELECT time_bucket(1331901234, '');
SELECT time_bucket(1331901234, 0);
SELECT time_bucket(1331901234, -5);
SELECT time_bucket(1331901234, x'3630');
SELECT time_bucket('yesterday', '1 hour');
SELECT time_bucket('2012-02-30 12:00:00', '1 hour');
SELECT time_bucket('12:30:00', '1 hour');
SELECT time_bucket('1331901234', '1 hour');
SELECT time_bucket(x'00', '1 hour');
SELECT time_bucket('2012-03-16T12:30:00Z', 0.0000001);
SELECT time_bucket(-9223372036854775807, 10);
SELECT time_bucket(1e999, 60);
SELECT time_bucket('0000-01-01T00:30:00+01:00', 'day');
SELECT time_bucket(1331901234);

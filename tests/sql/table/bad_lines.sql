-- Bad lines (wrong field count; count/time/bool that does not parse) are skipped by default
-- and counted by zeek_skipped(); strict=1 makes the first one an error naming file:line.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.b USING zeek('logs/bad_lines.log');
SELECT ts, n, s, b, _line FROM b;
SELECT zeek_skipped('b');
SELECT count(*) FROM b;
SELECT zeek_skipped('b');
CREATE VIRTUAL TABLE temp.s USING zeek('logs/bad_lines.log', strict=1);
SELECT count(*) FROM s;
CREATE VIRTUAL TABLE temp.s0 USING zeek('logs/bad_lines.log', strict=0);
SELECT count(*) FROM s0;
SELECT 'still alive';

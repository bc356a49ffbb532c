-- Bro 2.0-2.2 wrote table[T] for sets: same mapping as set[T]. No #open, no #close.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/bro20_table.log');
SELECT name, type FROM pragma_table_info('t');
SELECT ts, tags, proxied, nums FROM t;
SELECT sum(value) FROM t, json_each(t.nums);

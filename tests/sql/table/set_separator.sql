-- A custom #set_separator (';'): sets/vectors split on ';', a ',' is element text,
-- '\x3b' inside an element is a literal ';'.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/set_separator_semicolon.log');
SELECT ts, s, c, v FROM t;
SELECT value FROM t, json_each(t.s) WHERE t.ts = 1;
SELECT sum(value), group_concat(typeof(value)) FROM t, json_each(t.c);

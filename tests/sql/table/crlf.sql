-- CRLF line ends: the '\r' is not part of the last field (header or data).
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/crlf.log');
SELECT name, length(name) FROM pragma_table_info('t');
SELECT ts, s, length(s), v FROM t;
SELECT count(*) FROM t WHERE instr(s, char(13)) OR instr(v, char(13));
SELECT value FROM t, json_each(t.v) WHERE ts = 1;
SELECT zeek_skipped('t');

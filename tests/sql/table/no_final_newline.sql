-- A last line without a newline is still a row.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/no_final_newline.log');
SELECT ts, s, n, _line FROM t;
SELECT zeek_skipped('t');

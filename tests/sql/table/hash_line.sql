-- A value starting with '#' is written '\x23...'; such a data line is a row, not a header.
-- (No field named ts here: no ts_iso column.)
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/hash_data_line.log');
SELECT name, type FROM pragma_table_info('t');
SELECT name, n FROM t;

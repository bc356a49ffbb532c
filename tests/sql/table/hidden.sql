-- Hidden columns _file and _line: selectable by name, not part of SELECT *.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/concat_same.log');
SELECT name FROM pragma_table_info('t');
SELECT name, hidden FROM pragma_table_xinfo('t') WHERE name IN ('_file', '_line');
CREATE TEMP TABLE star AS SELECT * FROM t;
SELECT name FROM pragma_table_info('star');
SELECT * FROM t LIMIT 1;
SELECT _file, _line, n FROM t;
SELECT n FROM t WHERE _line = 20;

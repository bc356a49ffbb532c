-- A custom #separator (\x7c = '|'): split on '|', '\x7c' inside a value is a literal '|',
-- a raw tab is ordinary text.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/separator_pipe.log');
SELECT name, type FROM pragma_table_info('t');
SELECT ts, replace(name, char(9), '<TAB>'), n, tags FROM t;
SELECT count(*) FROM t;

-- Option errors: unknown option, unknown schema, no path.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.a USING zeek('logs/concat_same.log', bogus=1);
CREATE VIRTUAL TABLE temp.b USING zeek(path='logs/headerless_http.log', schema='nosuch');
CREATE VIRTUAL TABLE temp.d USING zeek();
SELECT name FROM pragma_table_list WHERE schema = 'temp' AND name IN ('a','b','d');
CREATE VIRTUAL TABLE temp.ok USING zeek(path='logs/concat_same.log', strict=1);
SELECT count(*) FROM ok;
-- a typo in a fields= type is an error, not a silent TEXT column
CREATE VIRTUAL TABLE temp.typo USING zeek('logs/headerless_http.log', fields='ts:time n:cuont');
-- zeek_skipped() of a table that does not exist
SELECT zeek_skipped('no_such_table');

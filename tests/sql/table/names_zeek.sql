-- Column names: '.' -> '_' by default; names=zeek keeps Zeek's dotted names (quote them in SQL).
.nullvalue NULL
CREATE VIRTUAL TABLE temp.u USING zeek('logs/concat_same.log');
SELECT name FROM pragma_table_info('u');
CREATE VIRTUAL TABLE temp.z USING zeek('logs/concat_same.log', names=zeek);
SELECT name FROM pragma_table_info('z');
SELECT "id.orig_h", n FROM z;
CREATE VIRTUAL TABLE temp.z2 USING zeek(path='logs/headerless_http.log', schema='http', names='zeek');
SELECT name FROM pragma_table_info('z2') WHERE name LIKE 'id%';
SELECT count(*) FROM z2 WHERE "id.resp_p" = 80;

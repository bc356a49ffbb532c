-- The module is SQLITE_VTAB_DIRECTONLY: a zeek table (or zeek_http()) may be used from top-level
-- SQL, but not from a view or trigger stored in the main schema.
.nullvalue NULL
CREATE VIRTUAL TABLE main.t USING zeek('logs/concat_same.log');
SELECT count(*) FROM t;
CREATE VIEW v AS SELECT count(*) FROM t;
SELECT * FROM v;
CREATE VIEW vh AS SELECT count(*) FROM zeek_http('logs/headerless_http.log');
SELECT * FROM vh;
CREATE TABLE sink(x);
CREATE TABLE src(x);
CREATE TRIGGER tr AFTER INSERT ON src BEGIN INSERT INTO sink SELECT count(*) FROM t; END;
INSERT INTO src VALUES (1);
SELECT count(*) FROM sink;
-- top-level use of the same table still works
SELECT count(*) FROM t;
-- a TEMP view or trigger (not part of a stored schema) may use it
CREATE VIRTUAL TABLE temp.tt USING zeek('logs/concat_same.log');
CREATE TEMP VIEW tv AS SELECT count(*) FROM tt;
SELECT * FROM tv;
DROP TRIGGER tr;
CREATE TEMP TRIGGER ttr AFTER INSERT ON src BEGIN INSERT INTO sink SELECT count(*) FROM tt; END;
INSERT INTO src VALUES (2);
SELECT * FROM sink;

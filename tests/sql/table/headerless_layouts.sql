-- schema='http' on headerless files: each file is read by the http.log layout whose
-- field count matches its lines (Bro 2.0/2.1 26, Bro 2.2-2.4 27, Bro 2.5-2.6 29,
-- Zeek 3.0+ 30); the table's columns are the union of the layouts its files need
-- (the 27 Bro 2.x fields when no file is headerless). Expected values from awk over
-- the files: version is field 12 and status_code field 17 of the 30-field layout.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.h USING zeek('logs/headerless_http30.log', schema='http');
SELECT count(*) FROM pragma_table_info('h');
SELECT version, method, status_code FROM h;
-- a 27-field and a 30-field file: 31 fields (filename from Bro 2.x; version, origin,
-- orig_filenames, resp_filenames from Zeek 3), and ts_iso
CREATE VIRTUAL TABLE temp.b USING zeek('logs/headerless_http*.log', schema='http');
SELECT count(*) FROM pragma_table_info('b');
SELECT _file, count(*), count(version), sum(filename IS NULL) FROM b GROUP BY _file;
-- a line count no http layout has: every line bad, and the error says which counts exist
CREATE VIRTUAL TABLE temp.x USING zeek('logs/all_bad/headerless_4_fields.log', schema='http');
SELECT count(*) FROM x;

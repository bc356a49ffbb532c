-- The JSON column rules (SPEC; expected values worked out by hand from the files).
.nullvalue NULL
-- A standard log (its name says capture_loss): its built-in layout's types, so
-- ts_delta is an interval even where the log wrote 60.0; no row dropped.
CREATE VIRTUAL TABLE temp.cl USING zeek('logs/json/capture_loss.log');
SELECT ts_delta, typeof(ts_delta), gaps, typeof(gaps), percent_lost FROM cl;
-- _path names the log type; _write_ts is a time like ts (ISO text read as
-- epoch seconds); keys only the second line has (addl, peer) are columns too.
CREATE VIRTUAL TABLE temp.w USING zeek('logs/json/weird_stream.log');
SELECT printf('%.6f', _write_ts), typeof(_write_ts), name, addl, peer FROM w;
-- No log type: types inferred from the values of the sampled lines; an inferred
-- type never makes a line bad (n: 1, 2.5, 'three' -> the widest, text).
CREATE VIRTUAL TABLE temp.i USING zeek('logs/json/inferred.log');
SELECT name, type FROM pragma_table_info('i');
SELECT n, typeof(n), s, typeof(s), v FROM i;
-- A built-in layout's declared types do make a line bad: status_code is a count
-- in http's layout, so 2.5 is skipped; "404" written as a string is a count.
CREATE VIRTUAL TABLE temp.h USING zeek('logs/json/http.log');
SELECT uid, status_code, typeof(status_code) FROM h;
SELECT zeek_skipped('h');
CREATE VIRTUAL TABLE temp.hs USING zeek('logs/json/http.log', strict=1);
SELECT count(*) FROM hs;
-- zeek_http() over a JSON log whose _path names another log
SELECT count(*) FROM zeek_http('logs/json/conn_stream.json');

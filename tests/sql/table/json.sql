-- Zeek JSON logs (LogAscii::use_json=T): one object per line; without schema=/fields= (and
-- no log type in the name) the columns are the union of the sampled lines' keys, first-seen
-- order (extra, only in a later line, too); a key an object lacks (unset) is NULL; arrays are
-- JSON array text; true/false are 1/0; '-' is just text in JSON. ISO 8601 ts (TS_ISO8601).
.nullvalue NULL
CREATE VIRTUAL TABLE temp.j USING zeek('logs/json_basic.log');
SELECT name FROM pragma_table_info('j');
SELECT ts_iso, uid, id_orig_h, id_orig_p, status_code, ok, tags, replace(uri, char(9), '<TAB>') FROM j;
SELECT typeof(ts), typeof(id_orig_p), typeof(status_code), typeof(ok) FROM j LIMIT 1;
SELECT zeek_skipped('j');
CREATE VIRTUAL TABLE temp.jf USING zeek('logs/json_basic.log', fields='ts:time uid:string status_code:count extra:string');
SELECT name, type FROM pragma_table_info('jf');
SELECT ts, uid, status_code, extra FROM jf;
CREATE VIRTUAL TABLE temp.ji USING zeek('logs/json_iso_ts.log', fields='ts:time uid:string status_code:count');
SELECT printf('%.6f', ts), ts_iso, uid, status_code FROM ji;
SELECT count(*), sum(status_code) FROM zeek_http('logs/json_basic.log');

-- Headerless files: schema='http' (Bro 2.x, 27 fields) or fields='name:type ...';
-- with neither: an error that says what to add.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.h USING zeek(path='logs/headerless_http.log', schema='http');
SELECT count(*) FROM pragma_table_info('h');
SELECT group_concat(name, ' ') FROM pragma_table_info('h');
SELECT group_concat(type, ' ') FROM pragma_table_info('h');
SELECT ts_iso, uid, id_orig_h, id_orig_p, id_resp_p, method, uri, user_agent, status_code, tags, resp_fuids, resp_mime_types FROM h;
SELECT count(*), sum(status_code), sum(request_body_len), count(referrer) FROM h;
CREATE VIRTUAL TABLE temp.f USING zeek('logs/headerless_fields.log', fields='ts:time host:string n:count tags:set[string]');
SELECT name, type FROM pragma_table_info('f');
SELECT * FROM f;
CREATE VIRTUAL TABLE temp.n USING zeek('logs/headerless_http.log');
SELECT 'still alive';

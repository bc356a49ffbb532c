-- zeek_http(path): one fixed schema, the union of Bro 2.x and modern http.log fields, mapped
-- by name; fields a file lacks are NULL. Bro 2.x, Bro 2.0, modern Zeek and headerless files.
.nullvalue NULL
WITH req(name, type) AS (VALUES
  ('ts','REAL'),('ts_iso','TEXT'),('uid','TEXT'),('id_orig_h','TEXT'),('id_orig_p','INTEGER'),
  ('id_resp_h','TEXT'),('id_resp_p','INTEGER'),('trans_depth','INTEGER'),('method','TEXT'),
  ('host','TEXT'),('uri','TEXT'),('referrer','TEXT'),('version','TEXT'),('user_agent','TEXT'),
  ('origin','TEXT'),('request_body_len','INTEGER'),('response_body_len','INTEGER'),
  ('status_code','INTEGER'),('status_msg','TEXT'),('info_code','INTEGER'),('info_msg','TEXT'),
  ('filename','TEXT'),('tags','TEXT'),('username','TEXT'),('password','TEXT'),('proxied','TEXT'),
  ('orig_fuids','TEXT'),('orig_filenames','TEXT'),('orig_mime_types','TEXT'),
  ('resp_fuids','TEXT'),('resp_filenames','TEXT'),('resp_mime_types','TEXT'))
SELECT 'missing or wrong type:', req.name, req.type, p.type
  FROM req LEFT JOIN pragma_table_info('zeek_http') AS p USING (name)
 WHERE p.type IS NOT req.type;
SELECT 'zeek_http columns ok';
-- Bro 2.2 (zat): 27 fields, no version/origin/*_filenames
SELECT count(*), sum(status_code), count(version), count(origin), count(orig_filenames),
       count(resp_filenames), count(filename), count(tags)
  FROM zeek_http('data/zat/http.log');
SELECT uid, ts_iso, method, host, uri, tags, resp_mime_types, version
  FROM zeek_http('data/zat/http.log') LIMIT 1;
-- Bro 2.0 (26 fields: table[..], mime_type/md5/extraction_file, no *_fuids)
SELECT count(*), sum(response_body_len), count(resp_mime_types), count(resp_fuids), count(version)
  FROM zeek_http('data/zeek-btest/v2.0-http-mime-and-md5.http.log');
-- Zeek 3.2: 30 fields, no filename
SELECT count(*), sum(status_code), count(version), count(origin), count(filename),
       sum(response_body_len), count(resp_filenames), count(orig_filenames)
  FROM zeek_http('data/zeek-btest/v3.2.0-http-methods.http.log');
SELECT uid, version, origin, filename, uri, resp_filenames
  FROM zeek_http('data/zeek-btest/v3.2.0-http-methods.http.log') LIMIT 2;
-- headerless 27-field file
SELECT count(*), sum(status_code), count(version), count(origin)
  FROM zeek_http('logs/headerless_http.log');
SELECT uid, uri, user_agent FROM zeek_http('logs/headerless_http.log');
-- the path is not a visible column
SELECT count(*) FROM pragma_table_info('zeek_http') WHERE name IN ('path', '_file', '_line');

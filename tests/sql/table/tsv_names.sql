-- tsv=T logs: the header is one plain line of field names (no '#fields', no types).
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/tsv_names.log');
SELECT name FROM pragma_table_info('t') WHERE name <> 'ts_iso';
SELECT count(*) FROM t;
SELECT uid, id_orig_h, method, uri FROM t;
SELECT uid FROM t WHERE status_code = 404;
SELECT uid FROM t WHERE id_orig_p > 1030;
SELECT printf('%.6f', ts), ts_iso FROM t;

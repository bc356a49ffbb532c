-- zeek_attach(dir): one temp table per log type found in a directory, over all
-- that type's files (plain and gzip, rotated names, TSV; versions joined by
-- their union). Files of no known log type are left alone (README.txt, and
-- conn_summary.log: no such Zeek log). Counts from grep -vc '^#' on each file.
.nullvalue NULL
SELECT * FROM zeek_attach('logs/attach');
SELECT count(*) FROM conn;          -- conn.log: 4
SELECT count(*) FROM dns;           -- dns_2012-03-16.log: 22
SELECT count(*), count(DISTINCT _file) FROM http;   -- 4 + 2 from two files
-- the union of two http versions: tags and size from v1, method/host/uri from the other
SELECT count(*) FROM pragma_table_info('http') WHERE name IN ('method', 'size', 'tags');
-- a second call: the tables exist; 'replace' makes them again
SELECT * FROM zeek_attach('logs/attach');
SELECT count(*) FROM zeek_attach('logs/attach', 'replace');
SELECT * FROM zeek_attach('logs/attach', 'again');
SELECT * FROM zeek_attach('logs/nosuch');
SELECT * FROM zeek_attach('logs/attach/conn.log');
SELECT * FROM zeek_attach('tools');   -- a directory without logs

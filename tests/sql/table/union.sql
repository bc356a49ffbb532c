-- Files whose fields differ (a glob over an archive that spans a Zeek
-- upgrade) give one table: the union of their fields by column name, in
-- first-seen order; a field a file lacks is NULL; a field whose type differs
-- takes the wider type (count < double < string; set[count] + vector[string]
-- -> vector[string]). Expected values worked out by hand from v1.log/v2.log.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.u USING zeek('logs/union/v*.log');
SELECT name, type FROM pragma_table_info('u');
SELECT ts, id_orig_h, status_code, typeof(status_code), size, typeof(size), tags, version FROM u;
-- size over every row: 5 + 2.5 + 7 (one unset).
SELECT count(*), sum(size), count(size) FROM u;

-- Concatenated logs: a header block may repeat mid-file (#open/#close are ignored);
-- with the same fields the rows of both blocks are returned, _line counts the whole file.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/concat_same.log');
SELECT ts, id_orig_h, n, _line FROM t;
SELECT zeek_skipped('t');
-- A later block with a field the table has no column for (its values would be
-- lost): an error naming the file, the line and the field.
CREATE VIRTUAL TABLE temp.d USING zeek('logs/concat_diff.log');
SELECT count(*) FROM d;
SELECT 'still alive';

-- Header mistakes get messages that name the actual problem (file and line too).
-- A #separator written as '\t' rather than Zeek's byte escape \x09:
CREATE VIRTUAL TABLE temp.a USING zeek('logs/header_errors/separator_backslash_t.log');
-- A concatenated log whose second block has no #separator line and a #fields
-- line that disagrees with its own #types (not the first block's):
CREATE VIRTUAL TABLE temp.b USING zeek('logs/header_errors/second_block_mismatch.log');
SELECT count(*) FROM b;
-- zeek_http() over a log whose #path names another standard log:
SELECT count(*) FROM zeek_http('data/zat/conn.log');
SELECT 'still alive';

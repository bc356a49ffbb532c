-- \xNN and \\ are decoded (one pass: '\x5cx41' is the 4 characters \x41).
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/escapes.log');
SELECT id, hex(s) FROM t;
SELECT id, s FROM t WHERE id IN (2, 3, 4, 10, 11, 12);
SELECT id, length(s) FROM t WHERE id IN (7, 8);
SELECT s = char(9) FROM t WHERE id = 1;
SELECT s = '€' FROM t WHERE id = 7;

-- Custom #empty_field EMPTY and #unset_field NONE: then '-' and '(empty)' are plain text.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/markers_custom.log');
SELECT ts, a, b, s, n FROM t;
SELECT ts, typeof(a), typeof(b), typeof(s), typeof(n) FROM t;

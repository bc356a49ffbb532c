-- Markers are compared before unescaping: '\x2d' is the text '-', '\x28empty)' is '(empty)';
-- only a whole field equal to a marker is one.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/markers_escaped.log');
SELECT ts, a, b, s, v FROM t;
SELECT ts, typeof(a), typeof(b) FROM t WHERE ts = 2;

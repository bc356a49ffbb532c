-- A header wider than SQLite's column limit (2000 by default) is refused with a message
-- that says so, with the default max_fields (4096) and with a larger one.
CREATE VIRTUAL TABLE temp.w USING zeek('logs/wide_2500_fields.log');
CREATE VIRTUAL TABLE temp.w2 USING zeek('logs/wide_2500_fields.log', max_fields=3000);

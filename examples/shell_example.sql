-- zeeklog from the sqlite3 shell. From the repository's top:
--   sqlite3 < examples/shell_example.sql
-- (.load and .read paths are relative to the current directory.)
.load ./build/zeeklog
CREATE VIRTUAL TABLE temp.http USING zeek('examples/http.log');
.headers on
.mode box
.nullvalue -

-- Ad-hoc: who scanned, when, and how much of it failed.
SELECT scanner_ua(user_agent) AS scanner, id_orig_h AS src_ip, count(*) AS requests,
       substr(min(ts_iso), 12, 5) AS first, substr(max(ts_iso), 12, 5) AS last,
       mode(status_code) AS usual_status
FROM http
WHERE is_scanner_ua(user_agent)
GROUP BY 1, 2
ORDER BY requests DESC;

-- Saved reports.
.print ''
.print 'sql/03_hourly.sql'
.read sql/03_hourly.sql
.print ''
.print 'sql/07b_attack_examples.sql'
.read sql/07b_attack_examples.sql

-- scanner_ua / is_scanner_ua / attack_class over the scanner_signatures and
-- attack_signatures tables: real tool user agents and attack URIs, ordinary browsers and
-- URIs, and edits (INSERT, UPDATE, DELETE) changing the answers on this connection.
.nullvalue NULL
SELECT name FROM pragma_table_info('scanner_signatures');
SELECT count(*) FROM scanner_signatures;
SELECT rowid, name, category FROM scanner_signatures LIMIT 5;
SELECT * FROM scanner_signatures WHERE name = 'Nikto';
SELECT name, count(*) FROM attack_signatures GROUP BY name ORDER BY min(rowid);
-- tools' default user agents
SELECT scanner_ua('DirBuster-0.12 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)');
SELECT scanner_ua('Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)');
SELECT scanner_ua('Mozilla/5.0 SF/2.03b'), scanner_ua('Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)');
SELECT scanner_ua('sqlmap/1.4.7#stable (http://sqlmap.org)'), scanner_ua('gobuster/3.1.0'), scanner_ua('Mozilla/4.0 (Hydra)');
SELECT scanner_ua('WPScan v3.8.22 (https://wpscan.com/wordpress-security-scanner)'), scanner_ua('Morfeus Fucking Scanner');
-- ordinary clients: browsers, command-line tools, libraries, crawlers
SELECT count(*), count(scanner_ua(column1)), sum(is_scanner_ua(column1)) FROM (VALUES
  ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'),
  ('Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0'),
  ('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15'),
  ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91'),
  ('Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)'),
  ('curl/7.88.1'), ('Wget/1.21.3'), ('python-requests/2.31.0'),
  ('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'));
SELECT is_scanner_ua('Mozilla/5.0 SF/2.03b'), is_scanner_ua('curl/7.88.1'), is_scanner_ua(''), is_scanner_ua(NULL), scanner_ua(NULL);
SELECT scanner_ua(CAST(X'4E696B746FFF' AS TEXT));
-- a log's worth of one user agent: the answer is computed once and remembered
SELECT scanner_ua(ua), count(*) FROM (SELECT CASE value % 3 WHEN 0 THEN 'Mozilla/5.0 SF/2.03b' WHEN 1 THEN 'curl/8.0' ELSE 'DirBuster-1.0-RC1' END AS ua FROM generate_series(1, 30000)) GROUP BY 1 ORDER BY 1;
-- attack URIs (as Zeek logs them: decoded once) and ordinary ones
SELECT attack_class('/index.php?id=1'' OR ''1''=''1'), attack_class('/p.php?id=1 UNION SELECT username,password FROM users--');
SELECT attack_class('/search.php?q=<script>alert(1)</script>'), attack_class('/cgi-bin/ping.cgi?host=127.0.0.1;id');
SELECT attack_class('/index.php?page=http://evil.example.com/shell.txt'), attack_class('/index.php?file=php://filter/resource=index.php');
SELECT attack_class('/index.php?file=../../../../etc/passwd'), attack_class('/static/../../../../var/www/secret.conf');
SELECT attack_class('/item.php?id=1%2bunion%2bselect%2b1,2'), attack_class('/a/..%252f..%252fsecret'), attack_class(CAST(X'2F2E2EC0AF2E2EC0AF657463' AS TEXT));
SELECT count(attack_class(column1)) FROM (VALUES ('/'), ('/index.html'), ('/labor-union/select-committee'),
  ('/api/users?select=name,email&from=2020-01-01'), ('/search?q=rock+and+roll'), ('/search?q=it''s+a+test'),
  ('/redirect?url=https://www.example.com/path?x=1'), ('/api?fields=name|id'), ('/page?sort=date&order=desc'));
SELECT attack_class(NULL), attack_class('');
-- extending the lists on this connection
SELECT scanner_ua('curl/7.88.1');
INSERT INTO scanner_signatures(name, pattern, category) VALUES ('curl', '^curl/', 'http_client');
SELECT scanner_ua('curl/7.88.1'), is_scanner_ua('curl/7.88.1');
SELECT rowid, name, pattern, category, reference FROM scanner_signatures WHERE name = 'curl';
UPDATE scanner_signatures SET name = 'Skipfish scanner' WHERE name = 'Skipfish';
SELECT scanner_ua('Mozilla/5.0 SF/2.03b');
INSERT INTO scanner_signatures(rowid, name, pattern) VALUES (0, 'Mozilla', '^Mozilla/');
SELECT scanner_ua('Mozilla/5.0 SF/2.03b'), scanner_ua('sqlmap/1.0 (http://sqlmap.org)');
DELETE FROM scanner_signatures WHERE rowid = 0 OR name = 'curl';
SELECT scanner_ua('Mozilla/5.0 SF/2.03b'), scanner_ua('curl/7.88.1'), count(*) FROM scanner_signatures;
SELECT attack_class('/fetch?url=http://169.254.169.254/latest/meta-data/');
INSERT INTO attack_signatures(name, pattern) VALUES ('ssrf', '//169\.254\.169\.254/');
SELECT attack_class('/fetch?url=http://169.254.169.254/latest/meta-data/');
DELETE FROM attack_signatures WHERE name = 'xss';
SELECT attack_class('/search.php?q=<script>alert(1)</script>');
-- edits are not transactional: ROLLBACK keeps them
BEGIN;
INSERT INTO attack_signatures(name, pattern) VALUES ('wordpress', '/wp-login\.php');
ROLLBACK;
SELECT attack_class('/wp-login.php');
-- refused edits
INSERT INTO scanner_signatures(name, pattern) VALUES ('bad', 'a(');
INSERT INTO scanner_signatures(name, pattern) VALUES (NULL, 'x');
INSERT INTO scanner_signatures(name, pattern) VALUES ('empty', '');
INSERT INTO scanner_signatures(rowid, name, pattern) VALUES (1, 'dup', 'x');
INSERT INTO scanner_signatures(name, pattern) VALUES ('utf', '(*UTF)abc');
SELECT count(*) FROM scanner_signatures;
-- each pattern is matched on its own: a trailing (?x) comment is fine
INSERT INTO scanner_signatures(name, pattern) VALUES ('comment', '(?x) acme \s scan # a comment');
SELECT scanner_ua('Acme Scan/1'), scanner_ua('AcmeScan');
DELETE FROM scanner_signatures WHERE name = 'comment';
-- a user pattern that backtracks without end cannot decide: 'undetermined' for that value,
-- counted on its row (hidden column undetermined); the others still answer, nothing fails
INSERT INTO scanner_signatures(name, pattern) VALUES ('evil', '(a+)+$');
SELECT scanner_ua(replace(hex(zeroblob(20)), '0', 'a') || 'b'), is_scanner_ua(replace(hex(zeroblob(20)), '0', 'a') || 'b'), scanner_ua('sqlmap/1.0');
SELECT name, undetermined FROM scanner_signatures WHERE undetermined > 0;
SELECT count(*) FROM scanner_signatures WHERE undetermined = 0;
DELETE FROM scanner_signatures WHERE name = 'evil';
SELECT scanner_ua(replace(hex(zeroblob(20)), '0', 'a') || 'b');
-- issue 12: a verb in a signature at rowid 0 no longer silences the ones after it
INSERT INTO scanner_signatures(rowid, name, pattern) VALUES (0, 'commit', '(*COMMIT)zzz');
INSERT INTO scanner_signatures(rowid, name, pattern) VALUES (-1, 'skip', '(*SKIP)(*F)');
SELECT scanner_ua('sqlmap/1.4.7#stable (http://sqlmap.org)'), scanner_ua('xzzz');
DELETE FROM scanner_signatures WHERE rowid <= 0;
-- issue 12: values that made attack_class() and scanner_ua() fail, and the SELECT with them
SELECT attack_class('/search?q=' || printf('%.*c', 1500, '=')), attack_class(replace(printf('%.*c', 430, 'x'), 'x', 'union/**/'));
SELECT attack_class(replace(printf('%.*c', 430, 'x'), 'x', 'union/**/') || 'select 1');
SELECT attack_class(printf('%.*c', 140000, 'a')), scanner_ua(printf('%.*c', 140000, 'a')), scanner_ua(printf('%.*c', 200000, 'a') || ' Nikto');
SELECT attack_class(printf('%.*c', 140000, 'a') || '?id=1 UNION SELECT 1,2');
SELECT count(*) FROM attack_signatures WHERE undetermined > 0;
-- the tables are DIRECTONLY (not usable from a stored view or trigger); TEMP views are fine,
-- and the functions themselves may be used anywhere
CREATE VIEW v AS SELECT count(*) FROM scanner_signatures;
SELECT * FROM v;
CREATE TEMP VIEW tv AS SELECT count(*) FROM attack_signatures;
SELECT * FROM tv;
CREATE VIEW vu AS SELECT scanner_ua('Mozilla/5.0 SF/2.03b') AS tool;
SELECT * FROM vu;
-- scanner_ua is not deterministic (the tables can change), so no index on it; regexp is
CREATE TABLE t(ua TEXT);
CREATE INDEX t_tool ON t(scanner_ua(ua));
CREATE INDEX t_nikto ON t(regexp_like(ua, 'Nikto'));

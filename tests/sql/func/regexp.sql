-- PCRE2 regular expressions: X REGEXP P, regexp(P, X), regexp_like, regexp_substr,
-- regexp_capture, regexp_replace. NULL in -> NULL out; bad patterns and runaway
-- backtracking are errors that quote PCRE2; invalid UTF-8 subjects never are.
.nullvalue NULL
SELECT 'GET /index.php' REGEXP '^GET ', 'POST /' REGEXP '^GET ';
SELECT regexp('\d+', 'a1'), regexp_like('a1', '\d+'), regexp_like('ab', '\d+');
SELECT regexp_substr('id=42&x=7', '\d+'), regexp_substr('no digits', '\d+');
SELECT regexp_capture('/p.php?id=42&x=7', '[?&]id=(\d+)');
SELECT regexp_capture('/p.php?id=42&x=7', '[?&](\w+)=(\d+)', 2);
SELECT regexp_capture('/p.php?id=42', '[?&]id=(\d+)', 0);
SELECT regexp_capture('k=v', '(?<key>\w+)=(?<val>\w+)', 'val'), regexp_capture('k=v', '(\w)=(\w)', '2');
SELECT regexp_capture('/p.php', '[?&]id=(\d+)'), regexp_capture('ab', 'a(x)?b');
SELECT regexp_replace('a1b22c333', '\d+', '#');
SELECT regexp_replace('a=1&b=2', '(\w+)=(\w+)', '$2=$1');
SELECT regexp_replace('key=val', '(?<k>\w+)=', '${k}: '), regexp_replace('price 5', '\d', '$$');
SELECT regexp_replace('abc', 'x', 'y'), regexp_replace('', 'x', 'y'), regexp_replace('ab', '', '-');
SELECT 'NIKTO' REGEXP '(?i)nikto', 'NIKTO' REGEXP 'nikto';
SELECT NULL REGEXP 'a', 'a' REGEXP NULL, regexp_like(NULL, 'a'), regexp_substr('a', NULL);
SELECT regexp_capture(NULL, '(a)'), regexp_capture('a', '(a)', NULL), regexp_replace('a', 'a', NULL), regexp_replace(NULL, 'a', 'b');
SELECT 404 REGEXP '^4\d\d$', regexp_substr(3.5, '\.\d');
-- raw bytes from a log (E9 alone, FF, FE are not UTF-8): matched around, never an error
SELECT CAST(X'636166E9' AS TEXT) REGEXP '^caf', CAST(X'636166E9' AS TEXT) REGEXP '^caf.$';
SELECT regexp_substr(CAST(X'FF41FE42' AS TEXT), '[A-Z]+'), hex(regexp_replace(CAST(X'61E962' AS TEXT), 'b', 'c'));
SELECT regexp_like(CAST(X'C3A9' AS TEXT), '^.$'), regexp_substr('café!', 'f.');
-- one pattern over many rows (compiled once), and a different pattern on each row
SELECT count(*) FROM generate_series(1, 1000) WHERE value REGEXP '7';
SELECT group_concat(column1 REGEXP column2, ',') FROM (VALUES ('abc', '^a'), ('abc', 'c$'), ('abc', '^b'), ('abc', '(?i)B'));
-- errors
SELECT regexp_like('x', 'a(');
SELECT 'x' REGEXP '[z-a]';
SELECT regexp_capture('ab', '(a)', 2);
SELECT regexp_capture('ab', '(a)', -1);
SELECT regexp_capture('ab', '(a)', 'nope');
SELECT regexp_capture('ab', 'ab');
SELECT regexp_replace('ab', '(a)', '$2');
-- catastrophic backtracking on 40 a's then b: a quick error, not a hang
SELECT regexp_like(replace(hex(zeroblob(20)), '0', 'a') || 'b', '(a+)+$');
SELECT regexp_substr(replace(hex(zeroblob(20)), '0', 'a') || 'b', '(a|aa)+$');
-- issue 12: empty matches over 80 KB take linear time (3-6 s before; 1 MB, over 20 s)
SELECT length(regexp_replace(printf('%.*c', 80000, 'a'), '[0-9]*', 'x')), length(regexp_replace(replace(printf('%.*c', 16000, 'x'), 'x', 'ab c '), '\b', '|'));
-- a result longer than SQLite's length limit is an error (a 4 GiB one was cut to 4 bytes)
.limit length 1000000
SELECT length(regexp_replace(printf('%.*c', 600000, 'a'), 'a', 'bb'));
SELECT length(regexp_replace(printf('%.*c', 400000, 'a'), 'a', 'bb'));
SELECT length(regexp_replace(printf('%.*c', 300, 'a'), '', printf('%.*c', 4000, 'r')));
.limit length 1000000000
-- the output buffer comes from SQLite's heap: a hard heap limit stops a big result
PRAGMA hard_heap_limit = 30000000;
SELECT length(regexp_replace(printf('%.*c', 5000000, 'a'), 'a', 'bbbbbb'));
SELECT length(regexp_replace(printf('%.*c', 500000, 'a'), 'a', 'bb'));
-- the connection goes on
SELECT regexp_like('it still works', 'works?');

-- uri_decode(X[, PLUS]): %XX to a byte, %uXXXX to UTF-8 (a surrogate pair to one character),
-- '+' to a space only when PLUS is true; malformed escapes are left as they are. One level
-- per call: Zeek logs %252e (sent on the wire) as %2e.
.nullvalue NULL
SELECT uri_decode('/a%20b+c'), uri_decode('/a%20b+c', 1), uri_decode('/a%20b+c', 0);
SELECT uri_decode('%3Cscript%3E'), uri_decode('%2e%2E%2F');
SELECT uri_decode('%'), uri_decode('%4'), uri_decode('%zz'), uri_decode('100%'), uri_decode('%%41');
SELECT uri_decode('%u00e9'), hex(uri_decode('%u00e9')), hex(uri_decode('%u4e2d')), hex(uri_decode('%uD83D%uDE00')), uri_decode('%uD800');
SELECT hex(uri_decode('a%00b')), length(CAST(uri_decode('a%00b') AS BLOB)), typeof(uri_decode('a%00b'));
SELECT hex(uri_decode('%e9')), hex(uri_decode('%c0%ae'));
SELECT uri_decode('%2e%2e'), uri_decode(uri_decode('%252e%252e'));
SELECT uri_decode(''), uri_decode(NULL), uri_decode('a+b', NULL), uri_decode(42);
SELECT typeof(uri_decode(X'253431')), uri_decode(X'253431'), uri_decode(X'2541');

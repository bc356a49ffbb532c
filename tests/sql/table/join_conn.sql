-- http joined with conn on uid (two logs of the same connections): the
-- biggest responses first. Expected by hand from tests/logs/join/.
.nullvalue NULL
CREATE VIRTUAL TABLE temp.http USING zeek('logs/join/http.log');
CREATE VIRTUAL TABLE temp.conn USING zeek('logs/join/conn.log');
SELECT h.uri, h.status_code, c.duration, c.resp_bytes, c.conn_state
  FROM http AS h JOIN conn AS c USING (uid)
 ORDER BY c.resp_bytes DESC;
-- http rows without a conn row, and conn rows without http
SELECT 'http only', uid FROM http WHERE uid NOT IN (SELECT uid FROM conn);
SELECT 'conn only', uid, service FROM conn WHERE uid NOT IN (SELECT uid FROM http);

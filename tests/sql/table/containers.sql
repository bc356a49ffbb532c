-- set[..]/vector[..] are compact JSON array text as json_array() writes it, numbers with
-- the digits the log wrote (1000.000000 stays so; nothing is rounded); (empty) -> [],
-- unset -> NULL; set[count]/vector[count]/vector[double]/vector[interval] hold numbers;
-- '\x2c' inside an element is a literal ','; usable with json_each().
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/containers.log');
SELECT name, type FROM pragma_table_info('t');
SELECT id, ss, sc, vs, vc FROM t;
SELECT id, vd, vi, sa, se FROM t;
-- the text is exactly what json_group_array() writes for the same elements (but vi,
-- whose numbers keep their written digits: json_each reads 1000.000000 as 1000.0)
SELECT id,
  ss = (SELECT json_group_array(value) FROM json_each(ss)),
  sc = (SELECT json_group_array(value) FROM json_each(sc)),
  vs = (SELECT json_group_array(value) FROM json_each(vs)),
  vc = (SELECT json_group_array(value) FROM json_each(vc)),
  vd = (SELECT json_group_array(value) FROM json_each(vd)),
  sa = (SELECT json_group_array(value) FROM json_each(sa)),
  se = (SELECT json_group_array(value) FROM json_each(se))
FROM t WHERE id IN (1, 2, 4);
SELECT t.id, j.key, j.value, j.type FROM t, json_each(t.sc) AS j ORDER BY t.id, j.key;
SELECT sum(j.value) FROM t, json_each(t.vi) AS j WHERE t.id = 1;
SELECT j.value FROM t, json_each(t.vs) AS j WHERE t.id = 1;
SELECT hex(j.value) FROM t, json_each(t.ss) AS j WHERE t.id = 4;
SELECT id FROM t WHERE EXISTS (SELECT 1 FROM json_each(t.ss) WHERE value = 'a');
SELECT id, json_array_length(ss), json_valid(ss) FROM t;

-- Every loggable type: declared SQL type and stored value (SPEC "Column types").
.nullvalue NULL
CREATE VIRTUAL TABLE temp.t USING zeek('logs/all_types.log');
SELECT name, type FROM pragma_table_info('t');
SELECT b, i, e, c, p, sn, a, d, t, iv, s FROM t;
SELECT sc, ss, vc, vs FROM t;
SELECT typeof(b), typeof(i), typeof(e), typeof(c), typeof(p), typeof(sn), typeof(a), typeof(d),
       typeof(t), typeof(iv), typeof(s), typeof(sc), typeof(ss), typeof(vc), typeof(vs) FROM t;
SELECT printf('%.6f', t) FROM t WHERE t IS NOT NULL;
SELECT count(*) FROM t WHERE b;

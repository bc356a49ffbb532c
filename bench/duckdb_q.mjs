// DuckDB alternative for bench.sh: node bench/duckdb_q.mjs T1..T6 FILE [READER]
// One process per question, as an analyst would; prints tab-separated rows,
// NULL as '-'. READER:
//   csv (default)  the Zeek TSV with read_csv (bench/duckdb_zeek.mjs)
//   json           Zeek's JSON with read_json(ignore_errors=true), its types
//                  detected by DuckDB, the dotted keys renamed
//   objects        Zeek's JSON with read_ndjson_objects and ->> per member
// A .gz file is read compressed.
import { DuckDBInstance } from '@duckdb/node-api';
import { readZeekTsv, sqlString } from './duckdb_zeek.mjs';

const [q, file, source = 'csv'] = process.argv.slice(2);
const path = sqlString(file);
// The members the questions use, from a JSON object j.
const member = (k, type) => `CAST(j->>'$."${k}"' AS ${type}) AS ${k.replace('.', '_')}`;
const http = {
  csv: readZeekTsv(file),
  json: `(SELECT ts, "id.orig_h" AS id_orig_h, status_code, user_agent
          FROM read_json(${path}, ignore_errors=true))`,
  objects: `(SELECT ${member('ts', 'DOUBLE')}, ${member('id.orig_h', 'VARCHAR')},
                    ${member('status_code', 'INTEGER')}, ${member('user_agent', 'VARCHAR')}
             FROM read_ndjson_objects(${path}) AS o(j))`,
}[source];
if (!http) { console.error(`unknown reader ${source}`); process.exit(2); }
const SCANNERS = 'DirBuster|Nmap Scripting Engine|SF/2\\.03b|Nikto|sqlmap';

const sql = {
  T1: `SELECT count(*) FROM ${http}`,
  T2: `SELECT status_code, count(*) FROM ${http} GROUP BY 1 ORDER BY 2 DESC, 1`,
  T3: `SELECT id_orig_h, count(*) FROM ${http} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`,
  T4: `WITH c AS (SELECT CAST(floor(ts / 3600) AS BIGINT) AS h, status_code AS s, count(*) AS n
                 FROM ${http} GROUP BY 1, 2)
       SELECT strftime(make_timestamp(h * 3600000000), '%Y-%m-%d %H'), sum(n),
              first(s ORDER BY n DESC, s) FILTER (WHERE s IS NOT NULL)
       FROM c GROUP BY h ORDER BY h`,
  T5: `WITH u AS MATERIALIZED (SELECT user_agent AS ua, count(*) AS n FROM ${http} GROUP BY 1)
       SELECT * FROM (SELECT ua, n FROM u ORDER BY n DESC, ua LIMIT 5)
       UNION ALL SELECT 'scanner rows', sum(n) FROM u WHERE regexp_matches(ua, '${SCANNERS}')`,
  T6: `SELECT id_orig_h, count(*) FROM ${http} WHERE status_code IN (403, 404)
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`,
}[q];
if (!sql) { console.error(`unknown question ${q}`); process.exit(2); }

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const reader = await con.runAndReadAll(sql);
const lines = reader.getRows().map(r => r.map(v => (v === null ? '-' : String(v))).join('\t'));
process.stdout.write(lines.join('\n') + '\n');

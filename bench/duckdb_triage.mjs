// The main job in DuckDB, for bench.py:
//   node bench/duckdb_triage.mjs [--view] LOG ATTACKS SCANNERS
// The "careful" translation of zeeklog's triage (sql/0*.sql, raw numbers):
// the log is read once (read_csv, .gz too) into a temp table of the six
// columns the reports use, then every report runs on that table. With
// --view, `http` is a view over read_csv instead, so each report reads the
// log itself (the plain translation). DuckDB
// cannot call attack_class() or scanner_ua(): ATTACKS (uri TAB class) and
// SCANNERS (user_agent TAB scanner) are the classes zeeklog computes for the
// distinct URIs and user agents that have one (bench.py writes them with
// zeeklog, untimed), loaded as mapping tables and joined; this favours DuckDB.
// Text is the log's raw text (Zeek's \xNN escapes are not decoded).
// Prints each report as "== NAME" and tab-separated rows, NULL as '-'.
import { DuckDBInstance } from '@duckdb/node-api';
import { columnSpec, readZeekTsv, sqlString as q } from './duckdb_zeek.mjs';

const args = process.argv.slice(2);
const asView = args[0] === '--view';
const [file, attacksFile, scannersFile] = asView ? args.slice(1) : args;
const tsv = (f, c) => `read_csv(${q(f)}, delim='\\t', header=false, quote='', escape='', ` +
  `auto_detect=false, columns=${columnSpec(c)})`;
const log = readZeekTsv(file);

// Report 02's network column: ip_is_private()'s IPv4 ranges (docs/addresses.md) on
// the dotted text; the benchmark's sources are all IPv4.
const network = (c) => {
  const o = (i) => `TRY_CAST(split_part(${c}, '.', ${i}) AS INTEGER)`;
  return `CASE WHEN ${c} IS NULL THEN NULL
               WHEN ${o(1)} IN (0, 10, 127) OR (${o(1)} = 100 AND ${o(2)} BETWEEN 64 AND 127)
                 OR (${o(1)} = 169 AND ${o(2)} = 254) OR (${o(1)} = 172 AND ${o(2)} BETWEEN 16 AND 31)
                 OR (${o(1)} = 192 AND ${o(2)} = 168) OR ${c} = '255.255.255.255' THEN 'internal'
               ELSE 'external' END`;
};

const setup = [
  `CREATE TEMP ${asView ? 'VIEW' : 'TABLE'} http AS
     SELECT ts, id_orig_h, uri, user_agent, status_code, status_msg FROM ${log}`,
  `CREATE TEMP TABLE attack_map AS SELECT * FROM ${tsv(attacksFile, { uri: 'VARCHAR', class: 'VARCHAR' })}`,
  `CREATE TEMP TABLE scanner_map AS
     SELECT * FROM ${tsv(scannersFile, { user_agent: 'VARCHAR', scanner: 'VARCHAR' })}`,
  `CREATE TEMP TABLE attacks AS
     SELECT m.class, h.uri, h.id_orig_h AS src_ip, count(*) AS n
     FROM http AS h JOIN attack_map AS m ON m.uri = h.uri GROUP BY ALL`,
];

// A timestamp as SQLite's strftime prints it (UTC).
// (SQLite rounds a REAL time to the millisecond, then prints whole seconds.)
const fmt = (x, f) => `strftime(make_timestamp(CAST(round(${x} * 1000) AS BIGINT) * 1000), '${f}')`;

const reports = {
  summary: `SELECT count(*), count(DISTINCT id_orig_h), ${fmt('min(ts)', '%Y-%m-%d %H:%M:%S')},
                   ${fmt('max(ts)', '%Y-%m-%d %H:%M:%S')} FROM http`,
  '01_status_codes': `
    WITH pairs AS (SELECT status_code, status_msg, count(*) AS n FROM http GROUP BY ALL),
    codes AS (SELECT status_code, sum(n) AS requests FROM pairs GROUP BY ALL),
    msgs AS (SELECT status_code, arg_min(status_msg, (-n, status_msg)) AS status_msg
             FROM pairs WHERE status_msg IS NOT NULL GROUP BY ALL)
    SELECT c.status_code, m.status_msg, c.requests,
           round(100.0 * c.requests / sum(c.requests) OVER (), 2)
    FROM codes AS c LEFT JOIN msgs AS m ON m.status_code IS NOT DISTINCT FROM c.status_code
    ORDER BY c.requests DESC, c.status_code NULLS FIRST`,
  '02_top_source_ips': `
    WITH pairs AS (SELECT id_orig_h, user_agent, count(*) AS n, min(ts) AS lo, max(ts) AS hi
                   FROM http GROUP BY ALL),
    ips AS (SELECT id_orig_h, sum(n) AS requests, min(lo) AS lo, max(hi) AS hi,
                   arg_min(user_agent, (-n, user_agent)) FILTER (WHERE user_agent IS NOT NULL) AS ua
            FROM pairs GROUP BY ALL),
    t AS (SELECT *, 100.0 * requests / sum(requests) OVER () AS pct FROM ips)
    SELECT id_orig_h, ${network('id_orig_h')}, requests, round(pct, 2), ${fmt('lo', '%Y-%m-%d %H:%M:%S')},
           ${fmt('hi', '%Y-%m-%d %H:%M:%S')}, ua
    FROM t ORDER BY requests DESC, id_orig_h NULLS FIRST LIMIT 10`,
  // The bucket: the first of 1 hour, 6 hours, 1 day, 1 week (from Monday)
  // that keeps the series within 100 rows.
  '03_hourly': `
    WITH m AS (SELECT CAST(floor(ts / 60) AS BIGINT) * 60 AS minute, status_code, count(*) AS n
               FROM http WHERE ts IS NOT NULL GROUP BY ALL),
    span AS (SELECT min(minute) AS lo, max(minute) AS hi FROM m),
    w AS (SELECT * FROM (VALUES ('1 hour', 3600, 0), ('6 hours', 21600, 0), ('1 day', 86400, 0),
                                ('1 week', 604800, 345600)) AS v(width, secs, origin)),
    chosen AS (SELECT w.*, lo - ((lo - origin) % secs + secs) % secs AS first_b,
                      hi - ((hi - origin) % secs + secs) % secs AS last_b
               FROM w, span
               WHERE (hi - ((hi - origin) % secs + secs) % secs
                      - (lo - ((lo - origin) % secs + secs) % secs)) / secs < 100 OR secs = 604800
               ORDER BY secs LIMIT 1),
    pb AS (SELECT minute - ((minute - origin) % secs + secs) % secs AS b, status_code, sum(n) AS n
           FROM m, chosen GROUP BY ALL),
    agg AS (SELECT b, sum(n) AS requests,
                   arg_min(status_code, (-n, status_code)) FILTER (WHERE status_code IS NOT NULL) AS modal
            FROM pb GROUP BY ALL),
    series AS (SELECT unnest(generate_series(first_b, last_b, secs)) AS b FROM chosen)
    SELECT CASE WHEN c.secs < 86400 THEN ${fmt('s.b', '%Y-%m-%d %H:%M')}
                ELSE ${fmt('s.b', '%Y-%m-%d')} END, c.width, coalesce(a.requests, 0), a.modal
    FROM series AS s CROSS JOIN chosen AS c LEFT JOIN agg AS a ON a.b = s.b ORDER BY s.b`,
  '04a_user_agents': `
    WITH u AS (SELECT user_agent, count(*) AS requests, count(DISTINCT id_orig_h) AS ips
               FROM http GROUP BY ALL)
    SELECT u.user_agent, s.scanner, requests, round(100.0 * requests / sum(requests) OVER (), 2), ips
    FROM u LEFT JOIN scanner_map AS s ON s.user_agent = u.user_agent
    ORDER BY requests DESC, u.user_agent NULLS FIRST LIMIT 10`,
  '04b_scanners': `
    WITH pairs AS (SELECT user_agent, id_orig_h, count(*) AS n FROM http GROUP BY ALL),
    t AS (SELECT s.scanner, p.* FROM pairs AS p LEFT JOIN scanner_map AS s ON s.user_agent = p.user_agent),
    per_ip AS (SELECT scanner, id_orig_h, sum(n) AS n FROM t GROUP BY ALL),
    top AS (SELECT scanner, arg_min(id_orig_h, (-n, id_orig_h)) AS ip FROM per_ip GROUP BY ALL),
    s AS (SELECT scanner, sum(n) AS requests, count(DISTINCT user_agent) AS uas,
                 count(DISTINCT id_orig_h) AS ips FROM t GROUP BY ALL)
    SELECT s.scanner, requests, round(100.0 * requests / sum(requests) OVER (), 2), uas, ips, top.ip
    FROM s JOIN top ON top.scanner IS NOT DISTINCT FROM s.scanner
    ORDER BY s.scanner IS NULL, requests DESC, s.scanner`,
  '05_error_ips': `
    WITH ips AS (SELECT id_orig_h, count(*) FILTER (WHERE status_code IN (403, 404)) AS errors,
                        count(*) FILTER (WHERE status_code = 403) AS n403,
                        count(*) FILTER (WHERE status_code = 404) AS n404, count(*) AS requests
                 FROM http GROUP BY ALL)
    SELECT id_orig_h, errors, n403, n404, requests, round(100.0 * errors / requests, 2)
    FROM ips WHERE errors > 0 ORDER BY errors DESC, id_orig_h NULLS FIRST LIMIT 10`,
  '06_rate_spikes': `
    WITH m AS (SELECT id_orig_h, CAST(floor(ts / 60) AS BIGINT) * 60 AS minute, count(*) AS n
               FROM http WHERE ts IS NOT NULL GROUP BY ALL),
    ips AS (SELECT id_orig_h, max(n) AS peak, arg_min(minute, (-n, minute)) AS busiest,
                   median(n) AS med, count(*) AS minutes, sum(n) AS total FROM m GROUP BY ALL),
    atp AS (SELECT m.id_orig_h, count(*) AS at_peak FROM m JOIN ips USING (id_orig_h)
            WHERE m.n = ips.peak GROUP BY ALL)
    SELECT id_orig_h, ${fmt('busiest', '%Y-%m-%d %H:%M')}, at_peak, peak, round(peak / 60.0, 2),
           round(med / 60.0, 3), round(peak / med, 1), minutes, total
    FROM ips JOIN atp USING (id_orig_h) ORDER BY peak DESC, id_orig_h NULLS FIRST LIMIT 10`,
  '07a_attack_classes': `
    WITH per_ip AS (SELECT class, src_ip, sum(n) AS n FROM attacks GROUP BY ALL),
    top AS (SELECT class, arg_min(src_ip, (-n, src_ip)) AS ip, max(n) AS n FROM per_ip GROUP BY ALL),
    c AS (SELECT class, sum(n) AS requests, count(DISTINCT uri) AS uris, count(DISTINCT src_ip) AS ips
          FROM attacks GROUP BY ALL)
    SELECT c.class, requests, uris, ips, top.ip, top.n FROM c JOIN top USING (class)
    ORDER BY requests DESC, c.class`,
  '07b_attack_examples': `
    WITH u AS (SELECT class, uri, sum(n) AS requests FROM attacks GROUP BY ALL),
    per_uri AS (SELECT *, sum(requests) OVER (PARTITION BY class) AS class_requests,
                       row_number() OVER (PARTITION BY class ORDER BY requests DESC, uri) AS rank
                FROM u),
    top AS (SELECT * FROM per_uri WHERE rank <= 3),
    ips AS (SELECT a.class, a.uri, string_agg(a.src_ip, ', ' ORDER BY a.n DESC, a.src_ip) AS ips
            FROM attacks AS a JOIN top USING (class, uri) GROUP BY ALL)
    SELECT top.class, top.uri, requests, ips.ips FROM top JOIN ips USING (class, uri)
    ORDER BY class_requests DESC, top.class, rank`,
};

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
for (const s of setup) await con.run(s);
const out = [];
for (const [name, sql] of Object.entries(reports)) {
  let reader;
  try { reader = await con.runAndReadAll(sql); } catch (e) { throw new Error(name + ": " + e.message); }
  out.push('== ' + name);
  for (const r of reader.getRows()) out.push(r.map((v) => (v === null ? '-' : String(v))).join('\t'));
}
process.stdout.write(out.join('\n') + '\n');

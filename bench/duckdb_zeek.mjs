// How the DuckDB alternatives of the bench read the benchmark's Zeek TSV
// (bench/duckdb_q.mjs, bench/duckdb_triage.mjs): its 27 columns typed, and
// read_csv with quoting off (Zeek never quotes; URIs hold raw '"' and '#'),
// the 8 header lines skipped, the trailing '#close' line dropped by
// ignore_errors (the answer checks catch any other line it would drop).
// A .gz file is read compressed.
export const sqlString = (s) => "'" + s.replace(/'/g, "''") + "'";

export const HTTP_COLUMNS = {
  ts: 'DOUBLE', uid: 'VARCHAR', id_orig_h: 'VARCHAR', id_orig_p: 'INTEGER',
  id_resp_h: 'VARCHAR', id_resp_p: 'INTEGER', trans_depth: 'BIGINT', method: 'VARCHAR',
  host: 'VARCHAR', uri: 'VARCHAR', referrer: 'VARCHAR', user_agent: 'VARCHAR',
  request_body_len: 'BIGINT', response_body_len: 'BIGINT', status_code: 'INTEGER',
  status_msg: 'VARCHAR', info_code: 'INTEGER', info_msg: 'VARCHAR', filename: 'VARCHAR',
  tags: 'VARCHAR', username: 'VARCHAR', password: 'VARCHAR', proxied: 'VARCHAR',
  orig_fuids: 'VARCHAR', orig_mime_types: 'VARCHAR', resp_fuids: 'VARCHAR',
  resp_mime_types: 'VARCHAR',
};

// read_csv's columns= argument for a {name: type} object.
export const columnSpec = (c) => '{' + Object.entries(c).map(([k, v]) => `'${k}': '${v}'`).join(', ') + '}';

// The benchmark's http.log as a DuckDB table expression.
export const readZeekTsv = (file) =>
  `read_csv(${sqlString(file)}, delim='\\t', header=false, skip=8, quote='', escape='', ` +
  `nullstr='-', auto_detect=false, ignore_errors=true, columns=${columnSpec(HTTP_COLUMNS)})`;

// zeeklog from Node with better-sqlite3: load the extension, open a log,
// run a saved report and an ad-hoc query.
//
//   (cd examples && npm install)        # better-sqlite3@12 into examples/node_modules
//   node examples/node_example.js [LOG] # default: examples/http.log
//
// The extension is ZEEKLOG_EXT (path without .so) or build/zeeklog next to
// this examples/ directory.
'use strict';
const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');

const top = path.resolve(__dirname, '..');
const ext = process.env.ZEEKLOG_EXT || path.join(top, 'build', 'zeeklog');
const log = process.argv[2] || path.join(__dirname, 'http.log');

const db = new Database(':memory:');
db.loadExtension(ext);
console.log('zeeklog', db.prepare('SELECT zeeklog_version() AS v').get().v);

// CREATE VIRTUAL TABLE takes no bound parameters: quote the path as SQL text.
db.exec(`CREATE VIRTUAL TABLE temp.http USING zeek('${log.replace(/'/g, "''")}')`);

const total = db.prepare('SELECT count(*) AS n FROM http').get().n;
console.log(`${total.toLocaleString('en-US')} requests`);

// A saved report, as plain numbers (the zeeklog_raw temp table says so):
// its setup statements (the shared tables it reads, made if missing), then,
// after the line '-- report', its SELECT.
db.exec('CREATE TEMP TABLE zeeklog_raw(x)');
const report = (name) => {
  const [setup, select] =
    fs.readFileSync(path.join(top, 'sql', `${name}.sql`), 'utf8').split('\n-- report\n');
  db.exec(setup);
  return db.prepare(select).all();
};

console.log('\nstatus codes (sql/01_status_codes.sql):');
for (const r of report('01_status_codes')) {
  const code = r.status_code === null ? '-' : String(r.status_code);
  console.log(`  ${code.padEnd(4)} ${String(r.status_msg ?? '-').padEnd(22)} ` +
              `${String(r.requests).padStart(6)}  ${r.share}%`);
}

console.log('\nsources of 403/404 (sql/05_error_ips.sql), top 3:');
for (const r of report('05_error_ips').slice(0, 3)) {
  console.log(`  ${r.src_ip.padEnd(16)} ${r['403+404']} errors of ${r.requests} requests`);
}

// Ad-hoc: suspicious URIs per scanner, with the extension's functions.
console.log('\nattack URIs per scanner:');
const rows = db.prepare(`
  SELECT coalesce(scanner_ua(user_agent), '(no scanner)') AS scanner,
         attack_class(uri) AS class, count(*) AS n
  FROM http WHERE attack_class(uri) IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`).all();
for (const r of rows) console.log(`  ${r.scanner.padEnd(12)} ${r.class.padEnd(14)} ${r.n}`);

// A sensor's log directory, one table per log type (conn, dns, http), and the
// address and hunt functions over them: the most regular outbound callers.
console.log('\na log directory (tests/logs/hunt):');
const tables = db.prepare(`SELECT "table" AS t, files FROM zeek_attach(?, 'replace')`)
  .all(path.join(top, 'tests', 'logs', 'hunt'));
for (const r of tables) console.log(`  ${r.t.padEnd(6)} ${r.files} file(s)`);
console.log('beacons from internal hosts (beacon_score, ip_is_private):');
const beacons = db.prepare(`
  SELECT id_orig_h AS src, ip_network(id_orig_h, 24) AS net, id_resp_h AS dst, count(*) AS n,
         round(beacon_score(ts, orig_ip_bytes), 3) AS score
  FROM conn WHERE ip_is_private(id_orig_h) AND NOT ip_is_private(id_resp_h)
  GROUP BY 1, 3 HAVING count(*) >= 20 ORDER BY score DESC, 4 DESC LIMIT 3`).all();
for (const r of beacons) {
  console.log(`  ${r.src.padEnd(10)} (${r.net}) -> ${r.dst.padEnd(15)} ${String(r.n).padStart(5)} ` +
              `connections, score ${r.score}`);
}
db.close();

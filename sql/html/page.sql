-- page.sql: prints the triage page, one self-contained HTML file (inline CSS
-- and SVG; no script, no font, no image, nothing fetched: its
-- Content-Security-Policy forbids it too). Run by the sqlite3 shell in the
-- script sql/html/make_page.sh writes (bin/zeeklog-report --format html):
--   .output DIR/index.html
--   .read sql/html/page.sql
-- It reads only the temp tables that script fills: zeeklog_html_01 ...
-- zeeklog_html_07b (each report's rows, raw numbers), zeeklog_html_summary
-- (triage.sql's summary line), zeeklog_html_reports (id, num, title, file)
-- and zeeklog_html_meta (log, zone). Every value that comes from the log is
-- HTML-escaped (& < > " ' become entities) where it is written; numbers are
-- printed with the decimals the report rounds them to, so the page shows the
-- same numbers as --format csv/json.
.headers off
.mode list
.nullvalue ''

-- The horizontal bar charts, one row per bar segment: chart, k (the bar, in
-- the report's order), seg (1, 2, ... stacked left to right), value, cls
-- (the CSS class that colours it), label (left of the bar), tip (a tooltip),
-- vlabel (right of the bar), mark (a tick drawn across the bar at that value).
CREATE TEMP TABLE zeeklog_html_bars(chart, k, seg, value, cls, label, tip, vlabel, mark);
INSERT INTO zeeklog_html_bars
SELECT 'status', rowid, 1, requests,
       CASE WHEN status_code BETWEEN 200 AND 599 THEN 's' || (status_code / 100) ELSE 'sx' END,
       coalesce(status_code || ' ' || coalesce(status_msg, ''), 'unset'),
       coalesce(status_code || ' ' || coalesce(status_msg, ''), 'unset') || ': ' || printf('%,d', requests) || ' requests',
       printf('%,d', requests) || ' · ' || printf('%.2f%%', share), NULL
FROM zeeklog_html_01;
INSERT INTO zeeklog_html_bars
SELECT 'sources', rowid, 1, requests, 'bar', coalesce(src_ip, 'unset'),
       coalesce(src_ip, 'unset') || ': ' || printf('%,d', requests) || ' requests',
       printf('%,d', requests) || ' · ' || printf('%.2f%%', share), NULL
FROM zeeklog_html_02;
INSERT INTO zeeklog_html_bars
SELECT 'scanners', rowid, 1, requests, CASE WHEN scanner IS NULL THEN 'muted' ELSE 'bar' END,
       coalesce(scanner, 'not a scanner'),
       coalesce(scanner, 'not a scanner') || ': ' || printf('%,d', requests) || ' requests',
       printf('%,d', requests) || ' · ' || printf('%.2f%%', share), NULL
FROM zeeklog_html_04b;
INSERT INTO zeeklog_html_bars
SELECT 'errors', rowid, 1, "403", 's403', coalesce(src_ip, 'unset'),
       coalesce(src_ip, 'unset') || ': ' || printf('%,d', "403") || ' × 403', NULL, NULL
FROM zeeklog_html_05
UNION ALL
SELECT 'errors', rowid, 2, "404", 's404', coalesce(src_ip, 'unset'),
       coalesce(src_ip, 'unset') || ': ' || printf('%,d', "404") || ' × 404',
       printf('%,d', "403+404") || ' of ' || printf('%,d', requests) || ' · ' || printf('%.2f%%', error_share), NULL
FROM zeeklog_html_05;
INSERT INTO zeeklog_html_bars
SELECT 'spikes', rowid, 1, minute_reqs, 'bar', coalesce(src_ip, 'unset'),
       coalesce(src_ip, 'unset') || ': ' || printf('%,d', minute_reqs) || ' requests in ' || busiest_minute
         || '; median ' || printf('%.3f', median_rps) || ' req/s',
       printf('%.2f', peak_rps) || ' req/s · ' || printf('%.1f', ratio) || '× median', median_rps * 60
FROM zeeklog_html_06;
INSERT INTO zeeklog_html_bars
SELECT 'attacks', rowid, 1, requests, 'atk', attack_class,
       attack_class || ': ' || printf('%,d', requests) || ' requests, ' || printf('%,d', uris) || ' URIs',
       printf('%,d', requests) || ' · ' || printf('%,d', uris) || ' URIs', NULL
FROM zeeklog_html_07a;

-- Each chart as one <svg>: a 500-unit-wide drawing, 20 units per bar; labels
-- longer than 20 characters are cut (the tooltip has them whole).
CREATE TEMP TABLE zeeklog_html_svg(chart, svg);
INSERT INTO zeeklog_html_svg
WITH
geo(lw, bw, rh) AS (VALUES (140.0, 205.0, 20)),
b AS (
  SELECT chart, k, seg, value, cls, label, tip, vlabel, mark,
         coalesce(sum(value) OVER (PARTITION BY chart, k ORDER BY seg
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS x0,
         sum(value) OVER (PARTITION BY chart, k) AS total,
         dense_rank() OVER (PARTITION BY chart ORDER BY k) AS r
  FROM zeeklog_html_bars
),
s AS (SELECT chart, max(max(total), coalesce(max(mark), 0), 1) AS top, max(r) AS n FROM b GROUP BY chart),
-- The texts, cut and escaped.
t AS (
  SELECT b.*, s.top, (r - 1) * rh + 3 AS y, lw, bw, rh,
         replace(replace(replace(replace(replace(
           CASE WHEN length(label) > 20 THEN substr(label, 1, 19) || '…' ELSE label END,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') AS label_h,
         replace(replace(replace(replace(replace(label,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') AS label_whole,
         replace(replace(replace(replace(replace(tip,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') AS tip_h,
         replace(replace(replace(replace(replace(vlabel,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') AS vlabel_h
  FROM b JOIN s USING (chart), geo
),
el(chart, r, o, e) AS (
  SELECT chart, r, 0, printf('<text class="lab" x="%.1f" y="%.1f">%s<title>%s</title></text>',
                             lw - 6, y + 11.5, label_h, label_whole)
  FROM t WHERE seg = 1
  UNION ALL
  SELECT chart, r, seg, printf('<rect class="%s" x="%.2f" y="%d" width="%.2f" height="%d"><title>%s</title></rect>',
                               cls, lw + bw * x0 / top, y + 2, CASE WHEN value > 0 THEN max(0.8, bw * value / top) ELSE 0 END,
                               rh - 6, tip_h)
  FROM t
  UNION ALL
  SELECT chart, r, 90, printf('<text class="val" x="%.1f" y="%.1f">%s</text>', lw + bw * total / top + 5, y + 11.5, vlabel_h)
  FROM t WHERE vlabel IS NOT NULL
  UNION ALL
  SELECT chart, r, 91, printf('<line class="mark" x1="%.2f" x2="%.2f" y1="%d" y2="%d"/>',
                              lw + bw * mark / top, lw + bw * mark / top, y, y + rh - 2)
  FROM t WHERE seg = 1 AND mark IS NOT NULL
)
SELECT chart, printf('<svg id="c-%s" class="hbar" viewBox="0 0 500 %d" role="img">', chart, n * 20 + 6)
              || (SELECT group_concat(e, '') FROM (SELECT e FROM el WHERE el.chart = s.chart ORDER BY r, o))
              || '</svg>'
FROM s;

-- The hourly chart (report 03): a column per bucket, coloured by its modal
-- status; the y axis in steps of 1, 2 or 5 times a power of ten.
INSERT INTO zeeklog_html_svg
WITH RECURSIVE
geo(l, r, t, b) AS (VALUES (64.0, 1190.0, 14.0, 236.0)),
h AS (SELECT rowid AS i, bucket, width, requests, modal_status FROM zeeklog_html_03),
n AS (SELECT count(*) AS n, max(max(requests), 1) AS top FROM h),
tens(p) AS (SELECT 1 UNION ALL SELECT p * 10 FROM tens WHERE p < 100000000000000),
steps AS (SELECT p * m AS step FROM tens, (SELECT 1 AS m UNION ALL SELECT 2 UNION ALL SELECT 5)),
y AS (
  SELECT step, step * ((top + step - 1) / step) AS ymax
  FROM steps, n WHERE (top + step - 1) / step <= 5 ORDER BY step LIMIT 1
),
ticks(v) AS (SELECT 0 UNION ALL SELECT v + (SELECT step FROM y) FROM ticks WHERE v < (SELECT ymax FROM y)),
-- first index (1-based) and row order of the buckets; a label every few
lab AS (SELECT max(1, (n + 11) / 12) AS every FROM n),
el(o, e) AS (
  SELECT v, printf('<line x1="%.0f" x2="%.0f" y1="%.2f" y2="%.2f"/><text class="yl" x="%.0f" y="%.2f">%s</text>',
                   l, r, b - (b - t) * v / ymax, b - (b - t) * v / ymax, l - 6, b - (b - t) * v / ymax + 4,
                   printf('%,d', v))
  FROM ticks, y, geo
  UNION ALL
  SELECT 1000000 + i, printf('<rect class="%s" x="%.2f" y="%.2f" width="%.2f" height="%.2f"><title>%s</title></rect>',
           CASE WHEN modal_status BETWEEN 200 AND 599 THEN 's' || (modal_status / 100) ELSE 'sx' END,
           l + (r - l) * (i - 1) / n + (r - l) / n * 0.1, b - (b - t) * requests / ymax,
           (r - l) / n * 0.8, (b - t) * requests / ymax,
           bucket || ' (' || width || '): ' || printf('%,d', requests) || ' requests, modal status '
             || coalesce(modal_status, '–'))
  FROM h, n, y, geo WHERE requests > 0
  UNION ALL
  SELECT 3000000 + i, printf('<text class="xl" x="%.2f" y="%.0f">%s</text>',
           l + (r - l) * (i - 0.5) / n, b + 16, CASE WHEN width LIKE '%hour%' THEN substr(bucket, 6) ELSE bucket END)
  FROM h, n, lab, geo WHERE (i - 1) % every = 0
)
SELECT 'hourly', '<svg id="c-hourly" class="cols" viewBox="0 0 1200 256" role="img"><g class="axis">'
                 || (SELECT group_concat(e, '') FROM (SELECT e FROM el ORDER BY o)) || '</g></svg>'
FROM n WHERE n > 0;

-- The page.
SELECT '<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src ''none''; style-src ''unsafe-inline''">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zeeklog triage: ' || replace(replace(replace(replace(replace(log,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') || '</title>'
FROM zeeklog_html_meta;
SELECT '<style>
:root { --ink: #1d2330; --muted: #5f6b7d; --line: #dde1e8; --bg: #f4f5f8; --card: #fff; --accent: #2f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 14px/1.45 system-ui, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 18px; }
h1 { font-size: 22px; margin: 0; }
.log { margin: 2px 0 12px; color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", monospace;
       font-size: 13px; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 10px; }
.summary div { flex: 1 1 auto; background: var(--card); border: 1px solid var(--line); border-radius: 6px;
               padding: 7px 12px; }
.summary dt { font-size: 12px; color: var(--muted); }
.summary dd { margin: 0; font-size: 17px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
nav { font-size: 13px; margin: 0 0 12px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 18px 14px;
          margin: 0 0 16px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin: 0 0 16px; }
.grid > section { margin: 0; }
h2 { font-size: 16px; margin: 0 0 8px; }
h2 small { font-weight: 400; color: var(--muted); font-size: 12px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.pair { display: flex; flex-wrap: wrap; gap: 12px 28px; align-items: flex-start; }
.pair > .chart { flex: 0 1 500px; }
.pair > .tbl { flex: 1 1 560px; min-width: 0; }
.stack > .chart { margin: 0 0 10px; }
.chart svg { display: block; width: 100%; height: auto; }
.chart .hbar { max-width: 500px; }
.tbl { overflow-x: auto; }
.scroll { max-height: 430px; overflow-y: auto; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; font-weight: 600; color: var(--muted); white-space: nowrap; background: var(--card);
     border-bottom: 2px solid var(--line); position: sticky; top: 0; }
.n { text-align: right; white-space: nowrap; }
td.ip, td.t { white-space: nowrap; }
td.w { overflow-wrap: anywhere; min-width: 14em; }
td.uri { overflow-wrap: anywhere; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
tr.first td { border-top: 2px solid var(--line); }
.null { color: var(--muted); }
.note, .legend { font-size: 12px; color: var(--muted); margin: 2px 0 8px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 12px;
            vertical-align: -1px; }
svg text { font-size: 11px; fill: var(--ink); }
svg .lab, svg .yl { text-anchor: end; }
svg .val, svg .yl, svg .xl { fill: var(--muted); }
svg .xl { text-anchor: middle; }
svg .axis line { stroke: var(--line); stroke-width: 1; }
.s2 { fill: #2e9d57; background: #2e9d57; } .s3 { fill: #3b7dd8; background: #3b7dd8; }
.s4 { fill: #e8912d; background: #e8912d; } .s5 { fill: #d64545; background: #d64545; }
.sx { fill: #8a63d2; background: #8a63d2; }
.bar { fill: #4f6fc8; } .muted { fill: #b9c0cc; } .atk { fill: #b8402f; }
.s403 { fill: #a63d1c; background: #a63d1c; } .s404 { fill: #f0a630; background: #f0a630; }
.mark { stroke: var(--ink); stroke-width: 2; }
i.mk { width: 3px; background: var(--ink); }
@media (max-width: 1000px) { .grid { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 11px; }
  header, main { max-width: none; padding: 0; }
  nav { display: none; }
  section { border: 0; border-radius: 0; padding: 0; margin: 0 0 14px; break-inside: avoid; }
  section.long { break-inside: auto; }
  .grid { gap: 24px; margin: 0 0 14px; }
  .grid > section { margin: 0; }
  .scroll, .tbl { max-height: none; overflow: visible; border: 0; }
  th { position: static; }
  thead { display: table-header-group; }
  tr, svg, h2 { break-inside: avoid; }
  h2 { break-after: avoid; }
  table { font-size: 10px; }
}
</style>
</head>
<body>';

-- The summary line.
SELECT '<header>
<h1>zeeklog triage report</h1>
<p class="log">' || replace(replace(replace(replace(replace(m.log,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') || '</p>
<dl class="summary" id="summary">' || group_concat(printf('<div><dt>%s</dt><dd id="s-%s">%s</dd></div>', k, k,
         coalesce(replace(replace(replace(replace(replace(v,
           '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '–')), '')
  || '</dl>'
FROM zeeklog_html_meta AS m,
     (SELECT 'requests' AS k, requests AS v, 1 AS o FROM zeeklog_html_summary
      UNION ALL SELECT 'source_ips', source_ips, 2 FROM zeeklog_html_summary
      UNION ALL SELECT 'skipped_lines', skipped_lines, 3 FROM zeeklog_html_summary
      UNION ALL SELECT 'first_request', first_request, 4 FROM zeeklog_html_summary
      UNION ALL SELECT 'last_request', last_request, 5 FROM zeeklog_html_summary
      UNION ALL SELECT 'time_zone', time_zone, 6 FROM zeeklog_html_summary
      UNION ALL SELECT 'zeeklog', zeeklog, 7 FROM zeeklog_html_summary
      ORDER BY o);
SELECT '<nav>' || group_concat(printf('<a href="#r%s">%s. %s</a>', id, num,
         CASE id WHEN '01' THEN 'Status codes' WHEN '02' THEN 'Top sources' WHEN '03' THEN 'Over time'
                 WHEN '04a' THEN 'User agents' WHEN '04b' THEN 'Scanners' WHEN '05' THEN '403/404 sources'
                 WHEN '06' THEN 'Rate spikes' WHEN '07a' THEN 'Attack classes' WHEN '07b' THEN 'Attack examples'
                 ELSE file END), '') || '</nav>
</header>
<main>'
FROM (SELECT * FROM zeeklog_html_reports ORDER BY id = '03' DESC, id);

-- 3. Over time: the chart, its legend (the modal statuses drawn) and the table.
SELECT printf('<section id="r03" class="long"><h2>%s. %s <small>%s</small></h2>', num, title, file)
FROM zeeklog_html_reports WHERE id = '03';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'hourly'),
                                         '<p class="note">No requests with a time.</p>') || '</div>';
SELECT '<p class="legend">Each column: the requests of one ' || coalesce((SELECT width FROM zeeklog_html_03 LIMIT 1), 'bucket')
       || ', coloured by its modal status:' || coalesce(group_concat(printf('<i class="%s"></i>%s', cls, codes), ''), '')
       || '</p>'
FROM (SELECT CASE WHEN modal_status BETWEEN 200 AND 599 THEN 's' || (modal_status / 100) ELSE 'sx' END AS cls,
             group_concat(modal_status, ', ') AS codes
      FROM (SELECT DISTINCT modal_status FROM zeeklog_html_03 WHERE modal_status IS NOT NULL ORDER BY 1)
      GROUP BY 1 ORDER BY 1);
SELECT '<div class="tbl scroll"><table id="t03"><thead><tr><th>bucket</th><th>width</th><th class="n">requests</th>'
       || '<th class="n">modal_status</th></tr></thead><tbody>';
SELECT printf('<tr><td class="t">%s</td><td class="t">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
              bucket, width, printf('%,d', requests), coalesce(modal_status, '<span class="null">–</span>'))
FROM zeeklog_html_03 ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_03);
SELECT '</tbody></table></div></section>';

-- 1. Status codes and 4b. Scanners, side by side.
SELECT '<div class="grid">';
SELECT printf('<section id="r01"><h2>%s. %s <small>%s</small></h2>', num, title, file)
FROM zeeklog_html_reports WHERE id = '01';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'status'), '') || '</div>';
SELECT '<div class="tbl"><table id="t01"><thead><tr><th class="n">status_code</th><th>status_msg</th>'
       || '<th class="n">requests</th><th class="n">share</th></tr></thead><tbody>';
SELECT printf('<tr><td class="n">%s</td><td class="w">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
              coalesce(status_code, '<span class="null">–</span>'),
              coalesce(replace(replace(replace(replace(replace(status_msg,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              printf('%,d', requests), printf('%.2f%%', share))
FROM zeeklog_html_01 ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_01);
SELECT '</tbody></table></div></section>';

SELECT printf('<section id="r04b"><h2>%s. %s <small>%s</small></h2>', num, title, file)
FROM zeeklog_html_reports WHERE id = '04b';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'scanners'), '') || '</div>';
SELECT '<div class="tbl"><table id="t04b"><thead><tr><th>scanner</th><th class="n">requests</th><th class="n">share</th>'
       || '<th class="n">user_agents</th><th class="n">src_ips</th><th>top_src_ip</th></tr></thead><tbody>';
SELECT printf('<tr><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="ip">%s</td></tr>',
              coalesce(replace(replace(replace(replace(replace(scanner,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              printf('%,d', requests), printf('%.2f%%', share), printf('%,d', user_agents), printf('%,d', src_ips),
              coalesce(replace(replace(replace(replace(replace(top_src_ip,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'))
FROM zeeklog_html_04b ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_04b);
SELECT '</tbody></table></div><p class="note">The last row (–) counts every request whose user agent names no known scanner.</p></section></div>';

-- 2. Top sources: the chart above the table (whose user agents want the width).
SELECT printf('<section id="r02"><h2>%s. %s <small>%s</small></h2><div class="stack">', num, title, file)
FROM zeeklog_html_reports WHERE id = '02';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'sources'), '') || '</div>';
SELECT '<div class="tbl"><table id="t02"><thead><tr><th>src_ip</th><th>network</th><th class="n">requests</th><th class="n">share</th>'
       || '<th>first_seen</th><th>last_seen</th><th>top_user_agent</th></tr></thead><tbody>';
SELECT printf('<tr><td class="ip">%s</td><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="t">%s</td><td class="t">%s</td><td class="w">%s</td></tr>',
              coalesce(replace(replace(replace(replace(replace(src_ip,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              coalesce(network, '<span class="null">–</span>'),
              printf('%,d', requests), printf('%.2f%%', share),
              coalesce(first_seen, '<span class="null">–</span>'), coalesce(last_seen, '<span class="null">–</span>'),
              coalesce(replace(replace(replace(replace(replace(top_user_agent,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'))
FROM zeeklog_html_02 ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_02);
SELECT '</tbody></table></div></div></section>';

-- 4a. User agents.
SELECT printf('<section id="r04a"><h2>%s. %s <small>%s</small></h2>', num, title, file)
FROM zeeklog_html_reports WHERE id = '04a';
SELECT '<div class="tbl"><table id="t04a"><thead><tr><th>user_agent</th><th>scanner</th><th class="n">requests</th>'
       || '<th class="n">share</th><th class="n">src_ips</th></tr></thead><tbody>';
SELECT printf('<tr><td class="w">%s</td><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
              coalesce(replace(replace(replace(replace(replace(user_agent,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              coalesce(replace(replace(replace(replace(replace(scanner,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              printf('%,d', requests), printf('%.2f%%', share), printf('%,d', src_ips))
FROM zeeklog_html_04a ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_04a);
SELECT '</tbody></table></div></section>';

-- 5. 403/404 sources.
SELECT printf('<section id="r05"><h2>%s. %s <small>%s</small></h2><div class="pair">', num, title, file)
FROM zeeklog_html_reports WHERE id = '05';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'errors'),
                                         '<p class="note">No 403 or 404 responses.</p>')
       || '<p class="legend"><i class="s403"></i>403 Forbidden<i class="s404"></i>404 Not Found</p></div>';
SELECT '<div class="tbl"><table id="t05"><thead><tr><th>src_ip</th><th class="n">403+404</th><th class="n">403</th>'
       || '<th class="n">404</th><th class="n">requests</th><th class="n">error_share</th></tr></thead><tbody>';
SELECT printf('<tr><td class="ip">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
              coalesce(replace(replace(replace(replace(replace(src_ip,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              printf('%,d', "403+404"), printf('%,d', "403"), printf('%,d', "404"), printf('%,d', requests),
              printf('%.2f%%', error_share))
FROM zeeklog_html_05 ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_05);
SELECT '</tbody></table></div></div></section>';

-- 6. Rate spikes.
SELECT printf('<section id="r06"><h2>%s. %s <small>%s</small></h2><div class="pair">', num, title, file)
FROM zeeklog_html_reports WHERE id = '06';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'spikes'), '')
       || '<p class="legend">Bars: requests in the busiest minute;<i class="mk"></i>the median minute.</p></div>';
SELECT '<div class="tbl"><table id="t06"><thead><tr><th>src_ip</th><th>busiest_minute</th><th class="n">at_peak</th>'
       || '<th class="n">minute_reqs</th><th class="n">peak_rps</th><th class="n">median_rps</th><th class="n">ratio</th>'
       || '<th class="n">minutes</th><th class="n">total</th></tr></thead><tbody>';
SELECT printf('<tr><td class="ip">%s</td><td class="t">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>',
              coalesce(replace(replace(replace(replace(replace(src_ip,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              busiest_minute, printf('%,d', at_peak), printf('%,d', minute_reqs), printf('%.2f', peak_rps),
              printf('%.3f', median_rps), printf('%.1f×', ratio), printf('%,d', minutes), printf('%,d', total))
FROM zeeklog_html_06 ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_06);
SELECT '</tbody></table></div></div></section>';

-- 7a. Attack classes.
SELECT printf('<section id="r07a"><h2>%s. %s <small>%s</small></h2><div class="pair">', num, title, file)
FROM zeeklog_html_reports WHERE id = '07a';
SELECT '<div class="chart">' || coalesce((SELECT svg FROM zeeklog_html_svg WHERE chart = 'attacks'),
                                         '<p class="note">No URI matched an attack class.</p>') || '</div>';
SELECT '<div class="tbl"><table id="t07a"><thead><tr><th>attack_class</th><th class="n">requests</th><th class="n">uris</th>'
       || '<th class="n">src_ips</th><th>top_src_ip</th><th class="n">top_src_requests</th></tr></thead><tbody>';
SELECT printf('<tr><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="ip">%s</td><td class="n">%s</td></tr>',
              replace(replace(replace(replace(replace(attack_class,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
              printf('%,d', requests), printf('%,d', uris), printf('%,d', src_ips),
              coalesce(replace(replace(replace(replace(replace(top_src_ip,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'),
              printf('%,d', top_src_requests))
FROM zeeklog_html_07a ORDER BY rowid;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_07a);
SELECT '</tbody></table></div></div></section>';

-- 7b. Attack examples: every URI whole (bytes outside printable ASCII as
-- \xNN, as the report writes them); its sources, the first 3 and "+N".
SELECT printf('<section id="r07b" class="long"><h2>%s. %s <small>%s</small></h2>', num, title, file)
FROM zeeklog_html_reports WHERE id = '07b';
SELECT '<div class="tbl"><table id="t07b"><thead><tr><th>attack_class</th><th>uri</th><th class="n">requests</th>'
       || '<th>src_ips</th></tr></thead><tbody>';
WITH
r AS (SELECT rowid AS k, *, lag(attack_class) OVER (ORDER BY rowid) AS prev FROM zeeklog_html_07b),
-- The list's first three sources: where its third ", " is.
c1 AS (SELECT *, instr(src_ips, ', ') AS a FROM r),
c2 AS (SELECT *, CASE WHEN a > 0 THEN instr(substr(src_ips, a + 2), ', ') ELSE 0 END AS b FROM c1),
c3 AS (SELECT *, CASE WHEN b > 0 THEN instr(substr(src_ips, a + b + 3), ', ') ELSE 0 END AS c FROM c2),
f AS (
  SELECT *, CASE WHEN c = 0 THEN src_ips
                 ELSE substr(src_ips, 1, a + b + c + 1) || ' +'
                      || (length(src_ips) - length(replace(src_ips, ', ', ',')) + 1 - 3) END AS shown
  FROM c3
)
SELECT printf('<tr%s><td>%s</td><td class="uri">%s</td><td class="n">%s</td><td class="w">%s</td></tr>',
              CASE WHEN prev IS NULL OR prev IS NOT attack_class THEN ' class="first"' ELSE '' END,
              replace(replace(replace(replace(replace(attack_class,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
              replace(replace(replace(replace(replace(uri,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
              printf('%,d', requests),
              coalesce(replace(replace(replace(replace(replace(shown,
                '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'), '<span class="null">–</span>'))
FROM f ORDER BY k;
SELECT '<tr><td class="null" colspan="9">no rows</td></tr>' WHERE NOT EXISTS (SELECT 1 FROM zeeklog_html_07b);
SELECT '</tbody></table></div></section>';

SELECT '</main>
</body>
</html>';

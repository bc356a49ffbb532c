#!/bin/sh
# Prints the sqlite3 shell script that writes the triage page (one HTML file
# with every report and its charts); bin/zeeklog-report --format html runs it
# after making `http` and the reports' shared tables:
#   sh sql/html/make_page.sh SQLDIR PAGE LOG ZONE
# SQLDIR: the reports (sql/); PAGE: the file to write; LOG: the log's name as
# the user gave it (shown on the page); ZONE: the time zone's name (UTC).
# Each report's own SELECT (raw numbers: zeeklog_raw) fills a temp table
# zeeklog_html_NN (zeeklog_html_01, ..., zeeklog_html_07b), the summary line
# of triage.sql fills zeeklog_html_summary, and sql/html/page.sql writes the
# page from those tables only: its numbers are the reports' by construction.
# A line "-- report file: NAME.sql" precedes each report, as in triage.sql,
# so that the runner can split the script before 07a.
set -e
[ $# -eq 4 ] || { echo "usage: make_page.sh SQLDIR PAGE LOG ZONE" >&2; exit 2; }
sqldir=$1 page=$2 log=$3 zone=$4
[ -f "$sqldir/triage.sql" ] && [ -f "$sqldir/html/page.sql" ] || {
  echo "make_page.sh: no triage.sql or html/page.sql in $sqldir" >&2; exit 2; }

# SQL text literal; dot-command argument (the shell decodes \ escapes there).
sql_str() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
dot_arg() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

echo "-- sql/html/make_page.sh: the triage page"
echo "CREATE TEMP TABLE zeeklog_raw(x);"
echo "CREATE TEMP TABLE zeeklog_html_meta(log, zone);"
echo "INSERT INTO zeeklog_html_meta VALUES ($(sql_str "$log"), $(sql_str "$zone"));"
echo "CREATE TEMP TABLE zeeklog_html_reports(id, num, title, file);"
# One awk for every file (a process per report cost more than the page's SQL):
# each report's SQL with its SELECT turned into CREATE TEMP TABLE
# zeeklog_html_ID AS SELECT (the setup statements before "-- report"
# unchanged), and a row of zeeklog_html_reports: its number, title (as the
# text report's heading says it, HTML-escaped) and file. After 01 (whose
# setup makes zeeklog_totals when the runner did not), the summary line:
# triage.sql's own, from its title to its first report.
awk -v zone="$zone" '
  function sq(x) { gsub(/\047/, "\047\047", x); return "\047" x "\047" }
  function html(x) { gsub(/&/, "\\&amp;", x); gsub(/</, "\\&lt;", x); gsub(/>/, "\\&gt;", x); return x }
  function flush(  name, id, num) {
    if (file == "") return
    name = file; sub(/.*\//, "", name); sub(/\.sql$/, "", name)
    id = name; sub(/_.*/, "", id); num = id; sub(/^0/, "", num)
    if (tz) title = title " (times in " zone ")"
    print "-- report file: " name ".sql"
    print "INSERT INTO zeeklog_html_reports VALUES (" sq(id) ", " sq(num) ", " sq(html(title)) ", " sq(name ".sql") ");"
    gsub(/\n-- report\n/, "\n-- report\nCREATE TEMP TABLE zeeklog_html_" id " AS\n", body)
    printf "%s", body
    if (id == "01") printf "%s", summary
  }
  FNR == 1 { flush(); file = (NR == 1 ? "" : FILENAME); title = ""; tz = 0; body = "\n" }
  NR == FNR {   # triage.sql
    if (/^-- report file: /) { on = 0; next }
    if (on && $0 == "-- report") { summary = summary $0 "\nCREATE TEMP TABLE zeeklog_html_summary AS\n"; next }
    if (on) summary = summary $0 "\n"
    if ($0 == ".print \047zeeklog triage report\047") on = 1
    next
  }
  title == "" && /^-- title: / { title = substr($0, 11) }
  /zeeklog_tz/ { tz = 1 }
  { body = body $0 "\n" }
  END { flush() }
' "$sqldir/triage.sql" "$sqldir"/[0-9][0-9]*.sql
echo ".output $(dot_arg "$page")"
echo ".read $(dot_arg "$sqldir/html/page.sql")"
echo ".output"

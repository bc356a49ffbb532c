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
# A report file's SQL with its SELECT turned into CREATE TEMP TABLE TABLE AS
# SELECT (the setup statements before "-- report" unchanged).
as_table() { # FILE TABLE
  awk -v t="$2" '$0 == "-- report" { print; print "CREATE TEMP TABLE " t " AS"; next } { print }' "$1"
}

echo "-- sql/html/make_page.sh: the triage page"
echo "CREATE TEMP TABLE zeeklog_raw(x);"
echo "CREATE TEMP TABLE zeeklog_html_meta(log, zone);"
echo "INSERT INTO zeeklog_html_meta VALUES ($(sql_str "$log"), $(sql_str "$zone"));"
# One row per report: its number, title (as the text report's heading says
# it, HTML-escaped) and file.
echo "CREATE TEMP TABLE zeeklog_html_reports(id, num, title, file);"
for f in "$sqldir"/[0-9][0-9]*.sql; do
  name=$(basename "$f" .sql)
  id=${name%%_*}
  title=$(sed -n 's/^-- title: //p' "$f" | head -n 1)
  grep -q zeeklog_tz "$f" && title="$title (times in $zone)"
  title=$(printf '%s' "$title" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')   # HTML text
  echo "INSERT INTO zeeklog_html_reports VALUES ($(sql_str "$id"), $(sql_str "$(echo "$id" | sed 's/^0//')"), $(sql_str "$title"), $(sql_str "$name.sql"));"
done
for f in "$sqldir"/[0-9][0-9]*.sql; do
  name=$(basename "$f" .sql)
  echo "-- report file: $name.sql"
  as_table "$f" "zeeklog_html_${name%%_*}"
  # The summary line after 01 (whose setup makes zeeklog_totals when the
  # runner did not): triage.sql's own, from its title to its first report.
  if [ "${name%%_*}" = 01 ]; then
    awk '/^-- report file: / { exit }
         on && $0 == "-- report" { print; print "CREATE TEMP TABLE zeeklog_html_summary AS"; next }
         on
         /^\.print .zeeklog triage report.$/ { on = 1 }' "$sqldir/triage.sql"
  fi
done
echo ".output $(dot_arg "$page")"
echo ".read $(dot_arg "$sqldir/html/page.sql")"
echo ".output"

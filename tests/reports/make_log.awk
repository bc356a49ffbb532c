# Writes the test http.log from blocks.txt (see there), or another test log
# from another blocks file (START may then be DAYS/HH:MM:SS: DAYS after
# 2012-03-16; the malformed line comes after the 300th request, if any):
#   awk -f tests/reports/make_log.awk tests/reports/blocks.txt > tests/reports/http.log
BEGIN {
  FS = "|"; OFS = "\t"
  ua["dirbuster"] = "DirBuster-0.12 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)"
  ua["nmap"] = "Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)"
  ua["skipfish"] = "Mozilla/5.0 SF/2.03b"
  ua["nikto"] = "Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:000001)"
  ua["sqlmap"] = "sqlmap/1.0-dev (http://sqlmap.org)"
  ua["firefox"] = "Mozilla/5.0 (Windows NT 6.1; rv:10.0.2) Gecko/20100101 Firefox/10.0.2"
  ua["msie"] = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)"
  ua["chrome"] = "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/535.11 (KHTML, like Gecko) Chrome/17.0.963.79 Safari/535.11"
  ua["safari"] = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_3) AppleWebKit/534.53.11 (KHTML, like Gecko) Version/5.1.3 Safari/534.53.10"
  ua["-"] = "-"
  msg[200] = "OK"; msg[302] = "Found"; msg[304] = "Not Modified"; msg[400] = "Bad Request"
  msg[401] = "Unauthorized"; msg[403] = "Forbidden"; msg[404] = "Not Found"
  msg[500] = "Internal Server Error"; msg["-"] = "-"
  day = 1331856000
  print "#separator \\x09"
  print "#set_separator", ","
  print "#empty_field", "(empty)"
  print "#unset_field", "-"
  print "#path", "http"
  print "#open", "2012-03-16-10-00-00"
  print "#fields", "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "trans_depth", "method", "host", "uri", "referrer", "user_agent", "request_body_len", "response_body_len", "status_code", "status_msg", "info_code", "info_msg", "filename", "tags", "username", "password", "proxied", "orig_fuids", "orig_mime_types", "resp_fuids", "resp_mime_types"
  print "#types", "time", "string", "addr", "port", "addr", "port", "count", "string", "string", "string", "string", "string", "count", "count", "count", "string", "count", "string", "string", "table[enum]", "string", "string", "table[string]", "vector[string]", "vector[string]", "vector[string]", "vector[string]"
}
/^#/ || NF == 0 { next }
{
  # START is HH:MM:SS on 2012-03-16, or DAYS/HH:MM:SS that many days later
  d = 0; hms = $1
  if (index(hms, "/")) { d = substr(hms, 1, index(hms, "/") - 1); hms = substr(hms, index(hms, "/") + 1) }
  split(hms, t, ":")
  start = day + d * 86400 + t[1] * 3600 + t[2] * 60 + t[3]
  for (i = 0; i < $3; i++) {
    n++
    uri = $7; gsub(/%i/, i, uri)
    st = $8
    print sprintf("%.6f", start + i * $2), sprintf("CT%016d", n), $4, 40000 + n, "192.168.1.80", 80, 1, $6, "192.168.1.80", uri, "-", ua[$5], 0, (st == "-" ? 0 : 100 + n % 900), st, msg[st], "-", "-", "-", "(empty)", "-", "-", "-", "-", "-", "-", "-"
    if (n == 300) print "1331866200.000000", "CTBROKEN", "10.0.0.99", "this line has too few fields"
  }
}
END { print "#close", "2012-03-16-17-00-00" }

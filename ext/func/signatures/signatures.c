/*
** signatures.c — signature sets (see signatures.h) and zeeklog's built-in
** lists. In SQL (sql_signatures.c):
**
**   SELECT scanner_ua('Mozilla/5.0 SF/2.03b');            -- 'Skipfish'
**   SELECT attack_class('/p.php?id=1 UNION SELECT 1,2');  -- 'sqli'
**   SELECT * FROM scanner_signatures;      -- name, pattern, category, reference
**   INSERT INTO attack_signatures(name, pattern) VALUES ('ssrf', '169\.254\.169\.254');
**
** How one match covers the whole list: signature k with pattern P becomes the
** alternative
**
**   (?=[\s\S]*?(?:P))(*MARK:k)
**
** (with a faster equivalent of [\s\S]*? when PCRE2 knows which bytes can
** start P: see add_approach()), and the alternatives, in id order, are joined
** as \A(?|alt0|alt1|...).
** Anchored at the start, PCRE2 tries alternative 0 (does P0 occur anywhere?),
** then 1, ... and stops at the first that succeeds; pcre2_get_mark() names
** it. So the winner is the first signature in table order, whatever the
** position of the matches in the value. Each P sits in its own lookahead,
** where backtracking verbs stay confined; the branch-reset group (?|...)
** numbers each alternative's groups from 1, so \1 inside P means P's own
** group. The mark comes after the lookahead so a (*MARK) inside P cannot
** hide it.
*/
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "func/regexp/regex.h"
#include "func/signatures/signatures.h"
#include "func/uri/uri.h"

/* ------------------------------------------------------------------------ */
/* The built-in lists.                                                      */
/* ------------------------------------------------------------------------ */

/* Scanner user agents: a tool's default User-Agent, which most users of the
** tool never change. Ordinary clients (browsers, curl, wget, python-requests,
** search-engine crawlers) are deliberately absent: they are not scanners, and
** listing them would bury the tools under everyday traffic. */
const ZlSignatureSpec zl_scanner_signatures[] = {
  { "Nmap", "\\bNmap (?:Scripting Engine|NSE)\\b", "port_scanner",
    "https://nmap.org/book/nse.html" },
  { "DirBuster", "\\bDirBuster\\b", "content_discovery",
    "https://www.owasp.org/index.php/Category:OWASP_DirBuster_Project" },
  /* "Mozilla/5.0 SF/2.03b", or SF/x appended to a borrowed browser string */
  { "Skipfish", "(?:^|[\\s;(])SF/\\d+\\.\\d", "vuln_scanner",
    "https://code.google.com/archive/p/skipfish/" },
  { "Nikto", "\\bNikto\\b", "vuln_scanner", "https://github.com/sullo/nikto" },
  { "sqlmap", "\\bsqlmap/", "sqli_tool", "https://sqlmap.org" },
  { "w3af", "\\bw3af\\b", "vuln_scanner",
    "https://github.com/andresriancho/w3af" },
  { "Acunetix", "acunetix", "vuln_scanner", "https://www.acunetix.com" },
  { "Nessus", "\\bNessus\\b", "vuln_scanner",
    "https://www.tenable.com/products/nessus" },
  { "OpenVAS", "\\bOpenVAS\\b", "vuln_scanner", "https://www.openvas.org" },
  { "Netsparker", "\\bNetsparker\\b", "vuln_scanner", "https://www.invicti.com" },
  { "Arachni", "\\bArachni/", "vuln_scanner",
    "https://github.com/Arachni/arachni" },
  { "Nuclei", "\\bNuclei - Open-source project\\b|projectdiscovery/nuclei",
    "vuln_scanner", "https://github.com/projectdiscovery/nuclei" },
  { "Wapiti", "\\bWapiti\\b", "vuln_scanner",
    "https://github.com/wapiti-scanner/wapiti" },
  { "WPScan", "\\bWPScan\\b", "cms_scanner", "https://wpscan.com" },
  { "WhatWeb", "\\bWhatWeb/", "fingerprinter",
    "https://github.com/urbanadventurer/WhatWeb" },
  { "gobuster", "\\bgobuster/", "content_discovery",
    "https://github.com/OJ/gobuster" },
  { "feroxbuster", "\\bferoxbuster/", "content_discovery",
    "https://github.com/epi052/feroxbuster" },
  /* dirb's default User-Agent imitates MSIE 6; only a customised one shows. */
  { "dirb", "\\bdirb\\b", "content_discovery", "http://dirb.sourceforge.net" },
  { "dirsearch", "\\bdirsearch\\b", "content_discovery",
    "https://github.com/maurosoria/dirsearch" },
  { "ffuf", "\\bFuzz Faster U Fool\\b|\\bffuf/", "fuzzer",
    "https://github.com/ffuf/ffuf" },
  { "wfuzz", "\\bwfuzz\\b", "fuzzer", "https://github.com/xmendez/wfuzz" },
  { "Havij", "\\bHavij\\b", "sqli_tool", NULL },
  { "commix", "\\bcommix/", "cmd_injection_tool",
    "https://github.com/commixproject/commix" },
  { "masscan", "\\bmasscan(?:-ng)?/", "internet_scanner",
    "https://github.com/robertdavidgraham/masscan" },
  { "zgrab", "\\bzgrab/", "internet_scanner", "https://github.com/zmap/zgrab2" },
  { "Censys", "\\bCensysInspect/", "internet_scanner", "https://about.censys.io/" },
  /* THC-Hydra's http modules; AddThis' crawler once sent the same string. */
  { "Hydra", "\\(Hydra\\)", "brute_forcer",
    "https://github.com/vanhauser-thc/thc-hydra" },
  { "ZmEu", "\\bZmEu\\b", "malicious_bot", NULL },
  { "Morfeus", "\\bMorfeus F\\w* Scanner\\b", "malicious_bot", NULL },
  { "Jorgee", "\\bJorgee\\b", "malicious_bot", NULL },
};
const size_t zl_scanner_signature_count =
  sizeof zl_scanner_signatures / sizeof zl_scanner_signatures[0];

/* Attack classes in URIs, matched after decoding (see attack_class()). The
** order is the priority: a URI that reads /etc/passwd through ../ is 'lfi',
** not 'traversal'; ';cat /etc/passwd' is 'cmd_injection'. Each pattern wants
** syntax, not vocabulary: 'union' and 'select' as words, `select=` in a
** query string, "rock and roll" do not fire. */
#define CWE "https://cwe.mitre.org/data/definitions/"
const ZlSignatureSpec zl_attack_signatures[] = {
  /* --- SQL injection --------------------------------------------------- */
  /* between the words: blanks, '(', SQL comments, MySQL versioned comments */
  { "sqli", "(?:\\b|(?<=/\\*!\\d{5}))union(?:\\s|\\(|/\\*.*?\\*/|/\\*!\\d*"
            "|\\*/)+(?:(?:all|distinct)(?:\\s|\\(|/\\*.*?\\*/)+)?select\\b",
    "UNION SELECT", CWE "89.html" },
  { "sqli", "['\"`]\\s*\\)*\\s*(?:(?:or|and|xor)\\b|\\|\\||&&)\\s*\\(*\\s*"
            "['\"]?\\w*['\"]?\\s*(?:=|<>|!=|<|>|\\blike\\b|\\bis\\b)",
    "quote then boolean condition (' or '1'='1)", CWE "89.html" },
  { "sqli", "(?:\\d|['\")])\\s*(?:(?:or|and|xor)\\s+|\\|\\||&&)\\s*\\(*\\d+\\s*"
            "(?:=|<>|!=|<=?|>=?)\\s*\\d+\\b",
    "numeric boolean condition (1 AND 1=1)", CWE "89.html" },
  { "sqli", "['\"]\\s*\\)*\\s*(?:--(?:[\\s&-]|$)|#(?:\\s|&|$)|;\\s*(?:--|#|$))",
    "quote then comment (admin'--)", CWE "89.html" },
  { "sqli", "\\b(?:sleep|pg_sleep|benchmark)\\s*\\(\\s*\\d"
            "|\\bwaitfor\\s+(?:delay|time)\\s+['\"]"
            "|\\bdbms_(?:pipe\\s*\\.\\s*receive_message|lock\\s*\\.\\s*sleep)\\b",
    "time-based blind probe", CWE "89.html" },
  { "sqli", "\\binformation_schema\\b|@@(?:version|datadir|hostname|servername)\\b"
            "|\\bxp_cmdshell\\b|\\bsysobjects\\b|\\bsys\\s*\\.\\s*(?:objects|tables"
            "|columns|databases)\\b|\\bpg_(?:catalog|shadow|user)\\b"
            "|\\bmysql\\s*\\.\\s*user\\b|\\bsqlite_master\\b|\\bload_file\\s*\\("
            "|\\binto\\s+(?:out|dump)file\\b|\\butl_http\\b",
    "database catalogue or file access", CWE "89.html" },
  { "sqli", ";\\s*(?:(?:drop|truncate|alter)\\s+(?:table|database|schema)\\b"
            "|(?:exec|execute)\\s+(?:master\\.\\.)?(?:xp|sp)_\\w+"
            "|shutdown\\s*(?:--|#|;|$)|(?:insert\\s+into|delete\\s+from)\\s+\\w"
            "|declare\\s+@\\w|select\\s+[\\w*@])",
    "stacked query", CWE "89.html" },
  { "sqli", "\\b(?:char|chr)\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)+\\)"
            "|\\b(?:group_concat|concat_ws|extractvalue|updatexml|make_set)\\s*\\("
            "|\\bconvert\\s*\\(\\s*int\\b"
            "|\\bcast\\s*\\([^)]{1,80}?\\bas\\s+(?:int|char|varchar|nvarchar|numeric)\\b",
    "SQL function used for extraction", CWE "89.html" },
  { "sqli", "\\bselect\\s+(?:\\*|null\\b|@@|(?:count|concat|char|version|user"
            "|database|substring|ascii|sleep)\\s*\\(|(?:distinct\\s+)?[\\w.]+\\s*,"
            "\\s*[\\w.]+\\s*(?:,|\\bfrom\\b))",
    "SELECT with a column list", CWE "89.html" },
  { "sqli", "(?:['\")]|\\d)\\s*\\b(?:order\\s+by|group\\s+by)\\s+\\d+\\s*"
            "(?:--|#|/\\*|;|$)|\\bhaving\\s+\\d+\\s*=\\s*\\d+",
    "ORDER BY column probing", CWE "89.html" },
  /* --- cross-site scripting -------------------------------------------- */
  { "xss", "<\\s*/?\\s*script\\b", "script tag", CWE "79.html" },
  { "xss", "<\\s*(?:iframe|frame|frameset|object|embed|applet|svg|img|image"
           "|body|video|audio|source|details|marquee|isindex|form|input"
           "|textarea|button|meta|link|style|base|math|xss|a\\s+href)\\b",
    "active HTML tag", CWE "79.html" },
  { "xss", "[\"'\\s/]on(?:error|load|unload|beforeunload|mouse(?:over|out|down"
           "|up|move|enter|leave)|focus(?:in|out)?|blur|click|dblclick"
           "|contextmenu|key(?:down|up|press)|change|submit|reset|select|input"
           "|toggle|begin|end|start|finish|animation(?:start|end|iteration)"
           "|transition(?:end|run|start)|pageshow|pagehide|hashchange|popstate"
           "|message|readystatechange|resize|scroll|wheel|drag\\w*|drop"
           "|pointer\\w+|touch\\w+|play|playing|pause|ended|show|copy|paste"
           "|cut|auxclick)\\s*=",
    "event handler attribute", CWE "79.html" },
  { "xss", "\\b(?:java|vb|live)script\\s*:|\\bdata\\s*:\\s*text/html\\b",
    "script URL", CWE "79.html" },
  { "xss", "\\b(?:alert|prompt|confirm)\\s*(?:\\(|`)"
           "|\\bdocument\\s*\\.\\s*(?:cookie|domain|write(?:ln)?|location)\\b"
           "|\\bwindow\\s*\\.\\s*(?:location|name)\\b"
           "|\\bString\\s*\\.\\s*fromCharCode\\b|\\beval\\s*\\(|\\bexpression\\s*\\("
           "|\\bsrcdoc\\s*=|\\batob\\s*\\(",
    "script code", CWE "79.html" },
  /* --- command injection ----------------------------------------------- */
  { "cmd_injection", "(?:[;|`\\n\\r]|\\$\\(|&&)\\s*(?:/(?:usr/)?s?bin/)?"
                     "(?:whoami|uname|wget|curl|netcat|ncat|nc|bash|sh|zsh|ksh"
                     "|ifconfig|ipconfig|nslookup|powershell|cmd(?:\\.exe)?"
                     "|systeminfo|tftp|telnet|busybox|python[23]?|perl|ruby"
                     "|chmod|net\\s+(?:user|localgroup))\\b(?!\\s*=)",
    "shell command after a metacharacter", CWE "78.html" },
  { "cmd_injection", "(?:[;`\\n\\r]|\\$\\(|&&|\\|\\|)\\s*(?:cat|ls|id|pwd|echo"
                     "|ping|sleep|ps|env|rm|dir|type|set|kill|head|tail|more"
                     "|touch|mkdir|cp|mv|find|grep|awk|sed|export|printf)"
                     "(?:\\s|$|[;&|`)<>])"
                     "|\\|\\s*(?:cat|ls|id|echo|ping|ps|rm|dir|type|head|tail"
                     "|find|grep)\\s+[-/.\\w]",
    "common command after a metacharacter", CWE "78.html" },
  { "cmd_injection", "\\$\\{IFS\\}|\\$IFS\\b", "shell field-separator evasion",
    CWE "78.html" },
  { "cmd_injection", "\\(\\s*\\)\\s*\\{[^}]*;\\s*\\}\\s*;", "Shellshock",
    "https://nvd.nist.gov/vuln/detail/CVE-2014-6271" },
  { "cmd_injection", "<\\?php\\b|\\b(?:system|passthru|shell_exec|popen"
                     "|proc_open|pcntl_exec)\\s*\\(\\s*['\"$a-z_]"
                     "|\\bRuntime\\s*\\.\\s*getRuntime\\s*\\("
                     "|\\bjava\\.lang\\.(?:Runtime|ProcessBuilder)\\b",
    "code execution function", CWE "94.html" },
  { "cmd_injection", "\\$\\{[^}]{0,40}\\bjndi\\s*:"
                     "|\\$\\{\\s*(?:lower|upper|env|sys|::-)[^}]*\\}",
    "JNDI lookup (Log4Shell)",
    "https://nvd.nist.gov/vuln/detail/CVE-2021-44228" },
  /* --- remote file inclusion ------------------------------------------- */
  { "rfi", "=\\s*(?:https?|ftps?)://[^&\\s?]*/[^&\\s?/]+\\?+(?:&|$|\\x00)",
    "remote URL ending in '?' (cuts off the appended suffix)", CWE "98.html" },
  { "rfi", "=\\s*(?:https?|ftps?)://[^&\\s]*\\.txt(?:\\?|&|$|\\x00)",
    "remote script served as text", CWE "98.html" },
  { "rfi", "=\\s*(?:https?|ftps?)://[^&\\s]*\\b(?:c99|r57|c100|wso|b374k)\\w*"
           "\\.(?:php|txt)\\b",
    "known web shell", CWE "98.html" },
  { "rfi", "\\b(?:php://input|data://|expect://)"
           "|\\bdata:text/plain\\s*;\\s*base64\\b",
    "stream wrapper carrying the attacker's code", CWE "98.html" },
  /* --- local file inclusion -------------------------------------------- */
  { "lfi", "/etc/(?:passwd|shadow|group|hosts|issue|hostname|sudoers|crontab"
           "|master\\.passwd|security/passwd|mysql/my\\.cnf|httpd/conf"
           "|apache2/apache2\\.conf|nginx/nginx\\.conf|php\\.ini)\\b"
           "|/var/log/(?:apache2?|httpd|nginx)/(?:access|error)[._]log"
           "|\\.ssh/(?:id_rsa|id_dsa|id_ecdsa|id_ed25519|authorized_keys)\\b"
           "|/root/\\.bash_history\\b",
    "Unix system file", CWE "98.html" },
  { "lfi", "/proc/(?:self|\\d+)/(?:environ|cmdline|fd|maps|status|mem|exe"
           "|cwd|root)\\b",
    "/proc file", CWE "98.html" },
  { "lfi", "\\b(?:boot|win|system)\\.ini\\b|\\b(?:windows|winnt)[\\\\/]+"
           "(?:system32|win\\.ini|repair)\\b|\\bsystem32[\\\\/]"
           "|\\b[cd]:[\\\\/]+(?:windows|winnt|inetpub)\\b",
    "Windows system file", CWE "98.html" },
  { "lfi", "\\b(?:php://filter|file://|zip://|phar://|glob://"
           "|compress\\.(?:zlib|bzip2)://)",
    "local stream wrapper", CWE "98.html" },
  { "lfi", "\\bWEB-INF[\\\\/]+web\\.xml\\b|=[^&]*(?:\\bwp-config\\.php"
           "|\\.htpasswd|\\.htaccess|\\bweb\\.config)\\b",
    "application secrets through a parameter", CWE "98.html" },
  /* --- path traversal --------------------------------------------------- */
  { "traversal", "(?:^|[/\\\\=:])\\.\\.(?:[/\\\\;]|$)|\\.\\.\\.\\.[/\\\\]{2}",
    "../ (after decoding)", CWE "22.html" },
  { "traversal", "\\xc0[\\xae\\xaf]|\\xc1[\\x9c\\x1c]|\\xe0\\x80[\\xae\\xaf]"
                 "|\\.\\.(?:\\xe2\\x88[\\x95\\x96]|\\xef\\xbc[\\x8f\\xbc])",
    "overlong or look-alike UTF-8 dot or slash", CWE "22.html" },
};
#undef CWE
const size_t zl_attack_signature_count =
  sizeof zl_attack_signatures / sizeof zl_attack_signatures[0];

/* ------------------------------------------------------------------------ */
/* The set.                                                                 */
/* ------------------------------------------------------------------------ */

/* Memo of recent answers: direct-mapped by hash, keyed by the value's bytes.
** A slot is valid when its generation is the set's (so a change to the list
** empties the cache without touching it). Key buffers only grow. */
#define CACHE_SLOTS   2048u   /* power of two */
#define CACHE_KEY_MAX 1024u   /* longer values are matched, not cached */

typedef struct CacheSlot {
  unsigned long generation;   /* 0: never used */
  uint64_t hash;
  size_t len;
  int result;                 /* index of the winner, -1 for none */
  char *key;
  size_t key_size;
} CacheSlot;

struct ZlSigSet {
  unsigned flags;
  ZlSignature *entries;       /* sorted by id */
  size_t count, capacity;
  unsigned long generation;   /* bumped by every change */
  ZlRegex *combined;          /* for combined_generation */
  unsigned long combined_generation;
  CacheSlot *cache;           /* CACHE_SLOTS, allocated on first use */
  char *scratch;              /* the decoded value (ZL_SIGSET_DECODE_URI) */
  size_t scratch_size;
};

/* Compile flags for every pattern of a set. */
#define SET_REGEX_FLAGS (ZL_REGEX_BYTES | ZL_REGEX_CASELESS | ZL_REGEX_DUPNAMES)

ZlSigSet *zl_sigset_new(unsigned flags){
  ZlSigSet *set = calloc(1, sizeof *set);
  if( set == NULL ) return NULL;
  set->flags = flags;
  set->generation = 1;
  return set;
}

static void entry_clear(ZlSignature *e){
  free(e->name);
  free(e->pattern);
  free(e->category);
  free(e->reference);
  memset(e, 0, sizeof *e);
}

void zl_sigset_free(ZlSigSet *set){
  if( set == NULL ) return;
  for(size_t i = 0; i < set->count; i++) entry_clear(&set->entries[i]);
  free(set->entries);
  zl_regex_free(set->combined);
  if( set->cache ){
    for(size_t i = 0; i < CACHE_SLOTS; i++) free(set->cache[i].key);
    free(set->cache);
  }
  free(set->scratch);
  free(set);
}

size_t zl_sigset_count(const ZlSigSet *set){
  return set->count;
}

const ZlSignature *zl_sigset_at(const ZlSigSet *set, size_t i){
  return i < set->count ? &set->entries[i] : NULL;
}

size_t zl_sigset_seek(const ZlSigSet *set, long long id){
  size_t lo = 0, hi = set->count;
  while( lo < hi ){
    size_t mid = lo + (hi - lo) / 2;
    if( set->entries[mid].id < id ) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

long long zl_sigset_next_id(const ZlSigSet *set){
  if( set->count == 0 ) return 1;
  long long last = set->entries[set->count - 1].id;
  /* At the very top, answer the taken id: the insert is refused as a
  ** duplicate rather than wrapping around. */
  return last == LLONG_MAX ? last : last + 1;
}

static char *copy_or_null(const char *s){
  return s ? strdup(s) : NULL;
}

/* Fills e with copies of spec's strings; 0 when out of memory. */
static int entry_init(ZlSignature *e, long long id, const ZlSignatureSpec *spec){
  memset(e, 0, sizeof *e);
  e->id = id;
  e->name = copy_or_null(spec->name);
  e->pattern = copy_or_null(spec->pattern);
  e->category = copy_or_null(spec->category);
  e->reference = copy_or_null(spec->reference);
  if( e->name && e->pattern && (e->category || !spec->category)
      && (e->reference || !spec->reference) ) return 1;
  entry_clear(e);
  return 0;
}

static int reserve(ZlSigSet *set, size_t n){
  if( n <= set->capacity ) return 1;
  size_t capacity = set->capacity ? set->capacity * 2 : 64;
  while( capacity < n ) capacity *= 2;
  ZlSignature *grown = realloc(set->entries, capacity * sizeof *grown);
  if( grown == NULL ) return 0;
  set->entries = grown;
  set->capacity = capacity;
  return 1;
}

/* Puts e (by value) at its sorted place; the caller has reserved room and
** checked that its id is free. */
static void place(ZlSigSet *set, const ZlSignature *e){
  size_t at = zl_sigset_seek(set, e->id);
  memmove(&set->entries[at + 1], &set->entries[at],
          (set->count - at) * sizeof *e);
  set->entries[at] = *e;
  set->count++;
}

/* Takes the entry at index at out of the list (the caller owns it now). */
static ZlSignature detach(ZlSigSet *set, size_t at){
  ZlSignature e = set->entries[at];
  memmove(&set->entries[at], &set->entries[at + 1],
          (set->count - at - 1) * sizeof e);
  set->count--;
  return e;
}

/* Index of the signature with this id, or -1. */
static long find(const ZlSigSet *set, long long id){
  size_t at = zl_sigset_seek(set, id);
  return at < set->count && set->entries[at].id == id ? (long)at : -1;
}

static void changed(ZlSigSet *set){
  set->generation++;
}

int zl_sigset_load(ZlSigSet *set, const ZlSignatureSpec *specs, size_t n){
  if( !reserve(set, set->count + n) ) return ZL_SIG_NOMEM;
  for(size_t i = 0; i < n; i++){
    ZlSignature e;
    if( !entry_init(&e, zl_sigset_next_id(set), &specs[i]) ) return ZL_SIG_NOMEM;
    place(set, &e);
  }
  changed(set);
  return ZL_SIG_OK;
}

/* ---- the combined pattern ---------------------------------------------- */

typedef struct Text {
  char *s;
  size_t len, size;
  int oom;
} Text;

static void text_add(Text *t, const char *s, size_t n){
  if( t->oom ) return;
  if( t->len + n + 1 > t->size ){
    size_t size = (t->size ? t->size : 256);
    while( size < t->len + n + 1 ) size *= 2;
    char *grown = realloc(t->s, size);
    if( grown == NULL ){ t->oom = 1; return; }
    t->s = grown;
    t->size = size;
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = 0;
}

static void text_adds(Text *t, const char *s){
  text_add(t, s, strlen(s));
}

/* Appends "\xHH" or the range "\xHH-\xHH" for each run of bytes in set. */
static void add_byte_ranges(Text *t, const unsigned char set[32]){
  char item[16];
  for(unsigned b = 0; b < 256; b++){
    if( !(set[b / 8] & (1u << (b % 8))) ) continue;
    unsigned last = b;
    while( last + 1 < 256 && (set[(last + 1) / 8] & (1u << ((last + 1) % 8))) ){
      last++;
    }
    if( last == b ) snprintf(item, sizeof item, "\\x%02x", b);
    else snprintf(item, sizeof item, "\\x%02x-\\x%02x", b, last);
    text_adds(t, item);
    b = last;
  }
}

static int is_full(const unsigned char set[32]){
  for(int i = 0; i < 32; i++){
    if( set[i] != 0xff ) return 0;
  }
  return 1;
}

/* How alternative k gets from the start of the value to each place where
** its pattern could begin. Plainly that is [\s\S]*?, trying the pattern at
** every byte; when PCRE2 knows the bytes a match can start with (set S), the
** loop "skip bytes not in S, try the pattern, step one byte" tries it only
** where it could match. Same answers, several times faster, because a
** combined pattern loses PCRE2's own start-of-match optimisations. */
static void add_approach(Text *t, const char *pattern){
  ZlRegexError rx;
  unsigned char start[32];
  ZlRegex *re = zl_regex_compile(pattern, strlen(pattern),
                                 SET_REGEX_FLAGS | ZL_REGEX_NO_JIT, &rx);
  int known = re && zl_regex_start_bytes(re, start) && !is_full(start);
  zl_regex_free(re);
  if( !known ){
    text_adds(t, "[\\s\\S]*?");
    return;
  }
  Text skip = {0};
  text_adds(&skip, "(?-i:[^");
  add_byte_ranges(&skip, start);
  text_adds(&skip, "]*+)");
  if( skip.oom ){ t->oom = 1; free(skip.s); return; }
  text_adds(t, skip.s);
  text_adds(t, "(?:[\\s\\S]");
  text_adds(t, skip.s);
  text_adds(t, ")*?");
  free(skip.s);
}

/* The alternation described at the top of this file; NULL when out of
** memory. */
static char *combined_pattern(const ZlSigSet *set, size_t *len){
  Text t = {0};
  char mark[32];
  text_adds(&t, "\\A(?|");
  for(size_t k = 0; k < set->count; k++){
    if( k ) text_adds(&t, "|");
    text_adds(&t, "(?=");
    add_approach(&t, set->entries[k].pattern);
    text_adds(&t, "(?:");
    text_adds(&t, set->entries[k].pattern);
    snprintf(mark, sizeof mark, "))(*MARK:%zu)", k);
    text_adds(&t, mark);
  }
  text_adds(&t, ")");
  if( t.oom ){ free(t.s); return NULL; }
  *len = t.len;
  return t.s;
}

/* Compiles the combination of the current list. NULL with err filled in
** (or *nomem set) on failure. */
static ZlRegex *combine(const ZlSigSet *set, unsigned extra_flags,
                        ZlRegexError *err, int *nomem){
  size_t len;
  char *pattern = combined_pattern(set, &len);
  *nomem = pattern == NULL;
  if( pattern == NULL ) return NULL;
  ZlRegex *re = zl_regex_compile(pattern, len, SET_REGEX_FLAGS | extra_flags, err);
  free(pattern);
  if( re == NULL && err->code == 0 ) *nomem = 1;
  return re;
}

/* ---- editing ------------------------------------------------------------ */

/* Formats the error message and returns rc. */
static int fail(char *err, size_t err_size, int rc, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t err_size, int rc, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_size, fmt, ap);
  va_end(ap);
  return rc;
}

/* A pattern must compile alone, and also inside (?:...): the second catches
** a pattern that would swallow the wrapper's ')' (a trailing (?x) comment,
** an unclosed \Q) or close it early (a stray ')' balanced by a later '('). */
static int check_pattern(const char *pattern, char *err, size_t err_size){
  ZlRegexError rx;
  ZlRegex *re = zl_regex_compile(pattern, strlen(pattern),
                                 SET_REGEX_FLAGS | ZL_REGEX_NO_JIT, &rx);
  if( re == NULL ){
    if( rx.code == 0 ) return ZL_SIG_NOMEM;
    return fail(err, err_size, ZL_SIG_ERROR,
                "bad pattern '%.200s' at offset %zu: %s", pattern, rx.offset,
                rx.message);
  }
  zl_regex_free(re);
  Text wrapped = {0};
  text_adds(&wrapped, "(?:");
  text_adds(&wrapped, pattern);
  text_adds(&wrapped, ")");
  if( wrapped.oom ){ free(wrapped.s); return ZL_SIG_NOMEM; }
  re = zl_regex_compile(wrapped.s, wrapped.len,
                        SET_REGEX_FLAGS | ZL_REGEX_NO_JIT, &rx);
  free(wrapped.s);
  if( re == NULL ){
    if( rx.code == 0 ) return ZL_SIG_NOMEM;
    return fail(err, err_size, ZL_SIG_ERROR,
                "pattern '%.200s' does not stand alone inside (?:...) (%s); "
                "look for a trailing (?x) comment, an unclosed \\Q or "
                "unbalanced parentheses", pattern, rx.message);
  }
  zl_regex_free(re);
  return ZL_SIG_OK;
}

static int check_spec(const ZlSignatureSpec *spec, char *err, size_t err_size){
  if( spec->name == NULL || spec->name[0] == 0 ){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "name must be a non-empty string");
  }
  if( spec->pattern == NULL || spec->pattern[0] == 0 ){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "pattern must be a non-empty string (signature '%.100s')",
                spec->name);
  }
  return check_pattern(spec->pattern, err, err_size);
}

/* Does the whole list, as it stands, still combine into one pattern? */
static int check_combination(const ZlSigSet *set, const char *pattern,
                             char *err, size_t err_size){
  ZlRegexError rx;
  int nomem;
  ZlRegex *re = combine(set, ZL_REGEX_NO_JIT, &rx, &nomem);
  if( re ){ zl_regex_free(re); return ZL_SIG_OK; }
  if( nomem ) return ZL_SIG_NOMEM;
  return fail(err, err_size, ZL_SIG_ERROR,
              "pattern '%.200s' cannot be combined with the other "
              "signatures: %s", pattern, rx.message);
}

int zl_sigset_update(ZlSigSet *set, long long old_id, long long new_id,
                     const ZlSignatureSpec *spec, char *err, size_t err_size){
  long old_at = find(set, old_id);
  int rc = check_spec(spec, err, err_size);
  if( rc != ZL_SIG_OK ) return rc;
  if( old_at < 0 ) return ZL_SIG_OK;   /* nothing to update: it was deleted */
  if( new_id != old_id && find(set, new_id) >= 0 ){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "a signature with rowid %lld already exists", new_id);
  }
  ZlSignature fresh, old;
  if( !entry_init(&fresh, new_id, spec) ) return ZL_SIG_NOMEM;
  old = detach(set, (size_t)old_at);
  place(set, &fresh);
  rc = check_combination(set, spec->pattern, err, err_size);
  if( rc != ZL_SIG_OK ){
    fresh = detach(set, (size_t)find(set, new_id));
    entry_clear(&fresh);
    place(set, &old);
    return rc;
  }
  entry_clear(&old);
  changed(set);
  return ZL_SIG_OK;
}

int zl_sigset_insert(ZlSigSet *set, long long id, const ZlSignatureSpec *spec,
                     char *err, size_t err_size){
  int rc = check_spec(spec, err, err_size);
  if( rc != ZL_SIG_OK ) return rc;
  if( find(set, id) >= 0 ){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "a signature with rowid %lld already exists", id);
  }
  ZlSignature fresh;
  if( !reserve(set, set->count + 1) ) return ZL_SIG_NOMEM;
  if( !entry_init(&fresh, id, spec) ) return ZL_SIG_NOMEM;
  place(set, &fresh);
  rc = check_combination(set, spec->pattern, err, err_size);
  if( rc != ZL_SIG_OK ){
    fresh = detach(set, (size_t)find(set, id));
    entry_clear(&fresh);
    return rc;
  }
  changed(set);
  return ZL_SIG_OK;
}

void zl_sigset_delete(ZlSigSet *set, long long id){
  long at = find(set, id);
  if( at < 0 ) return;
  ZlSignature e = detach(set, (size_t)at);
  entry_clear(&e);
  changed(set);
}

/* ---- classifying -------------------------------------------------------- */

/* Recompiles the combination, with JIT, when the list changed since. */
static int ensure_compiled(ZlSigSet *set, char *err, size_t err_size){
  if( set->combined && set->combined_generation == set->generation ){
    return ZL_SIG_OK;
  }
  ZlRegexError rx;
  int nomem;
  zl_regex_free(set->combined);
  set->combined = combine(set, 0, &rx, &nomem);
  if( set->combined == NULL ){
    if( nomem ) return ZL_SIG_NOMEM;
    return fail(err, err_size, ZL_SIG_ERROR,
                "the signatures do not combine: %s", rx.message);
  }
  set->combined_generation = set->generation;
  return ZL_SIG_OK;
}

/* FNV-1a: cheap, and good enough to spread user agents over the slots. */

/* The slot for this value, or NULL when the value is not cacheable. */
static CacheSlot *cache_slot(ZlSigSet *set, const char *value, size_t len,
                             uint64_t *hash){
  if( len > CACHE_KEY_MAX ) return NULL;
  if( set->cache == NULL ){
    set->cache = calloc(CACHE_SLOTS, sizeof *set->cache);
    if( set->cache == NULL ) return NULL;   /* run uncached */
  }
  *hash = zl_hash_bytes(value, len);
  return &set->cache[*hash & (CACHE_SLOTS - 1)];
}

static int cache_hit(const ZlSigSet *set, const CacheSlot *slot, uint64_t hash,
                     const char *value, size_t len){
  return slot->generation == set->generation && slot->hash == hash
      && slot->len == len && memcmp(slot->key, value, len) == 0;
}

static void cache_store(ZlSigSet *set, CacheSlot *slot, uint64_t hash,
                        const char *value, size_t len, int result){
  if( slot->key_size < len || slot->key == NULL ){
    size_t size = len < 64 ? 64 : len;
    char *grown = realloc(slot->key, size);
    if( grown == NULL ){ slot->generation = 0; return; }
    slot->key = grown;
    slot->key_size = size;
  }
  memcpy(slot->key, value, len);
  slot->len = len;
  slot->hash = hash;
  slot->result = result;
  slot->generation = set->generation;
}

/* The text the patterns see: the value itself, or for URI sets the value
** percent-decoded until stable with '+' as a space. */
static const char *subject_of(ZlSigSet *set, const char *value, size_t *len){
  if( !(set->flags & ZL_SIGSET_DECODE_URI) ) return value;
  if( set->scratch_size < *len || set->scratch == NULL ){
    size_t size = *len < 256 ? 256 : *len;
    char *grown = realloc(set->scratch, size);
    if( grown == NULL ) return NULL;
    set->scratch = grown;
    set->scratch_size = size;
  }
  memcpy(set->scratch, value, *len);
  *len = zl_uri_decode_until_stable(set->scratch, *len, ZL_URI_PLUS_AS_SPACE,
                                    ZL_SIG_DECODE_ROUNDS);
  return set->scratch;
}

/* One combined match; *result is the winner's index or -1 for none. */
static int match_value(ZlSigSet *set, const char *value, size_t len,
                       int *result, char *err, size_t err_size){
  const char *subject = subject_of(set, value, &len);
  if( subject == NULL ) return ZL_SIG_NOMEM;
  int rc = zl_regex_match(set->combined, subject, len);
  if( rc < 0 ){
    char reason[128];
    if( zl_regex_is_nomem(rc) ) return ZL_SIG_NOMEM;
    zl_regex_error_message(rc, reason, sizeof reason);
    return fail(err, err_size, ZL_SIG_ERROR,
                "%s while matching the signatures%s", reason,
                zl_regex_is_limit_error(rc)
                  ? " (a signature pattern backtracks too much on this value)"
                  : "");
  }
  *result = -1;
  if( rc == 1 ){
    const char *mark = zl_regex_mark(set->combined);
    long k = mark ? strtol(mark, NULL, 10) : -1;
    if( k >= 0 && (size_t)k < set->count ) *result = (int)k;
  }
  return ZL_SIG_OK;
}

int zl_sigset_classify(ZlSigSet *set, const char *value, size_t len,
                       const ZlSignature **found, char *err, size_t err_size){
  uint64_t hash = 0;
  int result = -1, rc;
  *found = NULL;
  if( value == NULL ){ value = ""; len = 0; }
  if( set->count == 0 ) return ZL_SIG_OK;
  rc = ensure_compiled(set, err, err_size);
  if( rc != ZL_SIG_OK ) return rc;
  CacheSlot *slot = cache_slot(set, value, len, &hash);
  if( slot && cache_hit(set, slot, hash, value, len) ){
    result = slot->result;
  }else{
    rc = match_value(set, value, len, &result, err, err_size);
    if( rc != ZL_SIG_OK ) return rc;
    if( slot ) cache_store(set, slot, hash, value, len, result);
  }
  if( result < 0 ) return ZL_SIG_OK;
  *found = &set->entries[result];
  return ZL_SIG_MATCH;
}

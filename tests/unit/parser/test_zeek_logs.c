/*
** test_zeek_logs.c — the standard log layouts (ext/parser/zeek_logs.c).
** Field counts and names are the ones Zeek's own logs carry (the #fields
** lines of Zeek 8.2's test baselines); the file-name rule is worked by hand;
** and every real TSV log in tests/data/ is held against the table: its
** header is the current layout of its #path exactly, or an older one whose
** difference is written out below with the Zeek version that made it. Every
** real JSON log there is held against the layout of the log its file name
** names: each key is a field of it, or a difference named below.
*/
#define _XOPEN_SOURCE 700
#include <check.h>

#include "parser/zeek_logs.h"

#include <cjson/cJSON.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_DIR "data"
#define MAX_HEADER_LINES 64
#define MAX_LINE 65536
#define MAX_TOKENS 128

/* ---- lookups ----------------------------------------------------------- */

static const ZlLogLayout *must_have(const char *path){
  const ZlLogLayout *l = zl_zeek_log(path);
  ck_assert_msg(l != NULL, "no layout for %s", path);
  ck_assert_str_eq(l->path, path);
  return l;
}

static void field_is(const ZlLogLayout *l, int i, const char *name, const char *type){
  ck_assert_int_lt(i, l->nfields);
  ck_assert_str_eq(l->fields[i].name, name);
  ck_assert_str_eq(l->fields[i].type, type);
}

START_TEST(current_layouts_have_zeeks_field_counts){
  /* Counted on Zeek 8.2's baseline headers (#fields lines). */
  static const struct { const char *path; int n; } counts[] = {
    {"conn", 22}, {"dns", 26}, {"http", 30}, {"ssl", 18}, {"x509", 22}, {"files", 27},
    {"notice", 26}, {"weird", 11}, {"ssh", 18}, {"smtp", 26}, {"ftp", 19}, {"dhcp", 15},
    {"sip", 27}, {"smb_files", 16}, {"smb_mapping", 10}, {"dce_rpc", 10}, {"kerberos", 20},
    {"ntlm", 13}, {"rdp", 22}, {"snmp", 15}, {"software", 11}, {"tunnel", 8},
    {"known_hosts", 2}, {"known_services", 5}, {"known_certs", 6}, {"capture_loss", 6},
    {"reporter", 4}, {"pe", 17}, {"ocsp", 11}, {"quic", 13}, {"analyzer", 12},
    {"irc", 15}, {"mysql", 11}, {"radius", 14}, {"modbus", 11}, {"dnp3", 9}, {"socks", 16},
    {"syslog", 10}, {"intel", 15}, {"packet_filter", 6}, {"loaded_scripts", 1},
    {"ldap", 13}, {"ldap_search", 15}, {"websocket", 13}, {"redis", 11}, {"smb_cmd", 31},
    {"weird_stats", 3}, {"config", 5}, {"ntp", 19}, {"rfb", 16}, {"mqtt_connect", 12},
  };
  for(size_t i = 0; i < sizeof counts / sizeof counts[0]; i++){
    const ZlLogLayout *l = must_have(counts[i].path);
    ck_assert_msg(l->nfields == counts[i].n, "%s: %d fields, Zeek writes %d",
                  counts[i].path, l->nfields, counts[i].n);
  }
}
END_TEST

START_TEST(conn_and_http_fields_in_zeeks_order){
  const ZlLogLayout *conn = must_have("conn");
  field_is(conn, 0, "ts", "time");
  field_is(conn, 2, "id.orig_h", "addr");
  field_is(conn, 3, "id.orig_p", "port");
  field_is(conn, 6, "proto", "enum");
  field_is(conn, 8, "duration", "interval");
  field_is(conn, 20, "tunnel_parents", "set[string]");
  field_is(conn, 21, "ip_proto", "count");
  const ZlLogLayout *http = must_have("http");
  field_is(http, 6, "trans_depth", "count");
  field_is(http, 11, "version", "string");
  field_is(http, 13, "origin", "string");
  field_is(http, 20, "tags", "set[enum]");
  field_is(http, 29, "resp_mime_types", "vector[string]");
  /* Nested records flatten with a dot; ssl's subject/issuer are filtered out. */
  field_is(must_have("x509"), 2, "certificate.version", "count");
  field_is(must_have("smb_files"), 12, "times.modified", "time");
  const ZlLogLayout *ssl = must_have("ssl");
  for(int i = 0; i < ssl->nfields; i++) ck_assert_str_ne(ssl->fields[i].name, "subject");
}
END_TEST

START_TEST(policy_fields_are_not_in_base_layouts){
  static const char *const added_by_policy[] = {"community_id", "ja3", "ja3s",
    "orig_l2_addr", "vlan", "validation_status", "hassh", "is_webmail"};
  int n;
  const ZlLogLayout *all = zl_zeek_logs(&n);
  for(int i = 0; i < n; i++){
    for(int j = 0; j < all[i].nfields; j++){
      for(size_t k = 0; k < sizeof added_by_policy / sizeof added_by_policy[0]; k++){
        ck_assert_msg(strcmp(all[i].fields[j].name, added_by_policy[k]) != 0,
                      "%s has %s", all[i].path, added_by_policy[k]);
      }
    }
  }
}
END_TEST

START_TEST(unknown_paths_have_no_layout){
  ck_assert_ptr_null(zl_zeek_log("nosuch"));
  ck_assert_ptr_null(zl_zeek_log(""));
  ck_assert_ptr_null(zl_zeek_log(NULL));
  ck_assert_ptr_null(zl_zeek_log("Conn"));
  ck_assert_ptr_null(zl_zeek_log("conn_summary"));
  /* dpd.log: Zeek 8 writes analyzer.log instead; the table keeps dpd's last layout. */
  const ZlLogLayout *dpd = must_have("dpd");
  ck_assert_ptr_nonnull(strstr(dpd->since, "7.2"));
}
END_TEST

static int is_known_type(const char *t){
  static const char *const basic[] = {"bool", "int", "count", "double", "time", "interval",
    "string", "addr", "subnet", "port", "enum", "func", "pattern"};
  size_t len = strlen(t);
  if(strncmp(t, "set[", 4) == 0 && t[len - 1] == ']') return 1;
  if(strncmp(t, "vector[", 7) == 0 && t[len - 1] == ']') return 1;
  for(size_t i = 0; i < sizeof basic / sizeof basic[0]; i++){
    if(strcmp(t, basic[i]) == 0) return 1;
  }
  return 0;
}

START_TEST(table_is_sorted_complete_and_well_formed){
  static const char *const wanted[] = {"conn", "dns", "http", "ssl", "x509", "files",
    "notice", "weird", "ssh", "smtp", "ftp", "dhcp", "sip", "smb_files", "smb_mapping",
    "dce_rpc", "kerberos", "ntlm", "rdp", "snmp", "software", "tunnel", "known_hosts",
    "known_services", "known_certs", "capture_loss", "stats", "reporter", "pe", "ocsp",
    "quic", "dpd", "analyzer", "irc", "mysql", "radius", "modbus", "dnp3", "socks",
    "syslog", "traceroute", "signatures", "intel", "notice_alarm", "packet_filter",
    "loaded_scripts"};
  int n = 0;
  const ZlLogLayout *all = zl_zeek_logs(&n);
  ck_assert_int_ge(n, (int)(sizeof wanted / sizeof wanted[0]));
  for(size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) must_have(wanted[i]);
  for(int i = 0; i < n; i++){
    if(i > 0) ck_assert_msg(strcmp(all[i - 1].path, all[i].path) < 0, "%s", all[i].path);
    ck_assert_ptr_eq(zl_zeek_log(all[i].path), &all[i]);
    ck_assert_int_gt(all[i].nfields, 0);
    ck_assert_msg(strncmp(all[i].since, "Zeek ", 5) == 0 || strncmp(all[i].since, "Bro ", 4) == 0,
                  "%s since %s", all[i].path, all[i].since);
    for(int j = 0; j < all[i].nfields; j++){
      ck_assert_msg(is_known_type(all[i].fields[j].type), "%s.%s: %s", all[i].path,
                    all[i].fields[j].name, all[i].fields[j].type);
      for(int k = 0; k < j; k++) ck_assert_str_ne(all[i].fields[k].name, all[i].fields[j].name);
    }
  }
}
END_TEST

START_TEST(http_history_oldest_first){
  int n = 0;
  const ZlLogLayout *h = zl_http_layouts(&n);
  ck_assert_int_eq(n, 5);
  static const int counts[] = {26, 27, 27, 29, 30};
  static const char *const since_prefix[] = {"Bro 2.0", "Bro 2.2", "Bro 2.3", "Bro 2.5", "Zeek 3.0"};
  for(int i = 0; i < n; i++){
    ck_assert_str_eq(h[i].path, "http");
    ck_assert_int_eq(h[i].nfields, counts[i]);
    ck_assert_msg(strncmp(h[i].since, since_prefix[i], strlen(since_prefix[i])) == 0,
                  "layout %d since %s", i, h[i].since);
  }
  field_is(&h[0], 23, "mime_type", "string");
  field_is(&h[0], 24, "md5", "string");
  field_is(&h[0], 25, "extraction_file", "file");
  field_is(&h[1], 19, "tags", "table[enum]");       /* Bro 2.0-2.2 wrote sets as table[...] */
  field_is(&h[2], 19, "tags", "set[enum]");
  field_is(&h[3], 11, "version", "string");
  ck_assert_ptr_eq(h[4].fields, must_have("http")->fields);
}
END_TEST

START_TEST(field_types_by_name){
  ck_assert_str_eq(zl_zeek_field_type("ts"), "time");
  ck_assert_str_eq(zl_zeek_field_type("uid"), "string");
  ck_assert_str_eq(zl_zeek_field_type("id.orig_h"), "addr");
  ck_assert_str_eq(zl_zeek_field_type("id.resp_p"), "port");
  ck_assert_str_eq(zl_zeek_field_type("duration"), "interval");
  ck_assert_str_eq(zl_zeek_field_type("TTLs"), "vector[interval]");
  ck_assert_str_eq(zl_zeek_field_type("ts_delta"), "interval");
  ck_assert_str_eq(zl_zeek_field_type("certificate.not_valid_before"), "time");
  /* Logs disagree: version is string (http, ssl), int (ldap), count (ssh, ntp);
  ** host is addr (known_hosts) and string (http); from is time (kerberos) and
  ** string (smtp). The type holding all of them is string. */
  ck_assert_str_eq(zl_zeek_field_type("version"), "string");
  ck_assert_str_eq(zl_zeek_field_type("host"), "string");
  ck_assert_str_eq(zl_zeek_field_type("from"), "string");
  ck_assert_str_eq(zl_zeek_field_type("service"), "string");
  ck_assert_ptr_null(zl_zeek_field_type("community_id"));
  ck_assert_ptr_null(zl_zeek_field_type("nosuch"));
  ck_assert_ptr_null(zl_zeek_field_type(NULL));
}
END_TEST

/* ---- file names -------------------------------------------------------- */

static void names(const char *file, const char *expected){
  const char *got = zl_log_type_of_file(file);
  if(!expected){
    ck_assert_msg(got == NULL, "%s -> %s, expected none", file ? file : "(null)", got ? got : "");
  }else{
    ck_assert_msg(got && strcmp(got, expected) == 0, "%s -> %s, expected %s", file,
                  got ? got : "(none)", expected);
  }
}

START_TEST(file_names_name_their_log){
  names("conn.log", "conn");
  names("conn.09:00:00-10:00:00.log.gz", "conn");
  names("ssl_2024-01-01.log", "ssl");
  names("http.2024-01-01-10-00-00.log", "http");
  names("dns.log.zst", "dns");
  names("logs/2012-03-16/smb_files.10:00:00-11:00:00.log.gz", "smb_files");
  names("/var/log/zeek/current/x509.log", "x509");
  names("dns.json", "dns");
  names("http.ndjson.gz", "http");
  names("http.LOG", "http");                       /* endings compare without case */
  names("conn-2024-01-01.log", "conn");
  names("smb_files_2024-01-01.log", "smb_files");
}
END_TEST

START_TEST(file_names_odd_cases){
  names("conn/http.log", "http");                  /* the directory's name does not count */
  names("conn_summary.log", NULL);                 /* no such Zeek log; not conn */
  names("conn-summary.log", NULL);
  names("connx.log", NULL);
  names("known_hosts.log", "known_hosts");         /* not "known" */
  names("notice_alarm.log", "notice_alarm");       /* the longest name wins over notice */
  names("notice_alarm.2024-01-01-00-00-00.log.gz", "notice_alarm");
  names("weird_stats.log", "weird_stats");
  names("dpd.log", "dpd");
  names("auth.log", NULL);                         /* not a Zeek log */
  names("HTTP.LOG", NULL);                         /* log names are lower case */
  names("conn", NULL);
  names("conn.txt", NULL);
  names("conn.log/", NULL);
  names(".log", NULL);
  names("", NULL);
  names(NULL, NULL);
}
END_TEST

/* ---- the real logs in tests/data/ ---------------------------------------- */

/* An older TSV layout: diff is the set of "+name:type" (in the file, not in
** the current layout) and "-name:type" (the other way) after the file's
** table[...] is read as set[...] (table_sets says the file spells sets the
** Bro 2.0-2.2 way), or "unrelated" for a file whose #path borrows a log's
** name. http_layout >= 0: the file is exactly that zl_http_layouts() entry. */
typedef struct OlderLog {
  const char *file, *why, *diff;
  int table_sets, http_layout;
} OlderLog;

static const OlderLog OLDER[] = {
  {"zeek-btest/v2.0-http-mime-and-md5.http.log", "Bro 2.0 http.log", NULL, 1, 0},
  {"zat/http.log", "Bro 2.2 http.log", NULL, 1, 1},
  {"brobeat/sample-http.log", "Bro 2.5 http.log", NULL, 0, 3},
  {"zat/conn.log", "Bro 2.2 conn.log: local_resp came in Bro 2.4, ip_proto in Zeek 7.1",
   "-local_resp:bool -ip_proto:count", 1, -1},
  {"zat/dhcp.log", "Bro 2.2-2.5 dhcp.log (a row per lease); Bro 2.6 rewrote dhcp.log",
   "+uid:string +id.orig_h:addr +id.orig_p:port +id.resp_h:addr +id.resp_p:port "
   "+assigned_ip:addr +trans_id:count -uids:set[string] -client_addr:addr -server_addr:addr "
   "-host_name:string -client_fqdn:string -domain:string -requested_addr:addr "
   "-assigned_addr:addr -client_message:string -server_message:string "
   "-msg_types:vector[string] -duration:interval", 0, -1},
  {"zat/dns.log", "Bro 2.2 dns.log: rtt came in Bro 2.5, opcode and opcode_name in Zeek 8.1",
   "-rtt:interval -opcode:count -opcode_name:string", 0, -1},
  {"zat/files.log", "Bro 2.2 files.log: tx_hosts, rx_hosts, conn_uids until Zeek 5.1 (then "
   "uid and id.*); extracted_cutoff and extracted_size came in Bro 2.6",
   "+tx_hosts:set[addr] +rx_hosts:set[addr] +conn_uids:set[string] -uid:string "
   "-id.orig_h:addr -id.orig_p:port -id.resp_h:addr -id.resp_p:port "
   "-extracted_cutoff:bool -extracted_size:count", 1, -1},
  {"zat/notice.log", "Bro 2.2 notice.log: dropped went in Zeek 3.0, email_dest came in Zeek 4.1",
   "+dropped:bool -email_dest:set[string]", 1, -1},
  {"zat/smtp.log", "Bro 2.2 smtp.log (tls came in Bro 2.3, cc in 2.5) plus the is_webmail "
   "field of policy/protocols/smtp/software", "+is_webmail:bool -tls:bool -cc:set[string]", 1, -1},
  {"zat/ssl.log", "Bro 2.2 ssl.log (reworked in Bro 2.3, 2.4 and Zeek 4.1) plus the policy "
   "fields cert_hash and validation_status",
   "+session_id:string +subject:string +issuer_subject:string +not_valid_before:time "
   "+not_valid_after:time +client_subject:string +client_issuer_subject:string "
   "+cert_hash:string +validation_status:string -curve:string -resumed:bool "
   "-next_protocol:string -established:bool -ssl_history:string "
   "-cert_chain_fps:vector[string] -client_cert_chain_fps:vector[string] "
   "-sni_matches_cert:bool", 0, -1},
  {"zat/weird.log", "Bro 2.x weird.log: source came in Zeek 4.0", "-source:string", 0, -1},
  {"zat/x509.log", "Bro 2.3-Zeek 4.0 x509.log: id gave way to fingerprint, host_cert and "
   "client_cert in Zeek 4.1", "+id:string -fingerprint:string -host_cert:bool -client_cert:bool",
   0, -1},
  {"zeek-btest/v2.2-core-ipv6-frag.dns.log", "Bro 2.2 dns.log: rtt came in Bro 2.5, opcode "
   "and opcode_name in Zeek 8.1", "-rtt:interval -opcode:count -opcode_name:string", 0, -1},
  {"zeek-btest/v2.4-sip-wireshark.sip.log", "Bro 2.4 typed sip's body lengths string; count "
   "from Bro 2.5", "+request_body_len:string +response_body_len:string "
   "-request_body_len:count -response_body_len:count", 0, -1},
  {"zeek-btest/v2.4-ssh-basic.ssh.log", "Bro 2.4 ssh.log: auth_attempts came in Bro 2.5; "
   "host_key became host_key_fingerprint in Zeek 8.1",
   "+host_key:string -auth_attempts:count -host_key_fingerprint:string", 0, -1},
  {"zeek-btest/v3.0.0-core-vlan-mpls.conn.log", "Zeek 3.0 conn.log: ip_proto came in Zeek 7.1",
   "-ip_proto:count", 0, -1},
  {"zeek-btest/v3.0.0-dns-rrsig.dns.log", "Zeek 3.0 dns.log: opcode and opcode_name came in "
   "Zeek 8.1", "-opcode:count -opcode_name:string", 0, -1},
  {"zeek-btest/v3.0.0-ssl-heartbleed.notice-encrypted-short.log", "Zeek 3.0 notice.log: "
   "email_dest came in Zeek 4.1", "-email_dest:set[string]", 0, -1},
  {"zeek-btest/v3.0.0-ssl-tls-1-2.x509.log", "Zeek 3.0 x509.log: id gave way to fingerprint, "
   "host_cert and client_cert in Zeek 4.1",
   "+id:string -fingerprint:string -host_cert:bool -client_cert:bool", 0, -1},
  {"zeek-btest/v3.0.0-ssl-tls13.ssl-out.log", "Zeek 3.0 ssl.log: Zeek 4.1 replaced the fuids "
   "by fingerprints, added ssl_history and sni_matches_cert and stopped logging subject and "
   "issuer by default",
   "+cert_chain_fuids:vector[string] +client_cert_chain_fuids:vector[string] +subject:string "
   "+issuer:string +client_subject:string +client_issuer:string -ssl_history:string "
   "-cert_chain_fps:vector[string] -client_cert_chain_fps:vector[string] "
   "-sni_matches_cert:bool", 0, -1},
  {"zeek-btest/v9.1.0-dev-logging-types.ssh.log", "Zeek's logging-types test writes one field "
   "of each type under #path ssh: not an ssh.log", "unrelated", 0, -1},
};
#define N_OLDER ((int)(sizeof OLDER / sizeof OLDER[0]))

/* A JSON log: keys that are no field of the current layout (space-separated)
** and the keys its first object lacks that later ones have. */
typedef struct JsonLog { const char *file, *extra_keys, *late_keys; } JsonLog;

static const JsonLog JSON_LOGS[] = {
  {"zat/json/http.log", "", "orig_fuids orig_filenames orig_mime_types"},
  {"zat/json/dns.log", "", "rtt answers TTLs"},
  {"zat/json/files.log", "tx_hosts rx_hosts conn_uids", "sha256"},   /* before Zeek 5.1 */
  {"zat/json/kerberos.log", "", "cipher"},
  {"zat/json/x509.log", "id", "certificate.exponent"},                /* before Zeek 4.1 */
  {"zat/json/ssl.log", "cert_chain_fuids client_cert_chain_fuids subject issuer "
   "validation_status", ""},                                      /* before 4.1, + policy */
  {"zat/json/conn.log", "", ""},
  {"zat/json/capture_loss.log", "", ""},
  {"zat/json/stats.log", "", ""},
  {"zat/json/smb_mapping.log", "", ""},
  {"zat/json/weird.log", "", ""},
};
#define N_JSON ((int)(sizeof JSON_LOGS / sizeof JSON_LOGS[0]))

static int older_used[N_OLDER], json_used[N_JSON], tsv_checked, tsv_current;

typedef struct Tokens { char *t[MAX_TOKENS]; int n; } Tokens;

static void tokens_add(Tokens *s, const char *text){
  for(int i = 0; i < s->n; i++) if(strcmp(s->t[i], text) == 0) return;
  ck_assert_int_lt(s->n, MAX_TOKENS);
  s->t[s->n++] = strdup(text);
}

static void tokens_split(Tokens *s, const char *text){
  char *copy = strdup(text), *save = NULL;
  for(char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) tokens_add(s, w);
  free(copy);
}

static int tokens_has(const Tokens *s, const char *text){
  for(int i = 0; i < s->n; i++) if(strcmp(s->t[i], text) == 0) return 1;
  return 0;
}

static int tokens_same(const Tokens *a, const Tokens *b){
  if(a->n != b->n) return 0;
  for(int i = 0; i < a->n; i++) if(!tokens_has(b, a->t[i])) return 0;
  return 1;
}

static void tokens_free(Tokens *s){
  for(int i = 0; i < s->n; i++) free(s->t[i]);
  s->n = 0;
}

static char *tokens_join(const Tokens *s){
  static char out[8192];
  out[0] = 0;
  for(int i = 0; i < s->n; i++){
    strncat(out, " ", sizeof out - strlen(out) - 1);
    strncat(out, s->t[i], sizeof out - strlen(out) - 1);
  }
  return out;
}

/* The tab-separated values after a "#name\t" line, in place. */
static int split_tabs(char *line, char **out, int max){
  int n = 0;
  line[strcspn(line, "\r\n")] = 0;
  for(char *p = strchr(line, '\t'); p && n < max; p = strchr(p, '\t')){
    *p++ = 0;
    out[n++] = p;
  }
  return n;
}

/* "name:type", with table[ read as set[ when normalize is set. */
static void field_token(char *buf, size_t size, const char *name, const char *type, int normalize){
  if(normalize && strncmp(type, "table[", 6) == 0) snprintf(buf, size, "%s:set[%s", name, type + 6);
  else snprintf(buf, size, "%s:%s", name, type);
}

static int find_older(const char *rel){
  for(int i = 0; i < N_OLDER; i++) if(strcmp(OLDER[i].file, rel) == 0) return i;
  return -1;
}

static int layout_equals(const ZlLogLayout *l, char **names, char **types, int n){
  if(l->nfields != n) return 0;
  for(int i = 0; i < n; i++){
    if(strcmp(l->fields[i].name, names[i]) || strcmp(l->fields[i].type, types[i])) return 0;
  }
  return 1;
}

static void check_older(const OlderLog *o, const ZlLogLayout *cur, char **names, char **types,
                        int n, int table_sets){
  ck_assert_msg(table_sets == o->table_sets, "%s: sets spelled table[...]: %d", o->file, table_sets);
  if(o->http_layout >= 0){
    int nh;
    const ZlLogLayout *h = zl_http_layouts(&nh);
    ck_assert_int_lt(o->http_layout, nh);
    ck_assert_msg(layout_equals(&h[o->http_layout], names, types, n), "%s is not the %s layout",
                  o->file, h[o->http_layout].since);
    return;
  }
  if(strcmp(o->diff, "unrelated") == 0){
    for(int i = 0; i < n; i++){
      for(int j = 0; j < cur->nfields; j++) ck_assert_str_ne(names[i], cur->fields[j].name);
    }
    return;
  }
  Tokens got = {0}, want = {0};
  char buf[512], tok[520];
  for(int i = 0; i < n; i++){
    field_token(buf, sizeof buf, names[i], types[i], 1);
    int in_layout = 0;
    for(int j = 0; j < cur->nfields && !in_layout; j++){
      char lbuf[512];
      field_token(lbuf, sizeof lbuf, cur->fields[j].name, cur->fields[j].type, 0);
      in_layout = strcmp(buf, lbuf) == 0;
    }
    if(!in_layout){ snprintf(tok, sizeof tok, "+%s", buf); tokens_add(&got, tok); }
  }
  for(int j = 0; j < cur->nfields; j++){
    field_token(buf, sizeof buf, cur->fields[j].name, cur->fields[j].type, 0);
    int in_file = 0;
    for(int i = 0; i < n && !in_file; i++){
      char fbuf[512];
      field_token(fbuf, sizeof fbuf, names[i], types[i], 1);
      in_file = strcmp(buf, fbuf) == 0;
    }
    if(!in_file){ snprintf(tok, sizeof tok, "-%s", buf); tokens_add(&got, tok); }
  }
  tokens_split(&want, o->diff);
  int same = tokens_same(&got, &want);
  char *shown = strdup(tokens_join(&got));
  tokens_free(&got);
  tokens_free(&want);
  ck_assert_msg(same, "%s (%s): differs from the current %s layout by%s", o->file, o->why,
                cur->path, shown);
  free(shown);
}

/* Holds the first header block of a TSV log against its #path's layout; a file
** without one, or of a log the table does not know, is passed over. */
static void check_tsv(const char *path, const char *rel){
  FILE *f = fopen(path, "r");
  ck_assert_ptr_nonnull(f);
  static char line[MAX_LINE], fields_line[MAX_LINE], types_line[MAX_LINE];
  char log_path[256] = "";
  int have_fields = 0, have_types = 0;
  for(int i = 0; i < MAX_HEADER_LINES && fgets(line, sizeof line, f); i++){
    if(line[0] != '#') break;
    if(strncmp(line, "#path\t", 6) == 0){
      size_t len = strcspn(line + 6, "\r\n");
      if(len >= sizeof log_path) len = sizeof log_path - 1;
      memcpy(log_path, line + 6, len);
      log_path[len] = 0;
    }else if(strncmp(line, "#fields\t", 8) == 0){
      memcpy(fields_line, line, sizeof line); have_fields = 1;
    }else if(strncmp(line, "#types\t", 7) == 0){
      memcpy(types_line, line, sizeof line); have_types = 1;
    }
  }
  fclose(f);
  const ZlLogLayout *cur = zl_zeek_log(log_path);
  if(!have_fields || !have_types || !cur) return;
  char *names[MAX_TOKENS], *types[MAX_TOKENS];
  int n = split_tabs(fields_line, names, MAX_TOKENS);
  ck_assert_int_eq(split_tabs(types_line, types, MAX_TOKENS), n);
  int table_sets = 0;
  for(int i = 0; i < n; i++) table_sets |= strncmp(types[i], "table[", 6) == 0;
  tsv_checked++;
  int o = find_older(rel);
  if(o < 0){
    ck_assert_msg(layout_equals(cur, names, types, n),
                  "%s: its header is not the current %s layout, and no older one is named",
                  rel, log_path);
    tsv_current++;
    return;
  }
  older_used[o] = 1;
  ck_assert_msg(!layout_equals(cur, names, types, n), "%s is current, not older", rel);
  check_older(&OLDER[o], cur, names, types, n, table_sets);
}

static void check_json(const char *path, const char *rel, const ZlLogLayout *cur){
  int j = -1;
  for(int i = 0; i < N_JSON; i++) if(strcmp(JSON_LOGS[i].file, rel) == 0) j = i;
  ck_assert_msg(j >= 0, "%s: a JSON %s log the test does not know", rel, cur->path);
  json_used[j] = 1;
  FILE *f = fopen(path, "r");
  ck_assert_ptr_nonnull(f);
  static char line[MAX_LINE];
  Tokens first = {0}, extra = {0}, late = {0}, want_extra = {0}, want_late = {0};
  int lines = 0;
  while(fgets(line, sizeof line, f)){
    cJSON *doc = cJSON_Parse(line);
    if(!doc) continue;
    for(cJSON *kv = doc->child; kv; kv = kv->next){
      const char *k = kv->string;
      if(k[0] == '_') continue;           /* _path, _write_ts, ...: Zeek's own additions */
      int known = 0;
      for(int i = 0; i < cur->nfields && !known; i++) known = strcmp(cur->fields[i].name, k) == 0;
      if(!known) tokens_add(&extra, k);
      if(lines == 0) tokens_add(&first, k);
      else if(!tokens_has(&first, k)) tokens_add(&late, k);
    }
    cJSON_Delete(doc);
    lines++;
  }
  fclose(f);
  ck_assert_int_gt(lines, 0);
  tokens_split(&want_extra, JSON_LOGS[j].extra_keys);
  tokens_split(&want_late, JSON_LOGS[j].late_keys);
  int extra_ok = tokens_same(&extra, &want_extra), late_ok = tokens_same(&late, &want_late);
  char *shown_extra = strdup(tokens_join(&extra)), *shown_late = strdup(tokens_join(&late));
  tokens_free(&first); tokens_free(&extra); tokens_free(&late);
  tokens_free(&want_extra); tokens_free(&want_late);
  ck_assert_msg(extra_ok, "%s: keys outside the %s layout:%s", rel, cur->path, shown_extra);
  ck_assert_msg(late_ok, "%s: keys the first object lacks:%s", rel, shown_late);
  free(shown_extra); free(shown_late);
}

static int visit(const char *path, const struct stat *st, int kind, struct FTW *ftw){
  (void)st; (void)ftw;
  if(kind != FTW_F) return 0;
  const char *rel = path + strlen(DATA_DIR "/");
  if(strncmp(rel, "licenses/", 9) == 0 || strstr(rel, ".gz")) return 0;
  FILE *f = fopen(path, "r");
  if(!f) return 0;
  int c = fgetc(f);
  fclose(f);
  const char *type = zl_log_type_of_file(path);
  if(c == '#') check_tsv(path, rel);
  else if(c == '{' && type) check_json(path, rel, zl_zeek_log(type));
  return 0;
}

START_TEST(real_logs_match_their_layouts){
  memset(older_used, 0, sizeof older_used);
  memset(json_used, 0, sizeof json_used);
  tsv_checked = tsv_current = 0;
  ck_assert_int_eq(nftw(DATA_DIR, visit, 16, FTW_PHYS), 0);
  for(int i = 0; i < N_OLDER; i++) ck_assert_msg(older_used[i], "no TSV log %s", OLDER[i].file);
  for(int i = 0; i < N_JSON; i++) ck_assert_msg(json_used[i], "no JSON log %s", JSON_LOGS[i].file);
  ck_assert_int_ge(tsv_current, 20);          /* the Zeek 3.x and 8.2 baselines, 9.1-dev's http */
  ck_assert_int_eq(tsv_checked, tsv_current + N_OLDER);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("zeek_logs");
  TCase *t = tcase_create("core");
  tcase_add_test(t, current_layouts_have_zeeks_field_counts);
  tcase_add_test(t, conn_and_http_fields_in_zeeks_order);
  tcase_add_test(t, policy_fields_are_not_in_base_layouts);
  tcase_add_test(t, unknown_paths_have_no_layout);
  tcase_add_test(t, table_is_sorted_complete_and_well_formed);
  tcase_add_test(t, http_history_oldest_first);
  tcase_add_test(t, field_types_by_name);
  tcase_add_test(t, file_names_name_their_log);
  tcase_add_test(t, file_names_odd_cases);
  tcase_add_test(t, real_logs_match_their_layouts);
  suite_add_tcase(s, t);
  return s;
}

#include "unit.h"

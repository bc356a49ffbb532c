/*
** conngen — writes a large, deterministic Zeek conn.log (and, with --dns, the
** matching dns.log) with hunting targets planted among realistic noise.
**
**   bench/data/conngen -n 2000000 [-s SEED] [-o conn.log] [--dns dns.log]
**
** One day, 2024-03-01 UTC, in current Zeek's TSV layout (conn.log with
** local_resp and ip_proto, dns.log with rtt), full header and #close. -n is
** the number of conn.log rows in all; the same -n and -s give the same
** bytes on any machine (integer arithmetic and our own PRNG only).
**
** Planted (the hunts in sql/hunt/ should put them first):
**   beacon   10.0.0.66 -> 203.0.113.66:443/tcp every 60 s +- 3 s, all day,
**            517-519 bytes out                       (01_beacons)
**   long     10.0.0.77 -> 198.51.100.77:22/tcp, one ssh session of 9.5 h
**                                                    (02a_longest_connections)
**   tunnel   10.0.0.88 asks 10.0.0.53 for <40-60 hex>.<n>.t.exfil.example
**            (TXT), 2,000 times within two hours     (03_dns_tunnelling)
** Noise: 2,000 hosts (10.1.0.0/16) browsing 50,000 sites (a few popular,
** most rare) over 443/80 in bursts, DNS to two resolvers at random times
** (qnames from common domains, CDN names with random labels), NTP polls
** every ~1024 s +- 50% (200 hosts at 2M rows), update checks every 40-80
** minutes (50 hosts), SMB/LDAP to internal servers, failed (S0) attempts.
** Fewer rows than the planted ones (~3,500) give just the planted ones. Times rise
** minute by minute; within a minute rows are in no order, and the long
** session is written when it ends, as Zeek writes connections.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY0 1709251200ULL            /* 2024-03-01T00:00:00Z */
#define MINUTES 1440
#define US 1000000ULL
#define HOSTS 2000
#define SITES 50000
#define NTP_HOSTS_MAX 200            /* one per 10,000 rows, at most 200 */
#define UPDATE_HOSTS_MAX 50          /* one per 40,000 rows, at most 50 */
#define BEACON_EVERY_US (60 * US)
#define BEACON_JITTER_US (3 * US)
#define TUNNEL_QUERIES 2000
#define TUNNEL_START_MIN 600          /* 10:00 UTC */
#define TUNNEL_MINUTES 120
#define LONG_START_MIN 50
#define LONG_DURATION_US (9 * 3600 * US + 1800 * US + 12250000ULL)

/* ---- PRNG: splitmix64 ------------------------------------------------- */
/* One stream for the rows' contents; each periodic host has its own for its
** schedule, so that the schedules can be counted ahead, whatever the order
** the rows are written in. */
static uint64_t rng_state;

static uint64_t splitmix(uint64_t *state){
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static uint64_t rng_next(void){ return splitmix(&rng_state); }
static uint32_t below(uint64_t r, uint32_t n){ return (uint32_t)(((r >> 32) * (uint64_t)n) >> 32); }
static uint32_t rnd(uint32_t n){ return below(rng_next(), n); }
static uint32_t sched_rnd(uint64_t *state, uint32_t n){ return below(splitmix(state), n); }
static int chance(unsigned permille){ return rnd(1000) < permille; }
/* Roughly exponential with the given mean (integer steps of the inverse CDF
** by halving: mean * (k + u) where k counts halvings of a fair coin). */
static uint64_t expo(uint64_t mean){
  uint64_t k = 0;
  while(k < 40 && chance(500)) k++;
  return (mean * (k * 1000 + rnd(1000))) / 1443;  /* E = mean: 1/ln 2 ~ 1.443 */
}
/* A site index skewed to the popular ones: a few get most visits. */
static uint32_t popular(uint32_t n){
  return chance(700) ? rnd(1 + rnd(1 + rnd(n))) : rnd(n);
}

#define PICK(arr) ((arr)[rnd(sizeof(arr) / sizeof((arr)[0]))])

/* ---- output ------------------------------------------------------------- */
typedef struct Out { FILE *f; char buf[1 << 20]; size_t n; const char *path; } Out;
static Out conn_out, dns_out;

static void flush_out(Out *o){
  if(o->n && fwrite(o->buf, 1, o->n, o->f) != o->n){
    perror(o->path);
    exit(1);
  }
  o->n = 0;
}
static void put_n(Out *o, const char *s, size_t n){
  if(o->n + n > sizeof o->buf) flush_out(o);
  memcpy(o->buf + o->n, s, n);
  o->n += n;
}
static void put_s(Out *o, const char *s){ put_n(o, s, strlen(s)); }
static void put_c(Out *o, char c){ put_n(o, &c, 1); }
static void put_u(Out *o, uint64_t v){
  char tmp[24];
  int i = 0;
  do { tmp[i++] = (char)('0' + v % 10); v /= 10; } while(v);
  while(i) put_c(o, tmp[--i]);
}
static void tab(Out *o){ put_c(o, '\t'); }
/* Microseconds as Zeek writes times and intervals: seconds.6 digits. */
static void put_us(Out *o, uint64_t us){
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, "%llu.%06llu", (unsigned long long)(us / US),
                   (unsigned long long)(us % US));
  put_n(o, tmp, (size_t)n);
}
static void put_ip4(Out *o, unsigned a, unsigned b, unsigned c, unsigned d){
  put_u(o, a); put_c(o, '.'); put_u(o, b); put_c(o, '.'); put_u(o, c); put_c(o, '.'); put_u(o, d);
}

/* ---- one connection ------------------------------------------------------ */
typedef struct Conn {
  uint64_t ts_us, dur_us;       /* dur_us 0 with no_dur: unset */
  unsigned src[4], dst[4];
  unsigned sport, dport;
  int udp, no_dur;
  const char *service;          /* NULL: unset */
  uint64_t ob, rb;              /* payload bytes */
  const char *state, *history;
  char uid[19];
} Conn;

static void make_uid(char *uid){
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  uid[0] = 'C';
  for(int i = 1; i < 18; i++) uid[i] = alphabet[rnd(62)];
  uid[18] = 0;
}

static int is_local(const unsigned *a){ return a[0] == 10; }

static void write_conn(const Conn *c){
  Out *o = &conn_out;
  uint64_t opk = 1 + c->ob / 512, rpk = c->rb ? 1 + c->rb / 1400 : (c->no_dur ? 0 : 1);
  put_us(o, c->ts_us); tab(o);
  put_s(o, c->uid); tab(o);
  put_ip4(o, c->src[0], c->src[1], c->src[2], c->src[3]); tab(o);
  put_u(o, c->sport); tab(o);
  put_ip4(o, c->dst[0], c->dst[1], c->dst[2], c->dst[3]); tab(o);
  put_u(o, c->dport); tab(o);
  put_s(o, c->udp ? "udp" : "tcp"); tab(o);
  put_s(o, c->service ? c->service : "-"); tab(o);
  if(c->no_dur){ put_s(o, "-\t-\t-"); }
  else{ put_us(o, c->dur_us); tab(o); put_u(o, c->ob); tab(o); put_u(o, c->rb); }
  tab(o);
  put_s(o, c->state); tab(o);
  put_c(o, is_local(c->src) ? 'T' : 'F'); tab(o);
  put_c(o, is_local(c->dst) ? 'T' : 'F'); tab(o);
  put_c(o, '0'); tab(o);
  put_s(o, c->history); tab(o);
  put_u(o, opk); tab(o);
  put_u(o, c->ob + opk * (c->udp ? 28 : 40)); tab(o);
  put_u(o, rpk); tab(o);
  put_u(o, c->rb + rpk * (c->udp ? 28 : 40)); tab(o);
  put_s(o, "(empty)"); tab(o);
  put_s(o, c->udp ? "17" : "6");
  put_c(o, '\n');
}

/* ---- DNS ----------------------------------------------------------------- */
static const char *const domains[] = {
  "example.com", "example.net", "example.org", "example.co.uk", "example.com.au",
  "search-example.com", "mail-example.net", "video-example.com", "news-example.org",
  "shop-example.com", "social-example.com", "cloud-example.net", "ads-example.com",
};
static const char *const hostnames[] = {
  "www", "www", "www", "mail", "api", "cdn", "static", "img", "login", "m", "app", "assets",
};
static const char *const cdn_domains[] = { "cdn-example.net", "edge-example.com" };

/* One query name into buf: common, or a CDN name with a random label. */
static void noise_qname(char *buf, size_t size, unsigned *qtype){
  *qtype = chance(800) ? 1 : 28;
  if(chance(150)){
    snprintf(buf, size, "e%u.a%u.%s", 1000 + rnd(9000), rnd(10), PICK(cdn_domains));
  }else{
    snprintf(buf, size, "%s.%s", PICK(hostnames), PICK(domains));
  }
}

/* Draws its random values even when no dns.log is written, so that the
** conn.log is the same bytes with or without --dns. */
static void write_dns(const Conn *c, const char *query, unsigned qtype, int answered){
  Out *o = &dns_out;
  static const char *const qtype_names[] = { [1] = "A", [16] = "TXT", [28] = "AAAA" };
  unsigned trans_id = rnd(65536), a = rnd(256), b = 1 + rnd(254), v6 = 1 + rnd(9999);
  if(!o->f) return;
  put_us(o, c->ts_us); tab(o);
  put_s(o, c->uid); tab(o);
  put_ip4(o, c->src[0], c->src[1], c->src[2], c->src[3]); tab(o);
  put_u(o, c->sport); tab(o);
  put_ip4(o, c->dst[0], c->dst[1], c->dst[2], c->dst[3]); tab(o);
  put_s(o, "53\tudp\t"); put_u(o, trans_id); tab(o);
  put_us(o, c->dur_us); tab(o);
  put_s(o, query); tab(o);
  put_s(o, "1\tC_INTERNET\t"); put_u(o, qtype); tab(o);
  put_s(o, qtype_names[qtype]); tab(o);
  put_s(o, answered ? "0\tNOERROR" : "3\tNXDOMAIN");
  put_s(o, "\tF\tF\tT\tT\t0\t");
  if(!answered) put_s(o, "-\t-");
  else if(qtype == 16) put_s(o, "TXT 2 ok\t60.000000");
  else if(qtype == 28){ put_s(o, "2001:db8::"); put_u(o, v6); put_s(o, "\t300.000000"); }
  else{ put_ip4(o, 93, 184, a, b); put_s(o, "\t300.000000"); }
  put_s(o, "\tF\n");
}

/* ---- the kinds of noise -------------------------------------------------- */
static void host_addr(unsigned *a, uint32_t i){ a[0] = 10; a[1] = 1; a[2] = i / 250; a[3] = 1 + i % 250; }
static void site_addr(unsigned *a, uint32_t i){
  a[0] = 93 + i % 7; a[1] = 184 + (i / 7) % 50; a[2] = (i / 350) % 256; a[3] = 1 + (i * 37) % 254;
}
static void set4(unsigned *a, unsigned w, unsigned x, unsigned y, unsigned z){
  a[0] = w; a[1] = x; a[2] = y; a[3] = z;
}

static void base_conn(Conn *c, uint64_t ts_us){
  memset(c, 0, sizeof *c);
  c->ts_us = ts_us;
  c->sport = 1024 + rnd(64000);
  c->state = "SF";
  c->history = "ShADadFf";
  make_uid(c->uid);
}

static void web(Conn *c){
  host_addr(c->src, rnd(HOSTS));
  site_addr(c->dst, popular(SITES));
  c->dport = chance(800) ? 443 : 80;
  c->service = c->dport == 443 ? "ssl" : "http";
  c->dur_us = expo(8 * US);
  c->ob = 200 + expo(900);
  c->rb = expo(40000);
  if(chance(30)){ c->state = "RSTO"; c->history = "ShADadR"; }
}

static void dns_query(Conn *c){
  char q[128];
  unsigned qtype;
  host_addr(c->src, rnd(HOSTS));
  set4(c->dst, 10, 0, 0, chance(650) ? 53 : 54);
  c->udp = 1;
  c->dport = 53;
  c->service = "dns";
  c->dur_us = 1000 + rnd(60000);
  noise_qname(q, sizeof q, &qtype);
  c->ob = strlen(q) + 18;
  c->rb = chance(950) ? c->ob + 16 + rnd(120) : 0;
  c->history = "Dd";
  write_dns(c, q, qtype, c->rb != 0);
}

static void ntp(Conn *c, uint32_t host){
  host_addr(c->src, host);
  set4(c->dst, 10, 0, 0, 123);
  c->udp = 1;
  c->sport = c->dport = 123;
  c->service = "ntp";
  c->dur_us = 1000 + rnd(20000);
  c->ob = c->rb = 48;
  c->history = "Dd";
}

static void update_check(Conn *c, uint32_t host){
  host_addr(c->src, host);
  set4(c->dst, 198, 51, 100, 10);
  c->dport = 443;
  c->service = "ssl";
  c->dur_us = 200000 + rnd(800000);
  c->ob = 700 + rnd(300);
  c->rb = 3000 + rnd(2000);
}

static void internal(Conn *c){
  static const unsigned ports[] = {445, 389, 88, 135, 3268};
  host_addr(c->src, rnd(HOSTS));
  set4(c->dst, 10, 0, 1, 1 + rnd(20));
  c->dport = PICK(ports);
  c->service = c->dport == 445 ? "smb" : c->dport == 88 ? "krb_tcp" : c->dport == 389 ? "ldap" : NULL;
  c->dur_us = expo(2 * US);
  c->ob = expo(3000);
  c->rb = expo(6000);
}

static void failed(Conn *c){
  host_addr(c->src, rnd(HOSTS));
  set4(c->dst, 198, 51, 100, 100 + rnd(100));
  c->dport = chance(500) ? 23 : 8080 + rnd(3);
  c->no_dur = 1;
  c->state = "S0";
  c->history = "S";
}

/* ---- the planted ones ------------------------------------------------------ */
static void beacon(Conn *c){
  set4(c->src, 10, 0, 0, 66);
  set4(c->dst, 203, 0, 113, 66);
  c->dport = 443;
  c->service = "ssl";
  c->dur_us = 200000 + rnd(300000);
  c->ob = 517 + rnd(3);
  c->rb = 1400 + rnd(40);
}

static void long_session(Conn *c){
  set4(c->src, 10, 0, 0, 77);
  set4(c->dst, 198, 51, 100, 77);
  c->dport = 22;
  c->service = "ssh";
  c->dur_us = LONG_DURATION_US;
  c->ob = 4500000;
  c->rb = 90000000;
}

static void tunnel_query(Conn *c, unsigned n){
  static const char hex[] = "0123456789abcdef";
  char q[160];
  size_t len = 40 + rnd(21), k = 0;
  for(size_t i = 0; i < len; i++) q[k++] = hex[rnd(16)];
  snprintf(q + k, sizeof q - k, ".%u.t.exfil.example", n);
  set4(c->src, 10, 0, 0, 88);
  set4(c->dst, 10, 0, 0, 53);
  c->udp = 1;
  c->dport = 53;
  c->service = "dns";
  c->dur_us = 2000 + rnd(40000);
  c->ob = strlen(q) + 18;
  c->rb = c->ob + 30;
  c->history = "Dd";
  write_dns(c, q, 16, 1);
}

/* ---- the day, minute by minute ---------------------------------------------- */
/* A periodic host: its next time and its own random stream. NTP polls
** every 1024 s +- 50%; update checks come every 40-80 minutes. */
typedef struct Schedule { uint64_t next_us, state; } Schedule;

static uint64_t ntp_step(uint64_t *st){ return 512 * US + sched_rnd(st, 1024) * US + sched_rnd(st, 1000000); }
static uint64_t update_step(uint64_t *st){ return 2400 * US + sched_rnd(st, 2400) * US + sched_rnd(st, 1000000); }

typedef struct Plan {
  uint64_t *beacon_us; size_t beacons;
  Schedule *ntp, *update;
  uint32_t ntp_hosts, update_hosts;
  uint64_t noise_rows;
} Plan;

static uint64_t minute_us(unsigned m){ return (DAY0 + 60ULL * m) * US; }

/* Rows of noise due in minute m: an even share of the total. */
static uint64_t noise_in_minute(const Plan *p, unsigned m){
  return (m + 1) * p->noise_rows / MINUTES - m * p->noise_rows / MINUTES;
}

static void emit_noise(uint64_t ts_us){
  Conn c;
  base_conn(&c, ts_us);
  unsigned r = rnd(1000);
  if(r < 560) web(&c);
  else if(r < 900) dns_query(&c);
  else if(r < 970) internal(&c);
  else failed(&c);
  write_conn(&c);
}

/* The periodic benign ones due before hi: NTP and update checks. */
static void emit_periodic(Plan *p, uint64_t hi){
  Conn c;
  for(uint32_t h = 0; h < p->ntp_hosts; h++){
    for(Schedule *s = &p->ntp[h]; s->next_us < hi; s->next_us += ntp_step(&s->state)){
      base_conn(&c, s->next_us); ntp(&c, h * 10); write_conn(&c);
    }
  }
  for(uint32_t h = 0; h < p->update_hosts; h++){
    for(Schedule *s = &p->update[h]; s->next_us < hi; s->next_us += update_step(&s->state)){
      base_conn(&c, s->next_us); update_check(&c, 1000 + h); write_conn(&c);
    }
  }
}

static void plan_beacon(Plan *p){
  size_t cap = MINUTES + 16;
  p->beacon_us = malloc(cap * sizeof *p->beacon_us);
  if(!p->beacon_us){ perror("conngen"); exit(1); }
  uint64_t t = minute_us(0) + 37250000ULL;
  while(t < minute_us(MINUTES - 1) && p->beacons < cap){
    p->beacon_us[p->beacons++] = t;
    t += BEACON_EVERY_US - BEACON_JITTER_US + rng_next() % (2 * BEACON_JITTER_US);
  }
}

/* How many rows a schedule gives over the day (run on a copy). */
static uint64_t count_schedule(Schedule s, uint64_t (*step)(uint64_t *)){
  uint64_t n = 0;
  for(; s.next_us < minute_us(MINUTES); s.next_us += step(&s.state)) n++;
  return n;
}

static uint64_t count_periodic(const Plan *p){
  uint64_t n = 0;
  for(uint32_t h = 0; h < p->ntp_hosts; h++) n += count_schedule(p->ntp[h], ntp_step);
  for(uint32_t h = 0; h < p->update_hosts; h++) n += count_schedule(p->update[h], update_step);
  return n;
}

static Schedule *schedules(uint32_t n, uint64_t seed, uint32_t spread_s){
  Schedule *s = malloc(n * sizeof *s);
  if(!s){ perror("conngen"); exit(1); }
  for(uint32_t h = 0; h < n; h++){
    s[h].state = seed * 0x9E3779B97F4A7C15ULL + h;
    s[h].next_us = minute_us(0) + sched_rnd(&s[h].state, spread_s) * US;
  }
  return s;
}

static const char *const conn_header =
  "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
  "#open\t2024-03-01-00-00-00\n"
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\t"
  "orig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\t"
  "orig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tip_proto\n"
  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\t"
  "bool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tcount\n";
static const char *const dns_header =
  "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
  "#open\t2024-03-01-00-00-00\n"
  "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\t"
  "qclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\t"
  "rejected\n"
  "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\t"
  "count\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\t"
  "vector[interval]\tbool\n";
static const char *const close_line = "#close\t2024-03-02-00-00-00\n";

static void usage(void){
  fprintf(stderr, "usage: conngen -n ROWS [-s SEED] [-o CONN_LOG] [--dns DNS_LOG]\n");
  exit(2);
}

static FILE *open_out(const char *path){
  FILE *f = path ? fopen(path, "wb") : stdout;
  if(!f){ perror(path); exit(1); }
  return f;
}

int main(int argc, char **argv){
  uint64_t rows = 0, seed = 1;
  const char *conn_path = NULL, *dns_path = NULL;
  for(int i = 1; i < argc; i++){
    if(!strcmp(argv[i], "-n") && i + 1 < argc) rows = strtoull(argv[++i], NULL, 10);
    else if(!strcmp(argv[i], "-s") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
    else if(!strcmp(argv[i], "-o") && i + 1 < argc) conn_path = argv[++i];
    else if(!strcmp(argv[i], "--dns") && i + 1 < argc) dns_path = argv[++i];
    else usage();
  }
  if(rows == 0) usage();
  conn_out.f = open_out(conn_path);
  conn_out.path = conn_path ? conn_path : "stdout";
  if(dns_path){ dns_out.f = open_out(dns_path); dns_out.path = dns_path; }
  rng_state = seed * 0x2545F4914F6CDD1DULL + 15;

  Plan p = {0};
  plan_beacon(&p);
  p.ntp_hosts = rows / 10000 < 1 ? 1 : rows / 10000 > NTP_HOSTS_MAX ? NTP_HOSTS_MAX : (uint32_t)(rows / 10000);
  p.update_hosts = rows / 40000 < 1 ? 1 : rows / 40000 > UPDATE_HOSTS_MAX ? UPDATE_HOSTS_MAX : (uint32_t)(rows / 40000);
  p.ntp = schedules(p.ntp_hosts, seed * 2 + 1, 1024);
  p.update = schedules(p.update_hosts, seed * 2 + 2, 3600);
  uint64_t planted = p.beacons + 1 + TUNNEL_QUERIES + count_periodic(&p);
  p.noise_rows = rows > planted ? rows - planted : 0;

  put_s(&conn_out, conn_header);
  if(dns_out.f) put_s(&dns_out, dns_header);
  size_t next_beacon = 0;
  unsigned tunnel_n = 0;
  Conn c;
  for(unsigned m = 0; m < MINUTES; m++){
    uint64_t lo = minute_us(m), hi = minute_us(m + 1);
    for(uint64_t k = noise_in_minute(&p, m); k > 0; k--) emit_noise(lo + rng_next() % (60 * US));
    emit_periodic(&p, hi);
    while(next_beacon < p.beacons && p.beacon_us[next_beacon] < hi){
      base_conn(&c, p.beacon_us[next_beacon++]);
      beacon(&c);
      write_conn(&c);
    }
    if(m >= TUNNEL_START_MIN && m < TUNNEL_START_MIN + TUNNEL_MINUTES){
      unsigned due = (m - TUNNEL_START_MIN + 1) * TUNNEL_QUERIES / TUNNEL_MINUTES;
      while(tunnel_n < due){
        base_conn(&c, lo + rng_next() % (60 * US));
        tunnel_query(&c, tunnel_n++);
        write_conn(&c);
      }
    }
    /* the long session started at LONG_START_MIN: Zeek logs it when it ends */
    uint64_t long_start = minute_us(LONG_START_MIN) + 500000;
    if(long_start + LONG_DURATION_US >= lo && long_start + LONG_DURATION_US < hi){
      base_conn(&c, long_start);
      long_session(&c);
      write_conn(&c);
    }
  }
  put_s(&conn_out, close_line);
  flush_out(&conn_out);
  if(dns_out.f){ put_s(&dns_out, close_line); flush_out(&dns_out); }
  free(p.beacon_us); free(p.ntp); free(p.update);
  if(conn_path && fclose(conn_out.f) != 0){ perror(conn_path); return 1; }
  if(dns_path && fclose(dns_out.f) != 0){ perror(dns_path); return 1; }
  return 0;
}

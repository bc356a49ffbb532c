/*
** names.c — registered domains from a built-in list of multi-label public
** suffixes, and Shannon entropy (see names.h).
*/
#include "func/dns/names.h"

#include <math.h>
#include <string.h>

#define BYTE_VALUES 256
#define IPV4_LABELS 4

/* Sorted by strcmp (binary search). All are ICANN suffixes of the Public
** Suffix List; the list's wildcard rules (*.bd, *.np, *.sch.uk) are not. */
static const char *const multi_label_suffixes[] = {
  "ac.cn", "ac.id", "ac.il", "ac.in", "ac.jp", "ac.kr",
  "ac.nz", "ac.th", "ac.uk", "ac.za", "ad.jp", "asn.au",
  "co.id", "co.il", "co.in", "co.jp", "co.ke", "co.kr",
  "co.nz", "co.th", "co.uk", "co.za", "com.ar", "com.au",
  "com.br", "com.cn", "com.co", "com.cy", "com.ec", "com.eg",
  "com.gr", "com.hk", "com.lk", "com.mt", "com.mx", "com.my",
  "com.ng", "com.pe", "com.ph", "com.pk", "com.pl", "com.sa",
  "com.sg", "com.tr", "com.tw", "com.ua", "com.uy", "com.ve",
  "com.vn", "ed.jp", "edu.ar", "edu.au", "edu.br", "edu.cn",
  "edu.co", "edu.eg", "edu.hk", "edu.in", "edu.mx", "edu.my",
  "edu.pk", "edu.sa", "edu.sg", "edu.tr", "edu.tw", "edu.ua",
  "edu.vn", "firm.in", "gen.in", "go.id", "go.jp", "go.kr",
  "go.th", "gob.ar", "gob.mx", "gov.au", "gov.br", "gov.cn",
  "gov.co", "gov.eg", "gov.hk", "gov.il", "gov.in", "gov.my",
  "gov.pk", "gov.sa", "gov.sg", "gov.tr", "gov.tw", "gov.ua",
  "gov.uk", "gov.vn", "gov.za", "govt.nz", "gr.jp", "id.au",
  "in-addr.arpa", "in.th", "ind.in", "ip6.arpa", "lg.jp", "ltd.uk",
  "me.uk", "ne.jp", "ne.kr", "net.ar", "net.au", "net.br",
  "net.cn", "net.co", "net.hk", "net.id", "net.il", "net.in",
  "net.mx", "net.my", "net.nz", "net.ph", "net.pk", "net.pl",
  "net.sg", "net.tr", "net.tw", "net.ua", "net.uk", "net.vn",
  "net.za", "nhs.uk", "or.id", "or.jp", "or.ke", "or.kr",
  "or.th", "org.ar", "org.au", "org.br", "org.cn", "org.co",
  "org.hk", "org.il", "org.in", "org.mx", "org.my", "org.nz",
  "org.ph", "org.pk", "org.pl", "org.sg", "org.tr", "org.tw",
  "org.ua", "org.uk", "org.vn", "org.za", "plc.uk", "police.uk",
  "re.kr", "res.in", "school.nz", "web.id", "web.za",
};
#define SUFFIXES (sizeof multi_label_suffixes / sizeof multi_label_suffixes[0])

size_t zl_public_suffix_count(void){ return SUFFIXES; }
const char *zl_public_suffix(size_t i){ return i < SUFFIXES ? multi_label_suffixes[i] : 0; }

/* strcmp order between text[0..len) and a NUL-terminated string. */
static int compare_text(const char *text, size_t len, const char *s){
  size_t slen = strlen(s);
  int c = memcmp(text, s, len < slen ? len : slen);
  return c ? c : (len > slen) - (len < slen);
}

int zl_is_multi_label_suffix(const char *suffix, size_t len){
  size_t lo = 0, hi = SUFFIXES;
  while(lo < hi){
    size_t mid = lo + (hi - lo) / 2;
    int c = compare_text(suffix, len, multi_label_suffixes[mid]);
    if(c == 0) return 1;
    if(c < 0) hi = mid; else lo = mid + 1;
  }
  return 0;
}

static int is_ipv4_literal(const char *s, size_t len, size_t labels){
  if(labels != IPV4_LABELS) return 0;
  for(size_t i = 0; i < len; i++) if(s[i] != '.' && (s[i] < '0' || s[i] > '9')) return 0;
  return 1;
}

/* Lower-cases into out and counts the labels; 0 for an empty label. */
static size_t lower_and_count_labels(const char *name, size_t len, char *out){
  size_t labels = 1, label_len = 0;
  for(size_t i = 0; i < len; i++){
    char c = name[i];
    if(c == '.'){
      if(label_len == 0) return 0;
      labels++;
      label_len = 0;
    }else{
      label_len++;
    }
    out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
  }
  return label_len ? labels : 0;
}

/* Where the k-th label from the right starts (k >= 1, k <= labels). */
static size_t start_of_label_from_right(const char *s, size_t len, size_t k){
  size_t i = len;
  while(i > 0){
    if(s[i - 1] == '.' && --k == 0) return i;
    i--;
  }
  return 0;
}

int zl_registered_domain(const char *name, size_t len, char *out, size_t *out_len){
  if(len > 0 && name[len - 1] == '.') len--;        /* the root's dot */
  if(len == 0) return 0;
  size_t labels = lower_and_count_labels(name, len, out);
  if(labels < 2 || is_ipv4_literal(out, len, labels)) return 0;
  size_t last_two = start_of_label_from_right(out, len, 2);
  size_t suffix_labels = zl_is_multi_label_suffix(out + last_two, len - last_two) ? 2 : 1;
  if(labels <= suffix_labels) return 0;
  size_t start = start_of_label_from_right(out, len, suffix_labels + 1);
  memmove(out, out + start, len - start);
  *out_len = len - start;
  return 1;
}

double zl_shannon_entropy(const void *text, size_t len){
  size_t counts[BYTE_VALUES] = {0};
  const unsigned char *p = text;
  for(size_t i = 0; i < len; i++) counts[p[i]]++;
  double bits = 0;
  for(int b = 0; b < BYTE_VALUES; b++){
    if(!counts[b]) continue;
    double share = (double)counts[b] / (double)len;
    bits -= share * log2(share);
  }
  return bits;
}

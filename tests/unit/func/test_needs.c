/*
** test_needs.c — what patterns need (ext/func/signatures/needs.c) and the
** prefilter built from it (prefilter.c).
**
** The needs must never rule out a value that the pattern matches. That is
** checked against PCRE2 itself: for the built-in signatures, for patterns in
** the shapes users write, and for thousands of patterns drawn at random from
** a small grammar, each on values drawn from its own literals — whenever
** PCRE2 matches a value, some clause must hold in it, checked here by plain
** substring search on the folded value (not by the prefilter), and the
** prefilter must list the signature too. The readings that give up (verbs,
** (?x), conditionals) and the exact grams of a few plain patterns are
** checked by hand.
*/
#include <check.h>

#include "func/signatures/needs.h"
#include "func/signatures/prefilter.h"
#include "func/signatures/signatures.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ZlNeeds needs_of(const char *pattern){
  ZlNeeds n;
  zl_needs_of(pattern, strlen(pattern), &n);
  return n;
}

static int has_gram(const unsigned char *folded, size_t len, const ZlGram *g){
  for(size_t at = 0; at + g->len <= len; at++){
    if(memcmp(folded + at, g->b, g->len) == 0) return 1;
  }
  return 0;
}

/* Do the needs hold in value (by substring search, independently of the
** prefilter)? */
static int needs_hold(const ZlNeeds *n, const char *value, size_t len){
  if(!n->known) return 1;
  unsigned char *folded = malloc(len + 1);
  for(size_t i = 0; i < len; i++) folded[i] = zl_needs_fold((unsigned char)value[i]);
  int holds = 0;
  for(size_t c = 0; c < n->count && !holds; c++){
    size_t met = 0;
    for(size_t k = 0; k < n->clause[c].count; k++){
      const ZlNeed *need = &n->clause[c].need[k];
      for(size_t g = 0; g < need->count; g++){
        if(has_gram(folded, len, &need->gram[g])){ met++; break; }
      }
    }
    holds = met == n->clause[c].count;
  }
  free(folded);
  return holds;
}

typedef struct Oracle {
  pcre2_code *code;
  pcre2_match_data *match;
} Oracle;

/* PCRE2 as the sets use it (a match that runs out of effort counts as no
** match); 0 when the pattern does not compile. */
static int oracle_open(Oracle *o, const char *pattern){
  int code;
  PCRE2_SIZE offset;
  o->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                          PCRE2_NEVER_UTF | PCRE2_CASELESS | PCRE2_NEVER_BACKSLASH_C,
                          &code, &offset, NULL);
  if(o->code == NULL) return 0;
  pcre2_jit_compile(o->code, PCRE2_JIT_COMPLETE);
  o->match = pcre2_match_data_create_from_pattern(o->code, NULL);
  return 1;
}

static int oracle_matches(const Oracle *o, const char *value, size_t len){
  return pcre2_match(o->code, (PCRE2_SPTR)value, len, 0, 0, o->match, NULL) >= 0;
}

static void oracle_close(Oracle *o){
  pcre2_match_data_free(o->match);
  pcre2_code_free(o->code);
}

/* Does the prefilter (over this one pattern) list it for value? */
static int prefilter_lists(ZlPrefilter *p, const char *value, size_t len){
  uint64_t cand[1];
  zl_prefilter_scan(p, (const unsigned char *)value, len, cand);
  return (int)(cand[0] & 1);
}

/* ---- random values and patterns ---------------------------------------- */

static unsigned long long rng_state = 88172645463325252ull;
static unsigned next_random(void){
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned)(rng_state >> 16);
}

/* A value from the pattern's own bytes: runs of its literal characters
** (letters in either case) and of a few others. */
static size_t random_value(const char *pattern, char *out, size_t cap){
  static const char extra[] = " =/.&?;'\"<>()%\\\t\n\xc0\xae";
  size_t plen = strlen(pattern), n = 1 + next_random() % (cap - 1);
  for(size_t i = 0; i < n; i++){
    int from_pattern = next_random() % 4 != 0;
    char c = from_pattern ? pattern[next_random() % plen] : extra[next_random() % (sizeof extra - 1)];
    if(next_random() % 3 == 0 && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    out[i] = c;
  }
  return n;
}

/* Copies runs of the pattern itself into the value, so that it matches now
** and then. */
static size_t spliced_value(const char *pattern, char *out, size_t cap){
  size_t n = 0, plen = strlen(pattern);
  while(n + 8 < cap && next_random() % 6 != 0){
    size_t from = next_random() % plen, len = 1 + next_random() % 6;
    for(size_t i = 0; i < len && from + i < plen && n < cap; i++){
      char c = pattern[from + i];
      if(c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == '|'
         || c == '?' || c == '*' || c == '+' || c == '{' || c == '}') continue;
      out[n++] = c;
    }
  }
  return n;
}

/* Checks needs against PCRE2 on many values; returns how many matched. */
static int check_pattern(const char *pattern, int values){
  Oracle o;
  if(!oracle_open(&o, pattern)) return 0;
  ZlNeeds n = needs_of(pattern);
  const ZlNeeds *each[1] = { &n };
  ZlPrefilter *p = zl_prefilter_build(each, 1, NULL);
  int matched = 0;
  char value[96];
  for(int i = 0; i < values; i++){
    size_t len = i % 2 ? random_value(pattern, value, sizeof value)
                       : spliced_value(pattern, value, sizeof value);
    if(!oracle_matches(&o, value, len)) continue;
    matched++;
    ck_assert_msg(needs_hold(&n, value, len), "/%s/ matches \"%.*s\" but its needs do not hold",
                  pattern, (int)len, value);
    ck_assert_msg(prefilter_lists(p, value, len), "/%s/ matches \"%.*s\" but the prefilter"
                  " leaves it out", pattern, (int)len, value);
  }
  zl_prefilter_free(p);
  oracle_close(&o);
  return matched;
}

/* A pattern from a small grammar: literals (some escaped), classes,
** groups of all kinds, alternation, quantifiers of all kinds, anchors. */
static void random_pattern(char *out, size_t cap, int depth);

static void append(char *out, size_t cap, const char *s){
  size_t len = strlen(out);
  if(len + strlen(s) < cap) strcpy(out + len, s);
}

static void random_item(char *out, size_t cap, int depth){
  static const char *const atoms[] = {
    "a", "b", "ab", "x", "=", "/", ".", "\\.", "\\d", "\\s", "\\w", "[ab]", "[a-c]",
    "[^a]", "[\\d=]", "\\x41", "\\n", "\\b", "^", "$", "\\Qa.b\\E", "[\\s;(]", "_",
    "\\\\", "[\\\\/]", "\\$", "(?i)", "(?-i)", "'", "[.]", "[]a]", "\\xc0", "[\\xae\\xaf]",
  };
  static const char *const quantifiers[] = {
    "", "", "", "*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "*+", "++", "?+",
    "*?", "+?", "{1,80}?", "{,3}",
  };
  static const char *const opens[] = { "(", "(?:", "(?>", "(?|", "(?=", "(?!", "(?<=", "(?<!", "(?<n>" };
  if(depth < 3 && next_random() % 4 == 0){
    const char *open = opens[next_random() % (sizeof opens / sizeof opens[0])];
    append(out, cap, strcmp(open, "(?<n>") == 0 ? "(" : open);
    random_pattern(out, cap, depth + 1);
    append(out, cap, ")");
  }else{
    append(out, cap, atoms[next_random() % (sizeof atoms / sizeof atoms[0])]);
  }
  append(out, cap, quantifiers[next_random() % (sizeof quantifiers / sizeof quantifiers[0])]);
}

static void random_pattern(char *out, size_t cap, int depth){
  int items = 1 + (int)(next_random() % 4);
  for(int i = 0; i < items; i++) random_item(out, cap, depth);
  if(next_random() % 4 == 0){
    append(out, cap, "|");
    random_item(out, cap, depth);
  }
}

/* ---- the tests ------------------------------------------------------------ */

START_TEST(builtin_needs_never_rule_out_a_match){
  int matched = 0;
  for(size_t i = 0; i < zl_attack_signature_count; i++){
    ck_assert(needs_of(zl_attack_signatures[i].pattern).known);
    matched += check_pattern(zl_attack_signatures[i].pattern, 4000);
  }
  for(size_t i = 0; i < zl_scanner_signature_count; i++){
    ck_assert(needs_of(zl_scanner_signatures[i].pattern).known);
    matched += check_pattern(zl_scanner_signatures[i].pattern, 4000);
  }
  ck_assert_int_gt(matched, 1000);   /* the values did reach the patterns */
}
END_TEST

START_TEST(user_shapes_never_rule_out_a_match){
  static const char *const patterns[] = {
    "^curl/", "//169\\.254\\.169\\.254/", "\\bAcmeScan/\\d+", "(?:foo|bar)baz",
    "x(?=yz)", "(?<=ab)c", "a{3}", "(ab){2,}c", "[A-Z]{2}\\d", "\\Qa+b\\E?",
    "(?i:Ab)(?-i)cd", "(?|a(b)|c(d))e", "\\x41\\x{42}\\o{103}", "a\\Kb",
    "(?#comment)abc", "\\d+\\.\\d+", "[\\]x]y", "[^/]+\\.php$", "ab|", "(a|b|c|d)e",
    "wp-(?:login|admin)\\.php", "\\bselect\\b.{0,20}\\bfrom\\b", "(?>a+)b", "a*+b",
    "[[]x", "a\\E\\Qb", "a{2}+", "a{,3}", "x{", "\\cAz", "\\012q",
  };
  int matched = 0;
  for(size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++){
    matched += check_pattern(patterns[i], 3000);
  }
  ck_assert_int_gt(matched, 300);
}
END_TEST

START_TEST(random_patterns_never_rule_out_a_match){
  char pattern[256];
  int compiled = 0, known = 0, matched = 0;
  for(int i = 0; i < 6000; i++){
    pattern[0] = 0;
    random_pattern(pattern, sizeof pattern, 0);
    Oracle o;
    if(!oracle_open(&o, pattern)) continue;
    oracle_close(&o);
    compiled++;
    known += needs_of(pattern).known;
    matched += check_pattern(pattern, 60);
  }
  ck_assert_int_gt(compiled, 3000);
  ck_assert_int_gt(known, 1000);     /* many readings give needs at all */
  ck_assert_int_gt(matched, 10000);
}
END_TEST

START_TEST(unreadable_patterns_need_nothing){
  static const char *const patterns[] = {
    "(*COMMIT)zzz", "(*SKIP)(*F)|abc", "(?x) a b c", "(?(1)a|b)", "[[:alpha:]]x",
    "abc(?C1)", "a*", "b?", "x|", "(?=abc)", "\\N{U+41}", "", "(*UTF)abc", "ab(*ACCEPT)cd",
  };
  for(size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++){
    ck_assert_msg(!needs_of(patterns[i]).known, "/%s/ has needs", patterns[i]);
  }
}
END_TEST

/* The grams of a few plain patterns, worked out by hand from the byte
** statistics' order: punctuation is rarer than letters, 'k' rarer than 'i'. */
START_TEST(plain_patterns_need_their_rarest_grams){
  ZlNeeds n = needs_of("\\bNikto\\b");
  ck_assert(n.known);
  ck_assert_uint_eq(n.count, 1);
  ck_assert_uint_eq(n.clause[0].need[0].count, 1);
  ck_assert_uint_eq(n.clause[0].need[0].gram[0].len, 3);
  ck_assert(memcmp(n.clause[0].need[0].gram[0].b, "nik", 3) == 0
            || memcmp(n.clause[0].need[0].gram[0].b, "kto", 3) == 0
            || memcmp(n.clause[0].need[0].gram[0].b, "ikt", 3) == 0);
  n = needs_of("<script|javascript:");   /* two branches: two clauses */
  ck_assert(n.known);
  ck_assert_uint_eq(n.count, 2);
  n = needs_of(";\\s*+cat\\b");          /* ';' and "cat" both needed */
  ck_assert(n.known);
  ck_assert_uint_eq(n.count, 1);
  ck_assert_uint_ge(n.clause[0].count, 1);
  int saw_semicolon = 0;
  for(size_t k = 0; k < n.clause[0].count; k++){
    const ZlNeed *need = &n.clause[0].need[k];
    for(size_t g = 0; g < need->count; g++){
      if(need->gram[g].len == 1 && need->gram[g].b[0] == ';') saw_semicolon = 1;
    }
  }
  ck_assert(saw_semicolon);
  n = needs_of("\\xC0\\xAE");            /* bytes, and letters folded */
  ck_assert(n.known);
  ck_assert_uint_eq(n.clause[0].need[0].gram[0].len, 2);
  ck_assert_uint_eq(n.clause[0].need[0].gram[0].b[0], 0xc0);
  n = needs_of("ABC");
  ck_assert(memcmp(n.clause[0].need[0].gram[0].b, "abc", 3) == 0);
}
END_TEST

/* The prefilter over several hand-made signatures, more than one word of
** them: each value's candidates worked out by hand. */
START_TEST(prefilter_lists_what_may_match){
  static const char *const patterns[] = {
    "abc",            /* 0 */
    "x;\\s*yz",       /* 1: needs x? ';' and "yz" */
    "a*",             /* 2: no needs: always */
    "qq|rst",         /* 3: two clauses */
  };
  enum { N = 70 };    /* the first four, then 66 copies of "zzz": two words */
  ZlNeeds needs[N];
  const ZlNeeds *each[N];
  for(int i = 0; i < N; i++){
    const char *p = i < 4 ? patterns[i] : "zzz";
    zl_needs_of(p, strlen(p), &needs[i]);
    each[i] = &needs[i];
  }
  ZlPrefilter *pf = zl_prefilter_build(each, N, NULL);
  ck_assert_uint_eq(zl_prefilter_words(pf), 2);
  uint64_t cand[2];
  zl_prefilter_scan(pf, (const unsigned char *)"xxABCxx", 7, cand);
  ck_assert(cand[0] == ((1u << 0) | (1u << 2)) && cand[1] == 0);
  zl_prefilter_scan(pf, (const unsigned char *)"x; yz", 5, cand);
  ck_assert(cand[0] & (1u << 1));
  zl_prefilter_scan(pf, (const unsigned char *)"yz only", 7, cand);
  ck_assert(!(cand[0] & (1u << 1)));     /* ';' missing */
  zl_prefilter_scan(pf, (const unsigned char *)"-RST-", 5, cand);
  ck_assert(cand[0] == ((1u << 2) | (1u << 3)) && cand[1] == 0);
  zl_prefilter_scan(pf, (const unsigned char *)"zzz", 3, cand);
  ck_assert(cand[0] == (~(uint64_t)0 << 4 | (1u << 2)));
  ck_assert(cand[1] == (((uint64_t)1 << (N - 64)) - 1));
  zl_prefilter_scan(pf, (const unsigned char *)"", 0, cand);
  ck_assert(cand[0] == (1u << 2) && cand[1] == 0);
  zl_prefilter_free(pf);
}
END_TEST

/* Grams at a value's very start (a single at byte 0, a pair ending at byte
** 1), a byte that is a gram alone and the end of a pair, and a triple whose
** pair is also wanted: each rule of the scan, with hand-made needs. */
START_TEST(prefilter_finds_grams_at_every_place){
  static const char *const patterns[] = { ";", "ab", "xab", "b" };
  enum { N = 4 };
  ZlNeeds needs[N];
  const ZlNeeds *each[N];
  for(int i = 0; i < N; i++){
    zl_needs_of(patterns[i], strlen(patterns[i]), &needs[i]);
    each[i] = &needs[i];
  }
  ZlPrefilter *pf = zl_prefilter_build(each, N, NULL);
  uint64_t cand[1];
  zl_prefilter_scan(pf, (const unsigned char *)";", 1, cand);
  ck_assert(cand[0] == 1u);
  zl_prefilter_scan(pf, (const unsigned char *)"AB", 2, cand);
  ck_assert(cand[0] == ((1u << 1) | (1u << 3)));
  zl_prefilter_scan(pf, (const unsigned char *)"b", 1, cand);
  ck_assert(cand[0] == (1u << 3));
  zl_prefilter_scan(pf, (const unsigned char *)"-XaB;", 5, cand);
  ck_assert(cand[0] == 0xfu);
  zl_prefilter_scan(pf, (const unsigned char *)"xa", 2, cand);
  ck_assert(cand[0] == 0);
  zl_prefilter_free(pf);
}
END_TEST

/* More distinct pairs than the pair table can number (65535): the
** prefilter then tries every signature rather than miss one. Hand-made
** needs, every gram a different pair. */
START_TEST(prefilter_with_too_many_grams_tries_everything){
  enum { N = 48 };   /* 48 x 16 clauses x 3 needs x 32 grams = 73,728 pairs */
  static ZlNeeds needs[N];
  const ZlNeeds *each[N];
  unsigned pair = 0;
  for(int i = 0; i < N; i++){
    needs[i].known = 1;
    needs[i].count = ZL_NEEDS_CLAUSES;
    for(int k = 0; k < ZL_NEEDS_CLAUSES; k++){
      needs[i].clause[k].count = ZL_CLAUSE_NEEDS;
      for(int j = 0; j < ZL_CLAUSE_NEEDS; j++){
        ZlNeed *need = &needs[i].clause[k].need[j];
        need->known = 1;
        need->count = ZL_NEED_GRAMS;
        for(int g = 0; g < ZL_NEED_GRAMS; g++, pair++){
          need->gram[g].len = 2;
          need->gram[g].b[0] = (unsigned char)(pair >> 8);
          need->gram[g].b[1] = (unsigned char)pair;
        }
      }
    }
    each[i] = &needs[i];
  }
  ZlPrefilter *pf = zl_prefilter_build(each, N, NULL);
  ck_assert_ptr_nonnull(pf);
  uint64_t cand[1];
  zl_prefilter_scan(pf, (const unsigned char *)"", 0, cand);
  ck_assert(cand[0] == ((uint64_t)1 << N) - 1);
  zl_prefilter_free(pf);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("needs");
  TCase *tc = tcase_create("needs");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, builtin_needs_never_rule_out_a_match);
  tcase_add_test(tc, user_shapes_never_rule_out_a_match);
  tcase_add_test(tc, random_patterns_never_rule_out_a_match);
  tcase_add_test(tc, unreadable_patterns_need_nothing);
  tcase_add_test(tc, plain_patterns_need_their_rarest_grams);
  tcase_add_test(tc, prefilter_lists_what_may_match);
  tcase_add_test(tc, prefilter_finds_grams_at_every_place);
  tcase_add_test(tc, prefilter_with_too_many_grams_tries_everything);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"

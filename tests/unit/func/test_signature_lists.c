/*
** test_signature_lists.c — the built-in signatures (signature_lists.c) on
** hostile values: every pattern compiles, and every pattern, then each whole
** set, runs in time linear in the value on values from 1 KB to 1 MB made of
** repeats of pieces that could make a pattern backtrack: its own literals and
** punctuation, the separators of SQL, HTML, shell and URLs, the near misses
** of issue 12 ('=' runs, "union/ * * /" runs, unclosed comments, nested
** lookups). None of them may leave a value undetermined.
**
** Each pattern is compiled here as the sets compile it, but with
** PCRE2_NO_START_OPTIMIZE: a match is tried at every byte, as it is when a
** value holds the bytes PCRE2's shortcuts look for (an attacker can put them
** at the end), so the test sees the worst case and not the shortcut.
**
** Time is compared, not asserted absolutely (a shared machine): the
** thread's CPU time (a preempted run does not count the wait), the best of
** up to seven runs per size, sizes taken in turns; the time per byte at the
** larger size must stay within 4x (plus 25 ns) of the smaller one's. A
** quadratic pattern has 16x at 64 KB against 4 KB.
*/
#include <check.h>

#include "func/regexp/regex.h"
#include "func/signatures/signatures.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SMALL (4u * 1024u)
#define LARGE (64u * 1024u)
#define HUGE_VALUE (1024u * 1024u)
#define GROWTH_MAX 4.0
#define SLACK_PER_BYTE 25e-9
#define PIECES_MAX 160

/* Pieces every pattern meets, whatever its own text. */
static const char *const common_pieces[] = {
  "=", "&", "?", "/", ".", "..", "../", "%", "+", " ", "\t", "\n", "\r\n", ";", "|", "||",
  "&&", "`", "$(", "${", "${lower:", "${jndi:", "'", "\"", "' or ", "1 or ", "1=1 ", ")",
  "(", "((", "(){", "() { :;", "<", "<<", "< ", "</", "<script", "on", " on", "=http://a/",
  "=http://a.txt", "=http://a/x?", "=ftp://", "union", "union ", "union/**/", "union/*",
  "/*", "*/", "/*!", "/*!50000", "select ", "char(1,", "cast(", "a,", "a.b,", "order by 1",
  "-- ", "#", "@@", "_", "\\", "\\\\", "\xc0", "\xc0\xae", "\xe2\x88", "x", "a1", "1",
  "aaaa ", "=a&", "=a", "a=", "SF/1", "Nikto", "nmap ", "http://", "%2e", "\x00",
};

typedef struct Pieces {
  size_t n;
  char text[PIECES_MAX][48];
} Pieces;

static void piece_add(Pieces *p, const char *s, size_t len){
  if(p->n == PIECES_MAX || len == 0 || len >= sizeof p->text[0]) return;
  for(size_t i = 0; i < p->n; i++){
    if(strlen(p->text[i]) == len && memcmp(p->text[i], s, len) == 0) return;
  }
  memcpy(p->text[p->n], s, len);
  p->text[p->n++][len] = 0;
}

/* The common pieces, and the pattern's own words and punctuation runs (a
** word with the punctuation after it, too: "sleep(" from "sleep\s*\("). */
static void pieces_for(const char *pattern, Pieces *p){
  p->n = 0;
  for(size_t i = 0; i < sizeof common_pieces / sizeof common_pieces[0]; i++){
    piece_add(p, common_pieces[i], strlen(common_pieces[i]) ? strlen(common_pieces[i]) : 1);
  }
  for(const char *s = pattern; *s; ){
    if(*s == '\\' && s[1]){ s += 2; continue; }
    const char *start = s;
    while(isalnum((unsigned char)*s) || *s == '_') s++;
    if(s > start){
      piece_add(p, start, (size_t)(s - start));
      if(*s && !isalnum((unsigned char)*s) && *s != '\\') piece_add(p, start, (size_t)(s - start) + 1);
      continue;
    }
    if(strchr("()[]{}|*+?^$", *s) == NULL) piece_add(p, s, 1);
    s++;
  }
}

/* A value of n bytes: piece repeated. */
static void fill(char *value, size_t n, const char *piece){
  size_t len = strlen(piece) ? strlen(piece) : 1;   /* "\x00" is one NUL */
  for(size_t i = 0; i < n; i++) value[i] = piece[i % len];
}

static double seconds_now(void){
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);   /* CPU time: a busy machine does not count */
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A pattern compiled as a set compiles it, without the start shortcuts. */
typedef struct Compiled {
  pcre2_code *code;
  pcre2_match_data *match;
  pcre2_match_context *context;
  pcre2_jit_stack *stack;
} Compiled;

static void compile_worst_case(const char *pattern, Compiled *c){
  int code;
  PCRE2_SIZE offset;
  c->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                          PCRE2_NEVER_UTF | PCRE2_CASELESS | PCRE2_NEVER_BACKSLASH_C
                          | PCRE2_NO_START_OPTIMIZE, &code, &offset, NULL);
  ck_assert_msg(c->code != NULL, "'%s' does not compile (%d at %zu)", pattern, code,
                (size_t)offset);
  pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE);
  c->match = pcre2_match_data_create_from_pattern(c->code, NULL);
  c->context = pcre2_match_context_create(NULL);
  c->stack = pcre2_jit_stack_create(ZL_REGEX_JIT_STACK_MIN, ZL_REGEX_JIT_STACK_MAX, NULL);
  pcre2_jit_stack_assign(c->context, NULL, c->stack);
}

static void compiled_free(Compiled *c){
  pcre2_jit_stack_free(c->stack);
  pcre2_match_context_free(c->context);
  pcre2_match_data_free(c->match);
  pcre2_code_free(c->code);
}

/* One match with the sets' budget for n bytes. */
static double timed_match(Compiled *c, const char *value, size_t n, int *rc){
  pcre2_set_match_limit(c->context, ZL_REGEX_MATCH_LIMIT + (uint32_t)n * ZL_REGEX_MATCH_PER_BYTE_JIT);
  double start = seconds_now();
  *rc = pcre2_match(c->code, (PCRE2_SPTR)value, n, 0, 0, c->match, c->context);
  if(*rc == PCRE2_ERROR_NOMATCH) *rc = 0;
  return seconds_now() - start;
}

/* The best of up to seven runs per size, in turns, until the time per byte
** at the larger size is within GROWTH_MAX of the smaller's (a burst of load
** on a shared machine passes; a quadratic pattern never does). 1 when it
** is; else 0, with the figures on stderr. A match that does not decide
** fails at once. */
static int grows_linearly(Compiled *c, const char *name, const char *piece, char *value){
  double best_small = 1e9, best_large = 1e9;
  int rc;
  for(int round = 0; round < 7; round++){
    fill(value, SMALL, piece);
    double t = timed_match(c, value, SMALL, &rc);
    ck_assert_msg(rc >= 0, "%s on '%s' x 4 KB: error %d", name, piece, rc);
    if(t < best_small) best_small = t;
    fill(value, LARGE, piece);
    t = timed_match(c, value, LARGE, &rc);
    ck_assert_msg(rc >= 0, "%s on '%s' x 64 KB: error %d", name, piece, rc);
    if(t < best_large) best_large = t;
    if(best_large / LARGE <= GROWTH_MAX * (best_small / SMALL) + SLACK_PER_BYTE) return 1;
  }
  fprintf(stderr, "%s on '%s': %.1f ns/byte at 64 KB, %.1f at 4 KB\n", name, piece,
          best_large / LARGE * 1e9, best_small / SMALL * 1e9);
  return 0;
}

static void check_list(const ZlSignatureSpec *specs, size_t n){
  int failed = 0;
  char *value = malloc(HUGE_VALUE);
  ck_assert_ptr_nonnull(value);
  for(size_t i = 0; i < n; i++){
    Compiled c;
    compile_worst_case(specs[i].pattern, &c);
    char name[64];
    snprintf(name, sizeof name, "%s #%zu", specs[i].name, i + 1);
    Pieces pieces;
    pieces_for(specs[i].pattern, &pieces);
    for(size_t k = 0; k < pieces.n; k++){
      int rc;
      fill(value, 1024, pieces.text[k]);
      timed_match(&c, value, 1024, &rc);
      ck_assert_msg(rc >= 0, "%s on '%s' x 1 KB: error %d", name, pieces.text[k], rc);
      if(!grows_linearly(&c, name, pieces.text[k], value)){ failed++; break; }
    }
    compiled_free(&c);
  }
  free(value);
  ck_assert_msg(failed == 0, "%d patterns grow faster than linearly (see above)", failed);
}

START_TEST(every_attack_pattern_is_linear){
  check_list(zl_attack_signatures, zl_attack_signature_count);
}
END_TEST

START_TEST(every_scanner_pattern_is_linear){
  check_list(zl_scanner_signatures, zl_scanner_signature_count);
}
END_TEST

/* A whole set on 1 MB values: never undetermined, and per byte about what
** it costs on 16 KB of the same. */
static void check_set(unsigned flags, const ZlSignatureSpec *specs, size_t n){
  static const char *const pieces[] = {
    "=", "union/**/", "union/*", "' or ", "${lower:", "(){", "=http://a/", "\n", "a",
    "<script", "../", "/*!50000", "char(1,", "%25", "+",
  };
  ZlSigSet *set = zl_sigset_new(flags, NULL);
  ck_assert_int_eq(zl_sigset_load(set, specs, n), ZL_SIG_OK);
  char *value = malloc(HUGE_VALUE);
  for(size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++){
    double per[2];
    size_t sizes[2] = { SMALL, HUGE_VALUE };
    for(int s = 0; s < 2; s++){
      fill(value, sizes[s], pieces[k]);
      const ZlSignature *found;
      double best = 1e9;
      for(int round = 0; round < 2; round++){
        double start = seconds_now();
        int rc = zl_sigset_match(set, value, sizes[s], ZL_SIG_NO_MEMO, &found);
        double t = seconds_now() - start;
        ck_assert_msg(rc == ZL_SIG_OK || rc == ZL_SIG_MATCH, "'%s' x %zu: %d",
                      pieces[k], sizes[s], rc);
        if(t < best) best = t;
      }
      per[s] = best / (double)sizes[s];
    }
    ck_assert_msg(per[1] <= GROWTH_MAX * per[0] + SLACK_PER_BYTE,
                  "set on '%s': %.1f ns/byte at 1 MB, %.1f at 16 KB", pieces[k],
                  per[1] * 1e9, per[0] * 1e9);
  }
  ZlSigStats stats;
  zl_sigset_stats(set, &stats);
  ck_assert_uint_eq(stats.undetermined, 0);
  free(value);
  zl_sigset_free(set);
}

START_TEST(whole_sets_decide_every_large_value){
  check_set(ZL_SIGSET_DECODE_URI, zl_attack_signatures, zl_attack_signature_count);
  check_set(0, zl_scanner_signatures, zl_scanner_signature_count);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("signature_lists");
  TCase *tc = tcase_create("signature_lists");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, every_attack_pattern_is_linear);
  tcase_add_test(tc, every_scanner_pattern_is_linear);
  tcase_add_test(tc, whole_sets_decide_every_large_value);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"

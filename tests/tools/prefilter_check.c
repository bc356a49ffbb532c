/*
** prefilter_check.c — classifies every value it reads twice, with the
** prefilter and with every signature matched alone in id order, and
** reports any value on which the two disagree (tests/scripts/
** test_signature_prefilter.sh runs it over a log's distinct URIs and user
** agents).
**
**   prefilter_check attack|scanner < HEX-LINES
**
** Each input line is a value in hex (SQLite's hex()), so that any byte can
** come through. Prints "N values, M matched, K reached no pattern" and exits
** 1 on the first disagreement (named on stderr), 0 otherwise.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "func/signatures/signatures.h"

static int hex_digit(int c){
  if(c >= '0' && c <= '9') return c - '0';
  if(c >= 'A' && c <= 'F') return c - 'A' + 10;
  if(c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Decodes the hex line in place; its length, or -1 when it is not hex. */
static long unhex(char *line){
  size_t n = strcspn(line, "\r\n");
  if(n % 2) return -1;
  for(size_t i = 0; i < n / 2; i++){
    int hi = hex_digit((unsigned char)line[2 * i]), lo = hex_digit((unsigned char)line[2 * i + 1]);
    if(hi < 0 || lo < 0) return -1;
    line[i] = (char)(hi * 16 + lo);
  }
  return (long)(n / 2);
}

int main(int argc, char **argv){
  int attack = argc == 2 && strcmp(argv[1], "attack") == 0;
  if(argc != 2 || (!attack && strcmp(argv[1], "scanner") != 0)){
    fprintf(stderr, "usage: prefilter_check attack|scanner < HEX-LINES\n");
    return 2;
  }
  ZlSigSet *set = zl_sigset_new(attack ? ZL_SIGSET_DECODE_URI : 0, NULL);
  if(set == NULL) return 2;
  if(attack) zl_sigset_load(set, zl_attack_signatures, zl_attack_signature_count);
  else zl_sigset_load(set, zl_scanner_signatures, zl_scanner_signature_count);
  size_t cap = 1 << 16;
  char *line = malloc(cap);
  unsigned long values = 0, matched = 0;
  while(fgets(line, (int)cap, stdin)){
    while(strchr(line, '\n') == NULL && !feof(stdin)){   /* a long value */
      line = realloc(line, cap * 2);
      if(fgets(line + strlen(line), (int)cap, stdin) == NULL) break;
      cap *= 2;
    }
    long len = unhex(line);
    if(len < 0){ fprintf(stderr, "not hex: %.40s\n", line); return 2; }
    const ZlSignature *with, *without;
    int a = zl_sigset_match(set, line, (size_t)len, ZL_SIG_NO_MEMO, &with);
    int b = zl_sigset_match(set, line, (size_t)len, ZL_SIG_NO_MEMO | ZL_SIG_NO_PREFILTER, &without);
    /* a pattern that ran out of effort on a value its needs rule out is not
    ** run with the prefilter: undetermined without it, decided with it */
    int decided = b == ZL_SIG_UNDETERMINED && a == ZL_SIG_OK;
    if((a != b || with != without) && !decided){
      fprintf(stderr, "disagree on \"%.*s\": prefiltered %s, every signature %s\n",
              (int)len, line, with ? with->name : "none", without ? without->name : "none");
      return 1;
    }
    values++;
    matched += a == ZL_SIG_MATCH;
  }
  ZlSigStats stats;
  zl_sigset_stats(set, &stats);
  printf("%lu values, %lu matched, %llu reached no pattern\n", values, matched,
         stats.prefiltered);
  free(line);
  zl_sigset_free(set);
  return 0;
}

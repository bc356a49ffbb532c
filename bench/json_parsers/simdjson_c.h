/*
** simdjson_c.h — the C interface bench_json.c calls simdjson through
** (simdjson is C++). Benchmark only: nothing in ext/ uses it.
*/
#ifndef SIMDJSON_C_H
#define SIMDJSON_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct SjParser SjParser;
SjParser *sj_new(void);
void sj_free(SjParser *p);
const char *sj_implementation(void);
/* The line (len bytes, with SIMDJSON_PADDING readable bytes after it) parsed
** whole (DOM: every byte validated, UTF-8 too); then the two members' values.
** 0, or -1 when the line is not a JSON object. */
int sj_dom_two(SjParser *p, const char *line, size_t len, int64_t *status, size_t *orig_h_len);
/* Every member of the line counted by type (counts[7]: null false true
** number string array object). */
int sj_dom_all(SjParser *p, const char *line, size_t len, uint64_t counts[7]);
/* The number member "v" as a double; 0, or -1 when the line is refused. */
int sj_dom_number(SjParser *p, const char *line, size_t len, double *out);
/* On-Demand: the two members only; the rest of the line is NOT validated. */
int sj_ondemand_two(SjParser *p, const char *line, size_t len, int64_t *status, size_t *orig_h_len);

#ifdef __cplusplus
}
#endif
#endif

/* Unit tests for source.c, gzip.c and zstd.c: the same bytes out of plain,
** gzip and zstd files; zstd frames back to back, skippable frames, empty
** input, windows over the bound; every cut and every flipped byte of a
** small stream (an error naming the file, or the right bytes: never other
** bytes); gzip and zstd followed by garbage; each ISA-L error by name; the
** stop callback (plain, gzip, zstd, and a decoder that produces nothing);
** files that are not regular (FIFO, device, socket, directory) refused at
** once. Compressed inputs are written with zlib and libzstd, or by hand. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>
#include "reader/ring.h"
#include "reader/source.h"

#define MIB (1u << 20)

static char dir[] = "/tmp/zl-source-XXXXXX";

static const char *path_of(const char *name){
  static char p[4][256];
  static int next;
  char *s = p[next++ % 4];
  snprintf(s, sizeof p[0], "%s/%s", dir, name);
  return s;
}

static const char *write_file(const char *name, const void *data, size_t n){
  const char *p = path_of(name);
  FILE *f = fopen(p, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(data, 1, n, f), n);
  fclose(f);
  return p;
}

static void append_file(const char *p, const void *data, size_t n){
  FILE *f = fopen(p, "ab");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(data, 1, n, f), n);
  fclose(f);
}

/* Bytes of a file, malloc'd. */
static unsigned char *slurp(const char *p, size_t *n){
  FILE *f = fopen(p, "rb");
  ck_assert_ptr_nonnull(f);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  rewind(f);
  unsigned char *b = malloc((size_t)len + 1);
  ck_assert_uint_eq(fread(b, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  *n = (size_t)len;
  return b;
}

static const char *write_gzip(const char *name, const void *data, size_t n){
  const char *p = path_of(name);
  gzFile g = gzopen(p, "wb6");
  ck_assert_ptr_nonnull(g);
  if(n) ck_assert_int_eq(gzwrite(g, data, (unsigned)n), (int)n);
  gzclose(g);
  return p;
}

/* One zstd frame with a content checksum, as the zstd command writes. */
static size_t zstd_frame(unsigned char *out, size_t cap, const void *data, size_t n){
  ZSTD_CCtx *c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 3);
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  size_t len = ZSTD_compress2(c, out, cap, data, n);
  ck_assert(!ZSTD_isError(len));
  ZSTD_freeCCtx(c);
  return len;
}

static const char *write_zstd(const char *name, const void *data, size_t n){
  size_t cap = ZSTD_compressBound(n);
  unsigned char *z = malloc(cap);
  size_t len = zstd_frame(z, cap, data, n);
  const char *p = write_file(name, z, len);
  free(z);
  return p;
}

/* A skippable frame (RFC 8878 3.1.2): magic 0x184D2A5X, payload size, payload. */
static size_t skippable_frame(unsigned char *out, unsigned nibble, const char *payload, uint32_t n){
  uint32_t magic = 0x184D2A50u | nibble;
  for(int i = 0; i < 4; i++) out[i] = (unsigned char)(magic >> (8 * i));
  for(int i = 0; i < 4; i++) out[4 + i] = (unsigned char)(n >> (8 * i));
  memcpy(out + 8, payload, n);
  return 8 + n;
}

typedef struct Read {
  int rc;                 /* 0: read to the end; -1: an error */
  char err[512];
  unsigned char *data;
  size_t len;
  char format[8];
} Read;

/* Reads a whole file through zl_source_*, in reads of `step` bytes. */
static Read read_source(const char *path, size_t step){
  Read r = { 0 };
  char *err = NULL;
  ZlSource *s = zl_source_open(path, &err);
  if(!s){
    r.rc = -1;
    snprintf(r.err, sizeof r.err, "%s", err);
    free(err);
    return r;
  }
  snprintf(r.format, sizeof r.format, "%s", zl_source_format(s));
  size_t cap = 1 << 16;
  r.data = malloc(cap);
  for(;;){
    if(r.len + step > cap){ cap = 2 * (r.len + step); r.data = realloc(r.data, cap); }
    ssize_t n = zl_source_read(s, (char *)r.data + r.len, step);
    if(n < 0){ r.rc = -1; snprintf(r.err, sizeof r.err, "%s", zl_source_error(s)); break; }
    if(n == 0) break;
    r.len += (size_t)n;
  }
  zl_source_close(s);
  return r;
}

static void expect_bytes(Read r, const void *want, size_t n){
  ck_assert_msg(r.rc == 0, "unexpected error: %s", r.err);
  ck_assert_uint_eq(r.len, n);
  ck_assert(n == 0 || memcmp(r.data, want, n) == 0);
  free(r.data);
}

static void expect_error(Read r, const char *want){
  ck_assert_int_eq(r.rc, -1);
  ck_assert_str_eq(r.err, want);
  free(r.data);
}

static char *message(const char *fmt, const char *path){
  static char m[4][512];
  static int next;
  char *s = m[next++ % 4];
  snprintf(s, sizeof m[0], fmt, path);
  return s;
}

/* Log-like text: 3 MiB, so that a stream spans several ring blocks. */
static char *sample_text(size_t *n){
  size_t cap = 3 * MIB + 100, o = 0;
  char *t = malloc(cap);
  for(unsigned i = 0; o + 80 < cap - 100; i++){
    o += (size_t)snprintf(t + o, cap - o, "%u.%06u\tC%x\t10.0.%u.%u\tGET\t/index.php?id=%u\n",
                          1331901000u + i / 7, i % 1000000u, i * 2654435761u, i % 256, i % 97, i);
  }
  *n = o;
  return t;
}

static void setup(void){ ck_assert_ptr_nonnull(mkdtemp(dir)); }
static void teardown(void){
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  ck_assert_int_eq(system(cmd), 0);
  strcpy(dir, "/tmp/zl-source-XXXXXX");
}

START_TEST(formats_agree){
  size_t n;
  char *text = sample_text(&n);
  const char *plain = write_file("a.log", text, n);
  const char *gz = write_gzip("a.log.gz", text, n);
  const char *zs = write_zstd("a.log.zst", text, n);
  const char *named = write_zstd("zstd-named-log.log", "x\n", 2);     /* by magic, not by name */
  size_t steps[] = { 1000, 256 << 10, 3 * MIB };
  for(size_t i = 0; i < 3; i++){
    Read r = read_source(plain, steps[i]);
    ck_assert_str_eq(r.format, "plain");
    expect_bytes(r, text, n);
    r = read_source(gz, steps[i]);
    ck_assert_str_eq(r.format, "gzip");
    expect_bytes(r, text, n);
    r = read_source(zs, steps[i]);
    ck_assert_str_eq(r.format, "zstd");
    expect_bytes(r, text, n);
  }
  Read r = read_source(named, 100);
  ck_assert_str_eq(r.format, "zstd");
  expect_bytes(r, "x\n", 2);
  free(text);
}
END_TEST

/* Frames back to back are one stream (cat a.zst b.zst); skippable frames
** add nothing; empty content and empty files are 0 bytes, not errors. */
START_TEST(zstd_frames){
  unsigned char buf[4096];
  size_t o = 0;
  o += skippable_frame(buf + o, 0xa, "metadata", 8);
  o += zstd_frame(buf + o, sizeof buf - o, "one\ntwo\n", 8);
  o += skippable_frame(buf + o, 0x0, "", 0);
  o += zstd_frame(buf + o, sizeof buf - o, "", 0);
  o += zstd_frame(buf + o, sizeof buf - o, "three\n", 6);
  o += skippable_frame(buf + o, 0xf, "end", 3);
  expect_bytes(read_source(write_file("frames.log.zst", buf, o), 3), "one\ntwo\nthree\n", 14);

  size_t n = zstd_frame(buf, sizeof buf, "", 0);
  Read r = read_source(write_file("empty-frame.zst", buf, n), 100);
  ck_assert_str_eq(r.format, "zstd");
  expect_bytes(r, "", 0);
  n = skippable_frame(buf, 3, "only this", 9);
  r = read_source(write_file("skippable-only.zst", buf, n), 100);
  ck_assert_str_eq(r.format, "zstd");
  expect_bytes(r, "", 0);
  r = read_source(write_file("empty.log", "", 0), 100);
  ck_assert_str_eq(r.format, "plain");
  expect_bytes(r, "", 0);
  r = read_source(write_gzip("empty.log.gz", "", 0), 100);
  ck_assert_str_eq(r.format, "gzip");
  expect_bytes(r, "", 0);
}
END_TEST

/* Two frames cut at every length: a truncated stream, or (cut between the
** frames) exactly the first frame's bytes. Under 4 bytes the magic is not
** whole: those are plain files of 1-3 bytes. */
START_TEST(zstd_every_cut){
  unsigned char buf[4096];
  size_t first = zstd_frame(buf, sizeof buf, "first frame\n", 12);
  size_t n = first + zstd_frame(buf + first, sizeof buf - first, "second frame\n", 13);
  for(size_t cut = 4; cut < n; cut++){
    const char *p = write_file("cut.zst", buf, cut);
    Read r = read_source(p, 5);
    if(cut == first) expect_bytes(r, "first frame\n", 12);
    else expect_error(r, message("'%s': zstd stream is truncated (the file ends mid-frame)", p));
  }
  expect_bytes(read_source(write_file("whole.zst", buf, n), 5), "first frame\nsecond frame\n", 25);
}
END_TEST

/* Every byte of a small stream flipped: an error, or the original bytes
** (never other bytes: the frame checksum guards the content). */
static void flip_every_byte(const char *name, const unsigned char *z, size_t n,
                            const char *text, size_t tn, const char *prefix){
  unsigned char *b = malloc(n);
  int errors = 0;
  for(size_t i = 0; i < n; i++){
    memcpy(b, z, n);
    b[i] ^= 0x5a;
    const char *p = write_file(name, b, n);
    Read r = read_source(p, 7);
    if(r.rc == 0 && strcmp(r.format, "plain") != 0){
      ck_assert_msg(r.len == tn && memcmp(r.data, text, tn) == 0, "byte %zu flipped: other bytes", i);
    }else if(r.rc != 0){
      errors++;
      ck_assert_msg(strncmp(r.err, message("'%s': ", p), strlen(p) + 4) == 0, "%s", r.err);
      ck_assert_msg(strstr(r.err, prefix) != NULL, "byte %zu: %s", i, r.err);
      ck_assert_msg(strstr(r.err, "error -") == NULL && strstr(r.err, "unknown") == NULL,
                    "an unnamed reason: %s", r.err);
    }
    free(r.data);
  }
  ck_assert_int_gt(errors, (int)n / 2);
  free(b);
}

START_TEST(zstd_corrupt){
  const char *text = "ts\turi\n1331901000.1\t/a\n1331901000.2\t/b\n1331901000.3\t/a?x=1\n";
  unsigned char z[1024];
  size_t n = zstd_frame(z, sizeof z, text, strlen(text));
  flip_every_byte("flip.zst", z, n, text, strlen(text), "zstd");
  /* the last 4 bytes are the content checksum */
  z[n - 1] ^= 1;
  const char *p = write_file("badsum.zst", z, n);
  char want[512];
  snprintf(want, sizeof want, "'%s': corrupt zstd stream (%s)", p,
           ZSTD_getErrorString(ZSTD_error_checksum_wrong));
  expect_error(read_source(p, 100), want);
}
END_TEST

START_TEST(gzip_corrupt){
  const char *text = "ts\turi\n1331901000.1\t/a\n1331901000.2\t/b\n1331901000.3\t/a?x=1\n";
  size_t n;
  unsigned char *z = slurp(write_gzip("src.gz", text, strlen(text)), &n);
  flip_every_byte("flip.gz", z, n, text, strlen(text), "gzip");
  free(z);
}
END_TEST

/* Garbage after the last frame or member says what it is. */
START_TEST(garbage_after){
  unsigned char buf[1024];
  size_t n = zstd_frame(buf, sizeof buf, "one\n", 4);
  const char *p = write_file("g.zst", buf, n);
  append_file(p, "hello", 5);
  expect_error(read_source(p, 100),
               message("'%s': 5 bytes after the end of the zstd stream are not a zstd frame", p));
  p = write_file("g1.zst", buf, n);
  append_file(p, "\n", 1);
  expect_error(read_source(p, 100),
               message("'%s': 1 byte after the end of the zstd stream is not a zstd frame", p));
  p = write_file("g3.zst", buf, n);
  append_file(p, "\x5e\x2a\x4d", 3);       /* the start of a skippable frame's magic */
  expect_error(read_source(p, 100), message("'%s': zstd stream is truncated (the file ends mid-frame)", p));

  p = write_gzip("g.gz", "one\n", 4);
  append_file(p, "hello", 5);
  expect_error(read_source(p, 100),
               message("'%s': 5 bytes after the end of the gzip stream are not a gzip member", p));
  p = write_gzip("g1.gz", "one\n", 4);
  append_file(p, "\n", 1);
  expect_error(read_source(p, 100),
               message("'%s': 1 byte after the end of the gzip stream is not a gzip member", p));
  p = write_gzip("m1.gz", "one\n", 4);
  append_file(p, "\x1f", 1);               /* the first byte of a member, alone */
  expect_error(read_source(p, 100), message("'%s': gzip stream is truncated (the file ends mid-stream)", p));
  p = write_gzip("g0.gz", "one\n", 4);
  append_file(p, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);      /* zero padding: gzip -d ignores it */
  expect_error(read_source(p, 100),
               message("'%s': 12 bytes after the end of the gzip stream are not a gzip member", p));
  p = write_gzip("half.gz", "one\n", 4);
  append_file(p, "\x1f\x8b\x08", 3);        /* the start of a member, cut short */
  expect_error(read_source(p, 100), message("'%s': gzip stream is truncated (the file ends mid-stream)", p));
}
END_TEST

/* Deflate blocks built bit by bit (RFC 1951 3.2), to reach each of ISA-L's errors. */
static size_t pack_bits(const char *bits, unsigned char *out){
  size_t n = 0;
  memset(out, 0, 64);
  for(size_t i = 0; bits[i]; i++) if(bits[i] == '1') out[i / 8] |= (unsigned char)(1u << (i % 8));
  n = (strlen(bits) + 7) / 8;
  return n + 16;                          /* zero bytes after, so only the error can stop it */
}

static void expect_gzip_reason(const char *name, const unsigned char *body, size_t n, const char *reason){
  static const unsigned char header[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
  unsigned char b[128];
  memcpy(b, header, 10);
  memcpy(b + 10, body, n);
  const char *p = write_file(name, b, 10 + n);
  char want[512];
  snprintf(want, sizeof want, "'%s': corrupt gzip stream (%s)", p, reason);
  expect_error(read_source(p, 100), want);
}

START_TEST(gzip_reasons){
  unsigned char body[64];
  /* BFINAL=1, BTYPE=11 (reserved) */
  expect_gzip_reason("btype.gz", body, pack_bits("111", body), "invalid deflate block");
  /* a fixed-Huffman block whose first code is 286 (11000110), which no symbol has */
  expect_gzip_reason("symbol.gz", body, pack_bits("110" "11000110", body), "invalid deflate symbol");
  /* a fixed-Huffman match (length 3: 0000001, distance 1: 00000) before any byte */
  expect_gzip_reason("distance.gz", body, pack_bits("110" "0000001" "00000", body), "invalid distance");
  /* a stored block whose NLEN is not LEN's complement */
  static const unsigned char stored[] = { 0x01, 5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0, 0, 0, 0, 0 };
  expect_gzip_reason("stored.gz", stored, sizeof stored, "invalid deflate block");

  size_t n;
  unsigned char *z = slurp(write_gzip("src.gz", "one\ntwo\n", 8), &n);
  z[2] = 7;                               /* CM: not deflate */
  const char *p = write_file("method.gz", z, n);
  expect_error(read_source(p, 100), message("'%s': corrupt gzip stream (unsupported compression method)", p));
  z[2] = 8;
  z[n - 8] ^= 1;                          /* CRC32 */
  p = write_file("crc.gz", z, n);
  expect_error(read_source(p, 100), message("'%s': corrupt gzip stream (checksum mismatch)", p));
  z[n - 8] ^= 1;
  z[n - 4] ^= 1;                          /* ISIZE */
  p = write_file("isize.gz", z, n);
  expect_error(read_source(p, 100), message("'%s': corrupt gzip stream (checksum mismatch)", p));
  z[n - 4] ^= 1;
  z[3] = 0x02;                            /* FHCRC, and the next 2 bytes are not the header's CRC */
  p = write_file("hcrc.gz", z, n);
  Read r = read_source(p, 100);
  ck_assert_int_eq(r.rc, -1);
  ck_assert_msg(strstr(r.err, "corrupt gzip stream (") || strstr(r.err, "truncated"), "%s", r.err);
  free(r.data);
  expect_error(read_source(write_file("magic.gz", "\x1f\x8b", 2), 100),
               message("'%s': gzip stream is truncated (the file ends mid-stream)", path_of("magic.gz")));
  free(z);
}
END_TEST

/* The window bound, on frame headers written by hand (RFC 8878 3.1.1.1):
** descriptor 0 (no content size, not single-segment), Window_Descriptor
** exponent E (window 2^(10+E)), then one empty raw last block. */
START_TEST(zstd_window_bound){
  unsigned char frame[] = { 0x28, 0xb5, 0x2f, 0xfd, 0x00, 0, 0x01, 0x00, 0x00 };
  frame[5] = 17 << 3;                                   /* 128 MiB: allowed */
  expect_bytes(read_source(write_file("w27.zst", frame, sizeof frame), 100), "", 0);
  frame[5] = 18 << 3;                                   /* 256 MiB: refused */
  const char *p = write_file("w28.zst", frame, sizeof frame);
  expect_error(read_source(p, 100),
               message("'%s': a zstd frame needs a window over 128 MiB (written with --long=28 or more?):"
                       " zeeklog decodes windows up to 128 MiB", p));

  /* the same from libzstd: windowLog 28, streamed, so the frame keeps it */
  ZSTD_CCtx *c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, 28);
  unsigned char out[1024];
  ZSTD_outBuffer ob = { out, sizeof out, 0 };
  ZSTD_inBuffer ib = { "long window\n", 12, 0 };
  ck_assert(!ZSTD_isError(ZSTD_compressStream2(c, &ob, &ib, ZSTD_e_continue)));
  ZSTD_inBuffer none = { "", 0, 0 };
  ck_assert_uint_eq(ZSTD_compressStream2(c, &ob, &none, ZSTD_e_end), 0);
  ZSTD_freeCCtx(c);
  p = write_file("long28.zst", out, ob.pos);
  Read r = read_source(p, 100);
  ck_assert_int_eq(r.rc, -1);
  ck_assert_ptr_nonnull(strstr(r.err, "needs a window over 128 MiB"));
  free(r.data);
}
END_TEST

/* ---- stopping ------------------------------------------------------------ */

typedef struct Asked { int calls, stop_at; } Asked;

static int stop_after(void *ctx){
  Asked *a = ctx;
  return ++a->calls >= a->stop_at;
}

/* Reads until an error, in 256 KiB reads, with stop saying yes on its Nth call. */
static size_t read_until_stopped(const char *path, int stop_at, Asked *asked){
  char *err = NULL;
  ZlSource *s = zl_source_open(path, &err);
  ck_assert_msg(s != NULL, "%s", err);
  asked->calls = 0;
  asked->stop_at = stop_at;
  zl_source_set_stop(s, stop_after, asked);
  size_t total = 0, cap = 256 << 10;
  char *buf = malloc(cap);
  ssize_t n;
  while((n = zl_source_read(s, buf, cap)) > 0) total += (size_t)n;
  ck_assert_int_eq(n, -1);
  ck_assert_str_eq(zl_source_error(s), "interrupted");
  ck_assert_int_eq(zl_source_stopped(s), 1);
  ck_assert_int_eq(zl_source_read(s, buf, cap), -1);      /* and it stays stopped */
  free(buf);
  zl_source_close(s);
  return total;
}

/* Asked once per ZL_STOP_POLL_BYTES handed out: stopped on the 3rd call,
** about 3 MiB in, out of 64 MiB. */
static void expect_stopped_early(const char *path){
  Asked a;
  size_t total = read_until_stopped(path, 3, &a);
  ck_assert_int_eq(a.calls, 3);
  ck_assert_uint_ge(total, 2 * ZL_STOP_POLL_BYTES);
  ck_assert_uint_le(total, 3 * ZL_STOP_POLL_BYTES + ZL_RING_BLOCK);
}

START_TEST(stop_plain_gzip_zstd){
  const size_t size = 64 * MIB;
  const char *sparse = path_of("sparse.log");           /* 64 MiB of NULs, no line end */
  int fd = open(sparse, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
  close(fd);
  expect_stopped_early(sparse);

  char *blank = malloc(size);
  memset(blank, '\n', size);
  expect_stopped_early(write_gzip("blank.log.gz", blank, size));
  expect_stopped_early(write_zstd("blank.log.zst", blank, size));
  free(blank);

  /* without a stop function the same file is read to its end */
  Read r = read_source(sparse, 256 << 10);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_uint_eq(r.len, size);
  free(r.data);
}
END_TEST

static double now(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* A decoder that reads and reads and makes nothing: skippable frames of
** 4 GiB each over a sparse file (32 GiB, no disk). The reader waits on the
** ring, asking stop every ZL_STOP_POLL_MS, and closing does not wait for
** the decoder to reach the end. */
START_TEST(stop_while_decoder_makes_nothing){
  const uint32_t payload = 0xFFFFFFF0u;
  const char *p = path_of("skippable.zst");
  int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  ck_assert_int_ge(fd, 0);
  off_t at = 0;
  for(int i = 0; i < 8; i++){
    unsigned char h[8];
    skippable_frame(h, 0, "", 0);
    for(int b = 0; b < 4; b++) h[4 + b] = (unsigned char)(payload >> (8 * b));
    ck_assert_int_eq(pwrite(fd, h, 8, at), 8);
    at += 8 + (off_t)payload;
  }
  ck_assert_int_eq(ftruncate(fd, at), 0);
  close(fd);

  Asked a;
  double t0 = now();
  size_t total = read_until_stopped(p, 3, &a);
  double took = now() - t0;
  ck_assert_uint_eq(total, 0);
  ck_assert_int_eq(a.calls, 3);
  ck_assert_msg(took < 1.5, "stopping and closing took %.2f s", took);
}
END_TEST

/* ---- files that are not regular ------------------------------------------ */

START_TEST(not_regular_files){
  const char *fifo = path_of("fifo.log");
  ck_assert_int_eq(mkfifo(fifo, 0644), 0);
  expect_error(read_source(fifo, 100), message("'%s' is a FIFO, not a log file", fifo));
  expect_error(read_source("/dev/zero", 100), "'/dev/zero' is a character device, not a log file");
  expect_error(read_source("/dev/null", 100), "'/dev/null' is a character device, not a log file");
  expect_error(read_source(dir, 100), message("'%s' is a directory, not a log file", dir));

  const char *sock = path_of("sock.log");
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
  ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
  expect_error(read_source(sock, 100), message("'%s' is a socket, not a log file", sock));
  close(fd);

  const char *link = path_of("zero-link.log");
  ck_assert_int_eq(symlink("/dev/zero", link), 0);
  expect_error(read_source(link, 100), message("'%s' is a character device, not a log file", link));
  const char *target = write_file("real.log", "a\n", 2);
  link = path_of("real-link.log");
  ck_assert_int_eq(symlink(target, link), 0);
  expect_bytes(read_source(link, 100), "a\n", 2);
  const char *missing = path_of("missing.log");
  expect_error(read_source(missing, 100), message("cannot open '%s': No such file or directory", missing));
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("source");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, formats_agree);
  tcase_add_test(tc, zstd_frames);
  tcase_add_test(tc, zstd_every_cut);
  tcase_add_test(tc, zstd_corrupt);
  tcase_add_test(tc, gzip_corrupt);
  tcase_add_test(tc, garbage_after);
  tcase_add_test(tc, gzip_reasons);
  tcase_add_test(tc, zstd_window_bound);
  tcase_add_test(tc, stop_plain_gzip_zstd);
  tcase_add_test(tc, stop_while_decoder_makes_nothing);
  tcase_add_test(tc, not_regular_files);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"

/*
** test_addr.c — the address core (ext/func/addr/addr.c). Every expected value
** is worked out by hand: bytes from the dotted/hex digits, network edges by
** writing the prefix's bits out, RFC 5952 text by its rules (longest zero
** run of two or more groups, the first on a tie, lower case).
*/
#include <check.h>

#include "func/addr/addr.h"

#include <string.h>

static ZlAddr parse_ok(const char *text){
  ZlAddr a;
  ck_assert_msg(zl_addr_parse(text, strlen(text), &a) == 0, "should parse: '%s'", text);
  return a;
}

static int parses(const char *text){
  ZlAddr a;
  return zl_addr_parse(text, strlen(text), &a) == 0;
}

static void assert_bytes(const char *text, const uint8_t want[ZL_ADDR_BYTES]){
  ZlAddr a = parse_ok(text);
  ck_assert_msg(memcmp(a.b, want, ZL_ADDR_BYTES) == 0, "bytes of '%s'", text);
}

static void assert_same(const char *x, const char *y){
  ZlAddr a = parse_ok(x), b = parse_ok(y);
  ck_assert_msg(memcmp(a.b, b.b, ZL_ADDR_BYTES) == 0, "'%s' == '%s'", x, y);
}

static ZlNet net_ok(const char *text){
  ZlNet n;
  ck_assert_msg(zl_net_parse(text, strlen(text), &n) == ZL_NET_OK, "net '%s'", text);
  return n;
}

static ZlNetStatus net_status(const char *text){
  ZlNet n;
  return zl_net_parse(text, strlen(text), &n);
}

static int in(const char *addr, const char *net){
  ZlAddr a = parse_ok(addr);
  ZlNet n = net_ok(net);
  return zl_net_contains(&n, &a);
}

static int is_private(const char *text){
  ZlAddr a = parse_ok(text);
  return zl_addr_is_private(&a);
}

static void assert_network(const char *addr, long long prefix, const char *want){
  ZlAddr a = parse_ok(addr);
  ZlNet n;
  char text[ZL_NET_TEXT_MAX];
  ck_assert_int_eq(zl_net_of(&a, prefix, &n), ZL_NET_OK);
  size_t len = zl_net_format(&n, text);
  ck_assert_str_eq(text, want);
  ck_assert_uint_eq(len, strlen(want));
}

START_TEST(ipv4_bytes){
  static const uint8_t zero[16] = {0,0,0,0, 0,0,0,0, 0,0,0xff,0xff, 0,0,0,0};
  static const uint8_t ones[16] = {0,0,0,0, 0,0,0,0, 0,0,0xff,0xff, 255,255,255,255};
  static const uint8_t host[16] = {0,0,0,0, 0,0,0,0, 0,0,0xff,0xff, 192,168,202,79};
  assert_bytes("0.0.0.0", zero);
  assert_bytes("255.255.255.255", ones);
  assert_bytes("192.168.202.79", host);
}
END_TEST

START_TEST(ipv4_strict){
  const char *bad[] = {
    "", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "010.1.1.1", "01.1.1.1",
    "1.2.3.04", "1.2.3.256", "256.0.0.0", "1.2.3.-1", "1.2.3.+1", " 1.2.3.4",
    "1.2.3.4 ", "0x1.2.3.4", "1.2.3.4%eth0", "1.2.3.4/32", "1.2.3.1000", "1.2.3.4\n",
    "3232235777", "a.b.c.d", "1.2.3.4.",
  };
  for(size_t i = 0; i < sizeof bad / sizeof bad[0]; i++){
    ck_assert_msg(!parses(bad[i]), "should not parse: '%s'", bad[i]);
  }
  ck_assert(parses("0.0.0.0"));
  ck_assert(parses("10.0.0.100"));
  /* a NUL inside the text ends nothing: the length counts */
  ZlAddr a;
  ck_assert_int_eq(zl_addr_parse("1.2.3.4\0", 8, &a), -1);
  ck_assert_int_eq(zl_addr_parse("1.2.3.45", 7, &a), 0);   /* the first 7 bytes */
  ck_assert_uint_eq(a.b[15], 4);
}
END_TEST

START_TEST(ipv6_bytes){
  static const uint8_t unspecified[16] = {0};
  static const uint8_t loopback[16] = {0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1};
  static const uint8_t doc[16] = {0x20,0x01,0x0d,0xb8, 0,0,0,0, 0,0,0,0, 0,0,0,1};
  static const uint8_t seq[16] = {0,1,0,2, 0,3,0,4, 0,5,0,6, 0,7,0,8};
  static const uint8_t trailing_gap[16] = {0,1,0,2, 0,3,0,4, 0,5,0,6, 0,7,0,0};
  static const uint8_t leading_gap[16] = {0,0,0,2, 0,3,0,4, 0,5,0,6, 0,7,0,8};
  static const uint8_t compat[16] = {0,0,0,0, 0,0,0,0, 0,0,0,0, 1,2,3,4};
  static const uint8_t nat64[16] = {0,0x64,0xff,0x9b, 0,0,0,0, 0,0,0,0, 192,0,2,33};
  static const uint8_t low_v4[16] = {0,1,0,2, 0,3,0,4, 0,5,0,6, 1,2,3,4};
  assert_bytes("::", unspecified);
  assert_bytes("::1", loopback);
  assert_bytes("2001:db8::1", doc);
  assert_bytes("2001:DB8::1", doc);                                   /* upper case */
  assert_bytes("2001:0db8:0000:0000:0000:0000:0000:0001", doc);       /* leading zeros */
  assert_bytes("2001:db8:0:0:0:0:0:1", doc);
  assert_bytes("1:2:3:4:5:6:7:8", seq);
  assert_bytes("1:2:3:4:5:6:7::", trailing_gap);                      /* "::" = one group */
  assert_bytes("::2:3:4:5:6:7:8", leading_gap);
  assert_bytes("::1.2.3.4", compat);                                  /* embedded IPv4 */
  assert_bytes("64:ff9b::192.0.2.33", nat64);
  assert_bytes("1:2:3:4:5:6:1.2.3.4", low_v4);
  assert_bytes("fe80::1%eth0", (const uint8_t[16]){0xfe,0x80,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1});
  assert_bytes("::%1", unspecified);
}
END_TEST

START_TEST(ipv6_strict){
  const char *bad[] = {
    ":", ":::", "1:::2", "1::2::3", ":1::", ":1:2:3:4:5:6:7:8", "1::2:", "1:2:3:4:5:6:7:8:",
    "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8", "12345::", "::12345",
    "g::", "::ffff:1.2.3", "::ffff:01.2.3.4", "::ffff:1.2.3.256", "::1.2.3.4:5",
    "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4::", "fe80::1%", "fe80::1%a%b", "fe80::1%a/b",
    "fe80::1%a b", "[::1]", " ::1", "::1 ", "::1/128", "2001:db8::1::", "::-1",
  };
  for(size_t i = 0; i < sizeof bad / sizeof bad[0]; i++){
    ck_assert_msg(!parses(bad[i]), "should not parse: '%s'", bad[i]);
  }
}
END_TEST

START_TEST(mapped_is_ipv4){
  assert_same("::ffff:1.2.3.4", "1.2.3.4");
  assert_same("::ffff:102:304", "1.2.3.4");            /* 0x0102 0x0304 */
  assert_same("0:0:0:0:0:FFFF:C0A8:CA4F", "192.168.202.79");
  ck_assert_int_eq(zl_addr_family((const ZlAddr[]){parse_ok("::ffff:1.2.3.4")}), 4);
  ck_assert_int_eq(zl_addr_family((const ZlAddr[]){parse_ok("1.2.3.4")}), 4);
  ck_assert_int_eq(zl_addr_family((const ZlAddr[]){parse_ok("::1.2.3.4")}), 6);
  ck_assert_int_eq(zl_addr_family((const ZlAddr[]){parse_ok("::ffff:0:1.2.3.4")}), 6);
  ck_assert_int_eq(zl_addr_family((const ZlAddr[]){parse_ok("::")}), 6);
  ck_assert_uint_eq(zl_addr_max_prefix((const ZlAddr[]){parse_ok("::ffff:1.2.3.4")}), 32);
  ck_assert_uint_eq(zl_addr_max_prefix((const ZlAddr[]){parse_ok("::1")}), 128);
}
END_TEST

START_TEST(keys_sort_numerically){
  uint8_t k1[ZL_ADDR_KEY_MAX], k2[ZL_ADDR_KEY_MAX];
  ZlAddr a = parse_ok("1.2.3.4");
  ck_assert_uint_eq(zl_addr_key(&a, k1), 5);
  ck_assert(memcmp(k1, (const uint8_t[]){4, 1, 2, 3, 4}, 5) == 0);
  a = parse_ok("::ffff:1.2.3.4");
  ck_assert_uint_eq(zl_addr_key(&a, k2), 5);
  ck_assert(memcmp(k1, k2, 5) == 0);
  a = parse_ok("2001:db8::1");
  ck_assert_uint_eq(zl_addr_key(&a, k1), 17);
  ck_assert(memcmp(k1, (const uint8_t[]){6, 0x20,1,0xd,0xb8, 0,0,0,0, 0,0,0,0, 0,0,0,1}, 17) == 0);

  /* ascending pairs: .79 < .110 numerically, every IPv4 before every IPv6 */
  const char *order[][2] = {
    {"192.168.202.79", "192.168.202.110"}, {"9.255.255.255", "10.0.0.0"},
    {"255.255.255.255", "::"}, {"::", "::1"}, {"::1", "::2:0"},
    {"fe80::1%eth9", "fe80::2%eth0"}, {"2001:db8::ffff", "2001:db8::1:0"},
  };
  for(size_t i = 0; i < sizeof order / sizeof order[0]; i++){
    ZlAddr x = parse_ok(order[i][0]), y = parse_ok(order[i][1]);
    size_t nx = zl_addr_key(&x, k1), ny = zl_addr_key(&y, k2);
    int c = memcmp(k1, k2, nx < ny ? nx : ny);
    ck_assert_msg(c < 0 || (c == 0 && nx < ny), "%s < %s", order[i][0], order[i][1]);
  }
  a = parse_ok("fe80::1%eth0");                       /* the zone is not in the key */
  ZlAddr b = parse_ok("fe80::1%eth1");
  zl_addr_key(&a, k1);
  zl_addr_key(&b, k2);
  ck_assert(memcmp(k1, k2, 17) == 0);
}
END_TEST

START_TEST(network_edges_v4){
  ck_assert_int_eq(in("10.0.0.0", "10.0.0.0/8"), 1);
  ck_assert_int_eq(in("10.255.255.255", "10.0.0.0/8"), 1);
  ck_assert_int_eq(in("11.0.0.0", "10.0.0.0/8"), 0);
  ck_assert_int_eq(in("9.255.255.255", "10.0.0.0/8"), 0);
  ck_assert_int_eq(in("10.200.1.1", "10.1.2.3/8"), 1);        /* host bits cleared */
  ck_assert_int_eq(in("192.168.1.4", "192.168.1.4/31"), 1);
  ck_assert_int_eq(in("192.168.1.5", "192.168.1.4/31"), 1);
  ck_assert_int_eq(in("192.168.1.3", "192.168.1.4/31"), 0);
  ck_assert_int_eq(in("192.168.1.6", "192.168.1.5/31"), 0);   /* .5/31 is .4-.5 */
  ck_assert_int_eq(in("192.168.1.4", "192.168.1.5/31"), 1);
  ck_assert_int_eq(in("1.2.3.4", "1.2.3.4/32"), 1);
  ck_assert_int_eq(in("1.2.3.5", "1.2.3.4/32"), 0);
  ck_assert_int_eq(in("1.2.3.4", "1.2.3.4"), 1);              /* bare address: /32 */
  ck_assert_int_eq(in("1.2.3.5", "1.2.3.4"), 0);
  ck_assert_int_eq(in("200.1.1.1", "128.0.0.0/1"), 1);
  ck_assert_int_eq(in("127.255.255.255", "128.0.0.0/1"), 0);
  ck_assert_int_eq(in("172.31.255.255", "172.16.0.0/12"), 1); /* 0001|xxxx */
  ck_assert_int_eq(in("172.32.0.0", "172.16.0.0/12"), 0);
  ck_assert_int_eq(in("8.8.8.8", "0.0.0.0/0"), 1);
  ck_assert_int_eq(in("2001:db8::1", "0.0.0.0/0"), 0);        /* /0 of IPv4 only */
}
END_TEST

START_TEST(network_edges_v6){
  ck_assert_int_eq(in("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::/32"), 1);
  ck_assert_int_eq(in("2001:db9::", "2001:db8::/32"), 0);
  ck_assert_int_eq(in("2001:db7:ffff::", "2001:db8::/32"), 0);
  ck_assert_int_eq(in("::1", "::1/128"), 1);
  ck_assert_int_eq(in("::1", "::1"), 1);                      /* bare address: /128 */
  ck_assert_int_eq(in("::", "::1"), 0);
  ck_assert_int_eq(in("::", "::/128"), 1);
  ck_assert_int_eq(in("::1", "::/127"), 1);
  ck_assert_int_eq(in("::2", "::/127"), 0);
  ck_assert_int_eq(in("fe80::1%eth1", "fe80::%eth0/64"), 1);  /* zones ignored */
  ck_assert_int_eq(in("fe80::1:0:0:0:1", "fe80::/64"), 0);
  ck_assert_int_eq(in("fdff::1", "fc00::/7"), 1);
  ck_assert_int_eq(in("fe00::1", "fc00::/7"), 0);
  ck_assert_int_eq(in("8000::", "8000::/1"), 1);
  ck_assert_int_eq(in("7fff::", "8000::/1"), 0);
  ck_assert_int_eq(in("2001:db8::1", "::/0"), 1);
}
END_TEST

START_TEST(network_mapped){
  /* IPv4 is ::ffff:0:0/96 of the one 128-bit space */
  ck_assert_int_eq(in("10.1.2.3", "::ffff:0:0/96"), 1);
  ck_assert_int_eq(in("::ffff:10.1.2.3", "::ffff:0:0/96"), 1);
  ck_assert_int_eq(in("::1", "::ffff:0:0/96"), 0);
  ck_assert_int_eq(in("::ffff:10.1.2.3", "10.0.0.0/8"), 1);
  ck_assert_int_eq(in("::ffff:11.1.2.3", "10.0.0.0/8"), 0);
  ck_assert_int_eq(in("10.255.255.255", "::ffff:10.0.0.0/104"), 1);  /* 96 + 8 */
  ck_assert_int_eq(in("11.0.0.0", "::ffff:10.0.0.0/104"), 0);
  ck_assert_int_eq(in("10.1.2.3", "::ffff:10.1.2.3"), 1);
  ck_assert_int_eq(in("10.1.2.3", "::/0"), 1);
  ck_assert_int_eq(in("1.2.3.4", "::1.2.3.4"), 0);            /* compatible, not mapped */
}
END_TEST

START_TEST(network_parse_errors){
  ck_assert_int_eq(net_status("10.0.0.0/33"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/-1"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/08"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/ 8"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/8 "), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/8/8"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("10.0.0.0/1000"), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(net_status("::/129"), ZL_NET_BAD_PREFIX_V6);
  ck_assert_int_eq(net_status("::ffff:0:0/200"), ZL_NET_BAD_PREFIX_V6);
  ck_assert_int_eq(net_status("10.0.0/8"), ZL_NET_BAD_ADDRESS);
  ck_assert_int_eq(net_status("/8"), ZL_NET_BAD_ADDRESS);
  ck_assert_int_eq(net_status(""), ZL_NET_BAD_ADDRESS);
  ck_assert_int_eq(net_status("any"), ZL_NET_BAD_ADDRESS);
  ck_assert_int_eq(net_status("10.0.0.0/8"), ZL_NET_OK);
  ck_assert_int_eq(net_status("0.0.0.0/0"), ZL_NET_OK);
  ck_assert_int_eq(net_status("::/0"), ZL_NET_OK);
  ck_assert_int_eq(net_status("::1/128"), ZL_NET_OK);
  ck_assert_uint_eq(net_ok("10.0.0.0/8").bits, 104);
  ck_assert_uint_eq(net_ok("::ffff:10.0.0.0/104").bits, 104);
  ck_assert_uint_eq(net_ok("1.2.3.4").bits, 128);
  ck_assert_str_eq(zl_net_status_text(ZL_NET_BAD_PREFIX_V4),
                   "the prefix length of an IPv4 network must be 0..32");
}
END_TEST

START_TEST(network_text){
  assert_network("192.168.202.79", 24, "192.168.202.0/24");
  assert_network("192.168.202.79", 32, "192.168.202.79/32");
  assert_network("192.168.202.79", 31, "192.168.202.78/31");   /* 79 = 0b1001111 */
  assert_network("192.168.202.79", 0, "0.0.0.0/0");
  assert_network("192.168.202.79", 12, "192.160.0.0/12");      /* 168 = 1010|1000 */
  assert_network("::ffff:192.168.202.79", 16, "192.168.0.0/16");
  assert_network("2001:db8:85a3::8a2e:370:7334", 64, "2001:db8:85a3::/64");
  assert_network("2001:db8:85a3::8a2e:370:7334", 128, "2001:db8:85a3::8a2e:370:7334/128");
  assert_network("2001:DB8::1", 32, "2001:db8::/32");
  assert_network("fe80::1%eth0", 64, "fe80::/64");               /* the zone is dropped */
  assert_network("fe80::1%eth0", 128, "fe80::1/128");
  assert_network("::1", 128, "::1/128");
  assert_network("::1", 127, "::/127");
  assert_network("::", 0, "::/0");
  assert_network("2001:db8::1", 0, "::/0");
  assert_network("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128,
                 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");  /* the longest text */
  assert_network("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1, "8000::/1");
  /* RFC 5952 4.2: longest run, first on a tie, never one lone zero group */
  assert_network("2001:db8:0:0:1:0:0:1", 128, "2001:db8::1:0:0:1/128");
  assert_network("2001:0:0:1:0:0:0:1", 128, "2001:0:0:1::1/128");
  assert_network("2001:db8:0:1:1:1:1:1", 128, "2001:db8:0:1:1:1:1:1/128");
  assert_network("0:1:0:0:0:1:0:0", 128, "0:1::1:0:0/128");
  assert_network("1:0:0:0:0:0:0:0", 128, "1::/128");
  assert_network("1:2:3:4:5:6:7:0", 128, "1:2:3:4:5:6:7:0/128");
  assert_network("ABCD:EF01:0:0:0:0:0:0", 128, "abcd:ef01::/128");
  assert_network("0abc:00de:000f::", 128, "abc:de:f::/128");
  /* only IPv4-mapped text is dotted; others print as hex groups */
  assert_network("::1.2.3.4", 128, "::102:304/128");
  assert_network("64:ff9b::192.0.2.33", 96, "64:ff9b::/96");
}
END_TEST

START_TEST(network_prefix_range){
  ZlNet n;
  ZlAddr v4 = parse_ok("1.2.3.4"), v6 = parse_ok("::1"), mapped = parse_ok("::ffff:1.2.3.4");
  ck_assert_int_eq(zl_net_of(&v4, 33, &n), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(zl_net_of(&v4, -1, &n), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(zl_net_of(&mapped, 64, &n), ZL_NET_BAD_PREFIX_V4);
  ck_assert_int_eq(zl_net_of(&v6, 129, &n), ZL_NET_BAD_PREFIX_V6);
  ck_assert_int_eq(zl_net_of(&v6, -1, &n), ZL_NET_BAD_PREFIX_V6);
  ck_assert_int_eq(zl_net_of(&v6, 1LL << 40, &n), ZL_NET_BAD_PREFIX_V6);
  ck_assert_int_eq(zl_net_of(&v4, 32, &n), ZL_NET_OK);
  ck_assert_int_eq(zl_net_of(&v6, 128, &n), ZL_NET_OK);
}
END_TEST

START_TEST(private_v4_edges){
  const char *yes[] = {
    "0.0.0.0", "0.255.255.255", "10.0.0.0", "10.255.255.255", "100.64.0.0",
    "100.127.255.255", "127.0.0.1", "127.255.255.255", "169.254.0.0", "169.254.255.255",
    "172.16.0.0", "172.31.255.255", "192.168.0.0", "192.168.255.255", "255.255.255.255",
    "::ffff:10.0.0.1", "192.168.202.79",
  };
  const char *no[] = {
    "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
    "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255",
    "172.32.0.0", "192.167.255.255", "192.169.0.0", "255.255.255.254", "224.0.0.251",
    "239.255.255.250", "192.0.2.1", "198.51.100.1", "203.0.113.1", "198.18.0.1",
    "240.0.0.1", "8.8.8.8", "::ffff:8.8.8.8",
  };
  for(size_t i = 0; i < sizeof yes / sizeof yes[0]; i++){
    ck_assert_msg(is_private(yes[i]) == 1, "private: %s", yes[i]);
  }
  for(size_t i = 0; i < sizeof no / sizeof no[0]; i++){
    ck_assert_msg(is_private(no[i]) == 0, "not private: %s", no[i]);
  }
}
END_TEST

START_TEST(private_v6_edges){
  const char *yes[] = {
    "::", "::1", "fc00::", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "fe80::", "fe80::1%eth0", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  };
  const char *no[] = {
    "::2", "::1:0", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::", "fe7f::1",
    "fec0::1", "ff02::1", "ff05::2", "2001:db8::1", "2606:4700::1111", "::10.0.0.1",
    "64:ff9b::10.0.0.1", "::ffff:0:10.0.0.1",
  };
  for(size_t i = 0; i < sizeof yes / sizeof yes[0]; i++){
    ck_assert_msg(is_private(yes[i]) == 1, "private: %s", yes[i]);
  }
  for(size_t i = 0; i < sizeof no / sizeof no[0]; i++){
    ck_assert_msg(is_private(no[i]) == 0, "not private: %s", no[i]);
  }
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("addr");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, ipv4_bytes);
  tcase_add_test(tc, ipv4_strict);
  tcase_add_test(tc, ipv6_bytes);
  tcase_add_test(tc, ipv6_strict);
  tcase_add_test(tc, mapped_is_ipv4);
  tcase_add_test(tc, keys_sort_numerically);
  tcase_add_test(tc, network_edges_v4);
  tcase_add_test(tc, network_edges_v6);
  tcase_add_test(tc, network_mapped);
  tcase_add_test(tc, network_parse_errors);
  tcase_add_test(tc, network_text);
  tcase_add_test(tc, network_prefix_range);
  tcase_add_test(tc, private_v4_edges);
  tcase_add_test(tc, private_v6_edges);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"

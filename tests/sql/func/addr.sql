-- ip_in, ip_family, ip_is_private, ip_network, ip_key. Expected values are
-- worked out by hand: a prefix's bits written out (10.0.0.0/8 covers
-- 10.0.0.0-10.255.255.255; 79 = 1001111b, so .79/31 is .78-.79), IPv6 text by
-- RFC 5952's rules, keys as the family byte then the address bytes in hex.
-- tests/scripts/test_addr_python.sh checks the same functions against Python.
.headers off
.mode list
.nullvalue NULL

-- ip_family: 4 or 6; the IPv4-mapped spelling is IPv4; anything else NULL
SELECT 'family', ip_family('192.168.202.79'), ip_family('2001:db8::1'), ip_family('::'),
       ip_family('::1'), ip_family('::ffff:10.0.0.1'), ip_family('::10.0.0.1'),
       ip_family('fe80::1%eth0'), ip_family('2001:DB8::A'), ip_family('0:0:0:0:0:0:0:1');
SELECT 'family not an address', ip_family('1.2.3'), ip_family('010.1.1.1'),
       ip_family('1.2.3.256'), ip_family(' 1.2.3.4'), ip_family('1.2.3.4/32'),
       ip_family(''), ip_family('-'), ip_family('1::2::3'), ip_family('12345::'),
       ip_family('fe80::1%'), ip_family('1.2.3.4%eth0'), ip_family(3232235777),
       ip_family(NULL), typeof(ip_family('x'));

-- ip_in: edges of /0, /8, /31, /32, /128; a bare address is /32 or /128
SELECT 'in v4', ip_in('10.0.0.0', '10.0.0.0/8'), ip_in('10.255.255.255', '10.0.0.0/8'),
       ip_in('11.0.0.0', '10.0.0.0/8'), ip_in('9.255.255.255', '10.0.0.0/8'),
       ip_in('10.9.9.9', '10.1.2.3/8');
SELECT 'in /31 /32 /0', ip_in('192.168.202.78', '192.168.202.79/31'),
       ip_in('192.168.202.79', '192.168.202.78/31'), ip_in('192.168.202.80', '192.168.202.78/31'),
       ip_in('1.2.3.4', '1.2.3.4/32'), ip_in('1.2.3.5', '1.2.3.4/32'), ip_in('1.2.3.4', '1.2.3.4'),
       ip_in('8.8.8.8', '0.0.0.0/0'), ip_in('2001:db8::1', '0.0.0.0/0');
SELECT 'in v6', ip_in('2001:db8:ffff::1', '2001:db8::/32'), ip_in('2001:db9::', '2001:db8::/32'),
       ip_in('::1', '::1/128'), ip_in('::1', '::1'), ip_in('::', '::1'), ip_in('::1', '::/127'),
       ip_in('::2', '::/127'), ip_in('2001:db8::1', '::/0'), ip_in('2001:DB8::1', '2001:db8::1');
SELECT 'in zones', ip_in('fe80::1%eth1', 'fe80::/64'), ip_in('fe80::1', 'fe80::%eth0/64'),
       ip_in('fe80::1%eth0', 'fe80::1%eth1');
-- mapped: ::ffff:a.b.c.d is a.b.c.d; IPv4 is ::ffff:0:0/96, so ::/0 holds it
SELECT 'in mapped', ip_in('::ffff:10.1.2.3', '10.0.0.0/8'), ip_in('10.1.2.3', '::ffff:0:0/96'),
       ip_in('10.1.2.3', '::ffff:10.0.0.0/104'), ip_in('11.0.0.0', '::ffff:10.0.0.0/104'),
       ip_in('::1', '::ffff:0:0/96'), ip_in('10.1.2.3', '::/0'), ip_in('1.2.3.4', '::1.2.3.4');
-- a log value that is not an address: NULL; NULL in: NULL
SELECT 'in not an address', ip_in('10.0.0', '10.0.0.0/8'), ip_in('', '::/0'),
       ip_in(NULL, '10.0.0.0/8'), ip_in('10.0.0.1', NULL);
-- a network column: the subnet and addr columns of a Zeek log (rows:
-- 10.0.0.0/24 vs 1.2.3.4, 2001:db8::/32 vs 2001:db8::1, unset, 0.0.0.0/0 vs ::)
CREATE VIRTUAL TABLE temp.types USING zeek('logs/all_types.log');
SELECT 'subnet column', group_concat(coalesce(ip_in(a, sn), 'NULL'), ',') FROM types;
SELECT 'addr column', group_concat(coalesce(ip_family(a), 'NULL'), ','),
       group_concat(coalesce(ip_is_private(a), 'NULL'), ',') FROM types;

-- ip_is_private: each range's first and last address, and its neighbours
SELECT 'private v4 in', ip_is_private('0.0.0.0'), ip_is_private('0.255.255.255'),
       ip_is_private('10.0.0.0'), ip_is_private('10.255.255.255'),
       ip_is_private('100.64.0.0'), ip_is_private('100.127.255.255'),
       ip_is_private('127.0.0.1'), ip_is_private('169.254.0.0'), ip_is_private('169.254.255.255'),
       ip_is_private('172.16.0.0'), ip_is_private('172.31.255.255'),
       ip_is_private('192.168.0.0'), ip_is_private('192.168.255.255'),
       ip_is_private('255.255.255.255'), ip_is_private('::ffff:192.168.1.1');
SELECT 'private v4 out', ip_is_private('1.0.0.0'), ip_is_private('9.255.255.255'),
       ip_is_private('11.0.0.0'), ip_is_private('100.63.255.255'), ip_is_private('100.128.0.0'),
       ip_is_private('128.0.0.0'), ip_is_private('169.253.255.255'), ip_is_private('169.255.0.0'),
       ip_is_private('172.15.255.255'), ip_is_private('172.32.0.0'),
       ip_is_private('192.167.255.255'), ip_is_private('192.169.0.0'),
       ip_is_private('255.255.255.254'), ip_is_private('224.0.0.251'),
       ip_is_private('192.0.2.1'), ip_is_private('8.8.8.8');
SELECT 'private v6', ip_is_private('::'), ip_is_private('::1'), ip_is_private('fc00::'),
       ip_is_private('fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), ip_is_private('fe80::1%eth0'),
       ip_is_private('febf::1'), ip_is_private('::2'), ip_is_private('fbff::1'),
       ip_is_private('fec0::1'), ip_is_private('ff02::1'), ip_is_private('2001:db8::1'),
       ip_is_private('::10.0.0.1'), ip_is_private('not an ip'), ip_is_private(NULL);

-- ip_network: the brief's example, the edges, RFC 5952 text, zones dropped
SELECT 'network v4', ip_network('192.168.202.79', 24), ip_network('192.168.202.79', 31),
       ip_network('192.168.202.79', 32), ip_network('192.168.202.79', 0),
       ip_network('::ffff:192.168.202.79', 16), ip_network('192.168.202.79', '24'),
       ip_network('192.168.202.79', 24.0);
SELECT 'network v6', ip_network('2001:DB8:85A3:0:0:8A2E:370:7334', 64),
       ip_network('2001:db8:85a3::8a2e:370:7334', 128), ip_network('fe80::1%eth0', 64),
       ip_network('::1', 128), ip_network('::1', 127), ip_network('::', 0),
       ip_network('2001:0db8:0000:0000:0001:0000:0000:0001', 128),
       ip_network('2001:db8:0:1:1:1:1:1', 128), ip_network('::1.2.3.4', 128),
       ip_network('64:ff9b::192.0.2.33', 96);
-- two prefixes: the first for IPv4 rows, the second for IPv6 rows
SELECT 'network two prefixes', ip_network('192.168.202.79', 24, 64),
       ip_network('2001:db8::1', 24, 64), ip_network('::ffff:10.1.2.3', 8, 120);
SELECT 'network not an address', ip_network('1.2.3', 24), ip_network('x', 24),
       ip_network(NULL, 24), ip_network('1.2.3.4', NULL), ip_network('1.2.3.4', 24, NULL);

-- ip_key: 04 + four bytes, 06 + sixteen; IPv4 (mapped too) before IPv6
SELECT 'key', hex(ip_key('192.168.202.79')), hex(ip_key('::ffff:192.168.202.79')),
       hex(ip_key('2001:db8::1')), hex(ip_key('fe80::1%eth0')), typeof(ip_key('::')),
       ip_key('1.2.3'), ip_key(NULL);
CREATE TABLE hosts(h);
INSERT INTO hosts VALUES ('192.168.202.110'), ('2001:db8::1'), ('192.168.202.79'),
  ('::1'), ('10.0.0.1'), ('::ffff:9.0.0.1'), ('fe80::1'), ('255.255.255.255'), ('::'),
  ('2001:db8::ffff'), ('2001:db8::1:0'), ('not an address');
SELECT 'constant network over rows', count(*) FROM hosts WHERE ip_in(h, '2001:db8::/32');
SELECT 'private hosts', group_concat(h, ',') FROM hosts WHERE ip_is_private(h);
SELECT 'sorted', group_concat(h, ' < ') FROM (SELECT h FROM hosts ORDER BY ip_key(h), h);

-- a bad network or prefix argument is an error naming the function
SELECT ip_in('10.0.0.1', '10.0.0.0/33');
SELECT ip_in('::1', '::/129');
SELECT ip_in('10.0.0.1', '10.0.0/8');
SELECT ip_in('10.0.0.1', '10.0.0.0/08');
SELECT ip_network('10.0.0.1', 129);
SELECT ip_network('10.0.0.1', -1);
SELECT ip_network('10.0.0.1', 'wide');
SELECT ip_network('10.0.0.1', 24.5);
SELECT ip_network('10.0.0.1', 33, 64);
SELECT ip_network('not an address', 200);
SELECT ip_network('10.0.0.1', 24, 129);
-- an IPv4 row with an IPv6-sized single prefix
SELECT ip_network('10.0.0.1', 64);
-- but an IPv6 row takes it
SELECT 'v6 with 64', ip_network('2001:db8::1', 64);

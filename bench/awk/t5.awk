# T5: top 5 user agents ($12) and the number of rows from scanner tools (the
# same names zeeklog's scanner_ua() knows, as one regex)
!/^#/ { c[$12]++ }
END {
  top5(c)
  for (k in c) if (k ~ /DirBuster|Nmap Scripting Engine|SF\/2\.03b|Nikto|sqlmap/) s += c[k]
  print "scanner rows\t" s + 0
}

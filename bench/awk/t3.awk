# T3: top 5 source IPs ($3 = id.orig_h)
!/^#/ { c[$3]++ }
END { top5(c) }

# T6: top 5 source IPs among 403/404 responses
!/^#/ && ($15 == "403" || $15 == "404") { c[$3]++ }
END { top5(c) }

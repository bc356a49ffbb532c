# T2: count per status_code ($15; '-' is NULL)
!/^#/ { c[$15]++ }
END { for (k in c) print k "\t" c[k] }

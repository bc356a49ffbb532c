# T4: per UTC hour of ts ($1): row count and modal status_code ($15, NULL
# ignored, ties to the smallest code)
!/^#/ { h = int($1 / 3600); n[h]++; if ($15 != "-") m[h SUBSEP $15]++ }
END {
  for (k in m) {
    split(k, p, SUBSEP); h = p[1]; s = p[2] + 0
    if (!(h in bc) || m[k] > bc[h] || (m[k] == bc[h] && s < bs[h])) { bc[h] = m[k]; bs[h] = s }
  }
  for (h in n) print hour_label(h) "\t" n[h] "\t" ((h in bs) ? bs[h] : "-")
}

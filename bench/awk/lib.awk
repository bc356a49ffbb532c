# Helpers for the awk alternative of bench.sh (mawk and gawk; run with LC_ALL=C).
# Rows are the non-'#' lines, fields split on tabs (-F'\t'); '-' is NULL.

# Prints the 5 keys of c with the highest counts, "key<TAB>count", ties to the
# smaller key (as ORDER BY 2 DESC, 1 LIMIT 5 does).
function top5(c,    i, k, best, bk, done) {
  for (i = 0; i < 5; i++) {
    best = -1
    for (k in c)
      if (!(k in done) && (c[k] > best || (c[k] == best && k < bk))) { best = c[k]; bk = k }
    if (best < 0) break
    done[bk] = 1
    print bk "\t" best
  }
}

# "YYYY-MM-DD HH" (UTC) of an hour number since the epoch (civil-from-days).
function hour_label(h,    z, era, doe, yoe, y, doy, mp, m, d) {
  z = int(h / 24) + 719468
  era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  if (m <= 2) y++
  return sprintf("%04d-%02d-%02d %02d", y, m, d, h % 24)
}

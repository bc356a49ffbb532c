# T1: count rows
!/^#/ { n++ }
END { print n + 0 }

#!/bin/sh
# Usage: compare.sh BUILD_DIR
# kindly's Flesch-Kincaid grade against GNU style's (Debian package
# diction) on the texts in tests/readability/texts.  figures.tsv keeps,
# for each text, the grade style gave and the grade kindly gave when the
# table was made.  For each text this checks that both tools still give
# those figures and that they agree within 1.0; it prints one line
# "ok" or "FAIL ..." per text.  Remake the table with
#	sh scripts/readability-vs-style.sh build >tests/readability/figures.tsv
set -u
build=$1
dir=$(dirname "$0")
command -v style >/dev/null || {
	echo "FAIL: GNU style is missing; run 'make deps' (Debian package diction)"
	exit 0
}
tail -n +2 "$dir/figures.tsv" | while IFS="$(printf '\t')" read -r name want_s want_k _; do
	f=$dir/texts/$name
	s=$(style "$f" | sed -n 's/.*Kincaid: *//p')
	k=$("$build/test_read" --grade "$f")
	awk -v n="$name" -v s="$s" -v k="$k" -v ws="$want_s" -v wk="$want_k" 'BEGIN {
		s = sprintf("%.1f", s); k = sprintf("%.1f", k)
		if (s != sprintf("%.1f", ws))
			printf "FAIL %s: style now gives %s; the table says %s\n", n, s, ws
		else if (k != sprintf("%.1f", wk))
			printf "FAIL %s: kindly now gives %s; the table says %s\n", n, k, wk
		else if (k - s > 1.0 || s - k > 1.0)
			printf "FAIL %s: kindly %s and style %s differ by more than 1.0\n", n, k, s
		else
			print "ok"
	}'
done

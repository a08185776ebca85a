#!/bin/sh
# Usage: readability-vs-style.sh [BUILD_DIR]
# Prints, for each text in tests/readability/texts, the Flesch-Kincaid
# grade from GNU style (Debian package diction) and from kindly's
# readability code (build/test_read --grade FILE), and the difference.
set -u
build=${1:-build}
command -v style >/dev/null || { echo "readability-vs-style: install diction (GNU style)" >&2; exit 2; }
printf 'text\tstyle\tkindly\tdifference\n'
for f in tests/readability/texts/*.txt; do
	s=$(style "$f" | sed -n 's/.*Kincaid: *//p')
	k=$("$build/test_read" --grade "$f")
	awk -v f="$(basename "$f")" -v s="$s" -v k="$k" \
	    'BEGIN { printf "%s\t%.1f\t%.1f\t%+.1f\n", f, s, k, k - s }'
done

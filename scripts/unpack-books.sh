#!/bin/sh
# Usage: unpack-books.sh TEST_EPUB DIR
# Replaces every .epub file under the built site DIR with a folder of the
# same name that holds its entries, so that golden tests compare books
# file by file and the canary scan can read inside them.  Each book must
# keep the OCF rules (TEST_EPUB --ocf).  A theme file the book carries
# (EPUB/assets/...) that is byte for byte the site's own DIR/assets/...
# is left out, so goldens do not hold a copy of the CSS per book.
set -eu
test_epub=$1 dir=$2
find "$dir" -name '*.epub' -type f | LC_ALL=C sort >"$dir.books"
while read -r f; do
	if ! "$test_epub" --ocf "$f" >"$dir.ocf"; then
		cat "$dir.ocf" >&2
		rm -f "$dir.books" "$dir.ocf"
		exit 1
	fi
	mv "$f" "$f.zip"
	mkdir "$f"
	"$test_epub" --unpack "$f.zip" "$f"
	rm "$f.zip"
	[ -d "$f/EPUB/assets" ] || continue
	(cd "$f/EPUB/assets" && find . -type f) | while read -r a; do
		if cmp -s "$f/EPUB/assets/$a" "$dir/assets/$a"; then
			rm "$f/EPUB/assets/$a"
		fi
	done
	find "$f/EPUB/assets" -depth -type d -empty -delete
done <"$dir.books"
rm -f "$dir.books" "$dir.ocf"

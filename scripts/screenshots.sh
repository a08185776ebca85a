#!/bin/sh
# Screenshots of the demo in every theme, to look at.
#
#   sh scripts/screenshots.sh [OUTDIR [SITES]]   (default: build/screenshots)
#
# SITES is a folder scripts/theme-sites.sh has already filled; without
# it, this builds the demo once per theme with that script: default,
# large-print, dyslexia-friendly, high-contrast, and riverford (content/
# with themes/riverford copied in, as a council would). For two pages of
# each, Kay's child protection plan and the letter to her mum, it writes
# to OUTDIR:
#   THEME-PAGE-360.png, THEME-PAGE-1280.png   the whole page, 360 and 1280 px wide
#   THEME-PAGE-print.pdf                      the print view on A4
#   THEME-PAGE-print-N.png                    each page of that PDF
# then lists every file it wrote. Exits 1 if anything failed.
#
# Needs Node.js and playwright-core (sh scripts/page-tools.sh install),
# Debian's Chromium, and pdftoppm from Debian's poppler-utils.
#
# Environment:
#   KINDLY              the kindly to build with (default: build/kindly)
#   PAGE_TOOLS_BROWSER  the browser (default: /usr/bin/chromium)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tools="$here/page-tools"
KINDLY=${KINDLY:-$root/build/kindly}
out=${1:-$root/build/screenshots}
sites=${2:-}

# Never let playwright download a browser.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD
: "${PAGE_TOOLS_BROWSER:=/usr/bin/chromium}"
export PAGE_TOOLS_BROWSER

die() { echo "screenshots: $*" >&2; exit 1; }

[ -x "$KINDLY" ] || die "no kindly at $KINDLY: run make, or set KINDLY"
command -v node >/dev/null 2>&1 ||
	die "node is missing: run sh scripts/page-tools.sh install"
[ -f "$tools/node_modules/playwright-core/package.json" ] ||
	die "playwright-core is missing: run sh scripts/page-tools.sh install"
[ -x "$PAGE_TOOLS_BROWSER" ] ||
	die "no browser at $PAGE_TOOLS_BROWSER: apt-get install chromium"
command -v pdftoppm >/dev/null 2>&1 ||
	die "pdftoppm is missing: it is in Debian's poppler-utils (apt-get install poppler-utils)"

themes="default large-print dyslexia-friendly high-contrast riverford"
# NAME PAGE: the pages to take, in every theme.
pages="kay-cp-plan preview-hughes-kay/2025-06-20-cp-plan-kay/index.html
mum-letter preview-hughes-mum/2025-03-14-letter-to-parents/index.html"

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kindly-shots.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

list="$tmp/pages.txt"
: >"$list"
if [ -z "$sites" ]; then
	sites=$tmp/sites
	# shellcheck disable=SC2086 # one word per theme
	KINDLY=$KINDLY sh "$here/theme-sites.sh" "$sites" $themes >/dev/null ||
		die "a build failed"
fi
for theme in $themes; do
	echo "$pages" | while read -r name page; do
		[ -f "$sites/$theme/$page" ] || die "theme $theme: no page $page"
		rm -f "$out/$theme-$name"-*
		printf '%s\t%s\n' "$sites/$theme/$page" "$out/$theme-$name" >>"$list"
	done
done

status=0
node "$tools/screenshots.js" "$list" >"$tmp/written.txt" || status=1

# Each page of each PDF as a picture, 96 dpi: an A4 page is 794 px wide.
grep '\.pdf$' "$tmp/written.txt" >"$tmp/pdfs.txt" || true
while IFS= read -r pdf; do
	if pdftoppm -png -r 96 "$pdf" "${pdf%.pdf}"; then
		ls "${pdf%.pdf}"-*.png >>"$tmp/written.txt"
	else
		echo "screenshots: pdftoppm failed on $pdf" >&2
		status=1
	fi
done <"$tmp/pdfs.txt"

echo "screenshots: wrote, in $out:"
LC_ALL=C sort "$tmp/written.txt" | sed "s|^$out/|  |"
n=$(wc -l <"$tmp/written.txt" | tr -d ' ')
echo "screenshots: $n files"
[ "$status" = 0 ] || die "something failed: see above"

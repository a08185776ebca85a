#!/bin/sh
# HTML page checks for kindly: the Nu HTML Checker and axe-core in Chromium.
#
#   scripts/page-tools.sh install                  install what is missing
#   scripts/page-tools.sh check DIR                check every *.html (and *.css) under DIR
#   scripts/page-tools.sh read-aloud PAGE.html...  test "Read this to me" on document pages
#
# check runs vnu once over all pages, then axe-core (WCAG 2.0/2.1/2.2 A and
# AA rules) in one headless Chromium at 1280 and 360 CSS px, plus a reflow
# check at 320 px with WCAG 1.4.12 text spacing applied (no sideways
# scrolling). It prints one line per problem,
# then a total, and exits 1 on any vnu error or axe violation, when a tool
# cannot run, or when it finds no page. vnu warnings are shown, not counted.
# Full reports go to $PAGE_REPORTS_DIR (default build/page-reports).
#
# read-aloud drives the read-aloud buttons of one or more document pages in
# headless Chromium, with a fake speech engine in place of the browser's
# (nothing is spoken), and prints one line per check and a total; it exits 1
# on any failure.
#
# Environment:
#   PAGE_REPORTS_DIR    where reports go (default: build/page-reports)
#   PAGE_TOOLS_BROWSER  the browser axe and read-aloud drive (default: /usr/bin/chromium)
#   VNU_JAVA_OPTS       options for java (default: -XX:+UseSerialGC)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tools="$here/page-tools"
self="$here/page-tools.sh"

# Never let npm or playwright download a browser.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PUPPETEER_SKIP_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD PUPPETEER_SKIP_DOWNLOAD
: "${PAGE_TOOLS_BROWSER:=/usr/bin/chromium}"
export PAGE_TOOLS_BROWSER

jar="$tools/node_modules/vnu-jar/build/dist/vnu.jar"
axe="$tools/node_modules/axe-core/axe.min.js"
pw="$tools/node_modules/playwright-core/package.json"
java_opts="-XX:+UseSerialGC"

# shellcheck source=scripts/node-tools.sh
. "$here/node-tools.sh"

say() { echo "page-tools: $*"; }
die() { echo "page-tools: $*" >&2; exit 1; }

usage() {
	sed -n '2,24s/^# \{0,1\}//p' "$self" >&2
	exit 2
}

# ---- install -------------------------------------------------------------

do_install() {
	tools_install "$tools" "$PAGE_TOOLS_BROWSER" "playwright-core 1.65" "$jar" "$axe" "$pw"
	# pdftoppm, for scripts/screenshots.sh: each printed page as a picture.
	command -v pdftoppm >/dev/null 2>&1 || sh "$root/scripts/install-deps.sh" poppler-utils
	say "ready: vnu $(java -jar "$jar" --version 2>/dev/null || echo '?')," \
		"axe-core $(node -p "require('$tools/node_modules/axe-core/package.json').version" 2>/dev/null || echo '?')," \
		"playwright-core $(node -p "require('$pw').version" 2>/dev/null || echo '?')," \
		"$("$PAGE_TOOLS_BROWSER" --version 2>/dev/null | head -n 1 || echo 'no browser')"
}

# ---- check ---------------------------------------------------------------

do_check() {
	[ $# -eq 1 ] || usage
	dir=$1
	reports=${PAGE_REPORTS_DIR:-$root/build/page-reports}
	[ -f "$jar" ] ||
		die "the Nu HTML Checker is not installed: run scripts/page-tools.sh install"
	[ -f "$axe" ] ||
		die "axe-core is not installed: run scripts/page-tools.sh install"
	[ -f "$pw" ] ||
		die "playwright-core is not installed: run scripts/page-tools.sh install"
	command -v java >/dev/null 2>&1 ||
		die "java is missing: run scripts/page-tools.sh install"
	command -v node >/dev/null 2>&1 ||
		die "node is missing: run scripts/page-tools.sh install"
	[ -x "$PAGE_TOOLS_BROWSER" ] ||
		die "no browser at $PAGE_TOOLS_BROWSER: run scripts/page-tools.sh install"
	[ -d "$dir" ] || die "no such folder: $dir"
	mkdir -p "$reports"
	reports=$(cd "$reports" && pwd)
	list="$reports/pages.txt"
	rm -f "$list" "$reports/vnu.json" "$reports/vnu.log" \
		"$reports/axe.json" "$reports/axe.log" "$reports/summary.txt"
	find "$dir" -type f -name '*.html' -print | LC_ALL=C sort >"$list"
	n=$(wc -l <"$list" | tr -d ' ')
	[ "$n" -gt 0 ] || die "no .html found in: $dir"

	# The Nu HTML Checker, once over the whole folder: every page and style
	# sheet, nothing else. It exits 1 on errors; the JSON (on stdout with
	# --stdout) tells us what we need.
	t0=$(date +%s)
	# shellcheck disable=SC2086 # options are words
	java ${VNU_JAVA_OPTS-$java_opts} -jar "$jar" --format json \
		--also-check-css --skip-non-html --stdout "$dir" \
		>"$reports/vnu.json" 2>"$reports/vnu.log" || true
	t1=$(date +%s)
	# axe-core in one browser over every page, at both widths.
	node "$tools/axe-pages.js" "$list" "$reports/axe.json" \
		>"$reports/axe.log" 2>&1 || true
	t2=$(date +%s)

	node "$tools/summarize.js" "$dir" "$list" "$reports" >"$reports/summary.txt" 2>&1 ||
		echo "counts FAIL 0 0 0 0 1" >>"$reports/summary.txt"
	sed '/^counts /d' "$reports/summary.txt"
	st=FAIL e=0 w=0 v=0 r=0 broke=1
	c=$(sed -n 's/^counts //p' "$reports/summary.txt" | tail -n 1)
	[ -z "$c" ] || read -r st e w v r broke <<EOF
$c
EOF
	[ "$broke" = 0 ] || say "$broke problems stopped a full check (a tool did not run, or a page did not load fully)"
	say "vnu took $((t1 - t0)) s ($w warnings), axe took $((t2 - t1)) s ($r results to review); reports in $reports"
	say "$n pages, $e vnu errors, $v axe violations"
	[ "$st" = ok ]
}

# ---- read-aloud ----------------------------------------------------------

do_read_aloud() {
	[ $# -ge 1 ] || usage
	[ -f "$pw" ] ||
		die "playwright-core is not installed: run scripts/page-tools.sh install"
	command -v node >/dev/null 2>&1 ||
		die "node is missing: run scripts/page-tools.sh install"
	[ -x "$PAGE_TOOLS_BROWSER" ] ||
		die "no browser at $PAGE_TOOLS_BROWSER: run scripts/page-tools.sh install"
	for page in "$@"; do
		[ -f "$page" ] || die "no such page: $page"
	done
	node "$tools/read-aloud-test.js" "$@"
}

case ${1:-} in
install) do_install ;;
check) shift; do_check "$@" ;;
read-aloud) shift; do_read_aloud "$@" ;;
*) usage ;;
esac

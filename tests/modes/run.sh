#!/bin/sh
# Usage: run.sh KINDLY
# How a build is done, which must never change what it makes: workers
# (-j) and --only.  Ends with "N passed, N failed".
set -u
kindly=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
export KINDLY_SECRET=kindly-test-secret-not-for-real-use-0123456789
export SOURCE_DATE_EPOCH=1735689600
cd "$root" || exit 1

# A generated site of 60 letters in 12 cases, with warnings, beside the
# demo site.
awk -v out="$tmp/gen" -v n=60 -v per=5 -v target=300 -v shape=html \
    -f scripts/bench.d/corpus.awk
gen=$tmp/gen/kindly

# build SITE NAME ARGS...: into $tmp/NAME, with its stdout, stderr, links
# and redaction log beside it.
build() {
	site=$1 name=$2
	shift 2
	"$kindly" build "$@" --links "$tmp/$name.links" \
	    --redaction-log "$tmp/$name.red" "$site" -o "$tmp/$name" \
	    >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}
# same_file A B: both missing, or the same bytes.
same_file() { { [ ! -e "$1" ] && [ ! -e "$2" ]; } || cmp -s "$1" "$2"; }
# same A B WHAT: builds A and B made the same files, messages and logs.
same() {
	if { [ ! -e "$tmp/$1" ] && [ ! -e "$tmp/$2" ] ||
	    diff -r "$tmp/$1" "$tmp/$2" >/dev/null; } &&
	    cmp -s "$tmp/$1.err" "$tmp/$2.err" &&
	    cmp -s "$tmp/$1.out" "$tmp/$2.out" &&
	    cmp -s "$tmp/$1.rc" "$tmp/$2.rc" &&
	    same_file "$tmp/$1.links" "$tmp/$2.links" &&
	    same_file "$tmp/$1.red" "$tmp/$2.red"; then
		ok
	else
		ko "$3"
		diff -r "$tmp/$1" "$tmp/$2" | head -5 >&2
		diff "$tmp/$1.err" "$tmp/$2.err" | head -5 >&2
	fi
}

# Workers: the same bytes, messages and logs as one worker.
for site in content "$gen"; do
	s=$(basename "$site")
	build "$site" "$s-j1" -j 1
	for j in 2 3 7; do
		build "$site" "$s-j$j" -j "$j"
		same "$s-j1" "$s-j$j" "$s: -j $j makes what -j 1 makes"
	done
done
[ "$(cat "$tmp/kindly-j1.rc")" = 0 ] && grep -q 'warning' "$tmp/kindly-j1.err" &&
	ok || ko "the generated site builds, with warnings to keep in order"
[ "$(find "$tmp/kindly-j1" -name index.html | wc -l)" = 72 ] && ok ||
	ko "the generated site has 60 pages and 12 lists"
build content v-j1 -j 1 -v
build content v-j2 -j 2 -v
sed "s|$tmp/v-j1|OUT|" "$tmp/v-j1.out" >"$tmp/v1"
sed "s|$tmp/v-j2|OUT|" "$tmp/v-j2.out" >"$tmp/v2"
cmp -s "$tmp/v1" "$tmp/v2" && [ -s "$tmp/v1" ] && ok ||
	ko "-v lists the same files in the same order with 2 workers"
for j in 1 2; do
	"$kindly" check -j $j --format json "$gen" >"$tmp/json$j" 2>&1
done
cmp -s "$tmp/json1" "$tmp/json2" && [ -s "$tmp/json1" ] && ok ||
	ko "check --format json: the same lines with 2 workers"

# Errors in some cases and a template that fails in another: the same
# messages, in the same order, and no output.
cp -r "$gen" "$tmp/bad"
printf -- '---\nkind: letter\ndate: 2024-02-30\nreaders: [nobody]\nauthor: sw-priya\n---\n\nHello.\n' \
    >"$tmp/bad/cases/family-00003/2024-01-01-bad.md"
printf 'people: [ # needs\n' >"$tmp/bad/cases/family-00009/case.yaml"
mkdir -p "$tmp/bad/themes/broken/templates"
printf 'extends: default\n' >"$tmp/bad/themes/broken/theme.yaml"
printf '{{ nothing.here }}\n' >"$tmp/bad/themes/broken/templates/letter.html"
for j in 1 2 3; do
	build "$tmp/bad" "bad-j$j" -j $j
	build "$tmp/bad" "badt-j$j" -j $j --theme broken
done
for j in 2 3; do
	same bad-j1 "bad-j$j" "errors: -j $j says what -j 1 says"
	same badt-j1 "badt-j$j" "a template error: -j $j says what -j 1 says"
done
[ "$(cat "$tmp/bad-j1.rc")" = 1 ] && [ ! -e "$tmp/bad-j1" ] &&
	grep -q 'family-00003/2024-01-01-bad.md' "$tmp/bad-j1.err" &&
	grep -q 'family-00009/case.yaml' "$tmp/bad-j1.err" && ok ||
	ko "errors in two cases are both reported, and nothing is written"
[ "$(grep -c "letter.html" "$tmp/badt-j2.err")" = 1 ] && ok ||
	ko "a template error is reported once, however many workers"
grep -q "family-00009/case.yaml" "$tmp/badt-j2.err" && ok ||
	ko "after a template error, later cases are still checked"
# It names needs, so it is read before the build, quietly: said once.
[ "$(grep -c "family-00009/case.yaml" "$tmp/bad-j1.err")" = 1 ] && ok ||
	ko "a broken case.yaml that names needs is reported once"

# Bad -j.
for bad in 0 -1 x 257 ''; do
	"$kindly" build -j "$bad" content -o "$tmp/x" >/dev/null 2>"$tmp/err"
	[ $? = 2 ] && grep -q 'kindly: -j wants a number' "$tmp/err" && ok ||
		ko "-j '$bad' is a command-line error"
done

# --only html: pages and lists, no books and no links to them.
build content html --only html
[ "$(cat "$tmp/html.rc")" = 0 ] && ok || ko "--only html builds"
[ -z "$(find "$tmp/html" -name '*.epub')" ] && ok || ko "--only html writes no books"
[ "$(find "$tmp/html" -name index.html | wc -l)" = \
    "$(find "$tmp/content-j1" -name index.html | wc -l)" ] && ok ||
	ko "--only html writes every page and list"
! grep -rq 'epub' --include=index.html "$tmp/html" && ok ||
	ko "--only html: no page offers a book"
# --only epub: the books, the same bytes as a full build's, no pages.
build content epub --only epub
[ "$(cat "$tmp/epub.rc")" = 0 ] && ok || ko "--only epub builds"
[ -z "$(find "$tmp/epub" -name '*.html' -o -name '*.css')" ] && ok ||
	ko "--only epub writes no pages or assets"
(cd "$tmp/content-j1" && find . -name '*.epub' | sort) >"$tmp/books-all"
(cd "$tmp/epub" && find . -name '*.epub' | sort) >"$tmp/books-epub"
cmp -s "$tmp/books-all" "$tmp/books-epub" && [ -s "$tmp/books-all" ] && ok ||
	ko "--only epub writes every book"
n=0
while read -r b; do
	cmp -s "$tmp/content-j1/$b" "$tmp/epub/$b" || n=$((n + 1))
done <"$tmp/books-all"
[ $n = 0 ] && ok || ko "--only epub: $n books differ from a full build's"
"$kindly" build --only pdf content -o "$tmp/x" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "not 'pdf'" "$tmp/err" && ok || ko "--only pdf is refused"

# Building only what changed.  After each change, a build from the last
# one writes only the pages that depend on the change (-v lists them),
# and ends with what a full build makes, byte for byte.
cp -r content "$tmp/isite"
mkdir -p "$tmp/isite/themes/mine/templates" "$tmp/isite/themes/mine/strings"
printf 'extends: default\n' >"$tmp/isite/themes/mine/theme.yaml"
cp themes/default/templates/pathway-plan.html "$tmp/isite/themes/mine/templates/"
printf 'pw-achievements-heading: What you can be proud of\n' \
    >"$tmp/isite/themes/mine/strings/en-GB.yaml"
sed -i 's/^theme: default$/theme: mine/' "$tmp/isite/site.yaml"
build "$tmp/isite" inc -j 2
[ "$(cat "$tmp/inc.rc")" = 0 ] && [ -f "$tmp/inc.kindly-state" ] && ok ||
	ko "a build leaves its state beside the output"
[ "$(stat -c %a "$tmp/inc.kindly-state")" = 600 ] && ok ||
	ko "the state is private to its owner (it ties cases to folders)"
[ -z "$(find "$tmp/inc" -name "*kindly-state*")" ] && ok ||
	ko "nothing of the state is in the output"
# step NAME CASES...: build again from the last build; -v must list only
# files of the readers of CASES (from the links file), and the output,
# messages and logs must be a full build's.
step() {
	sname=$1
	shift
	build "$tmp/isite" inc -j 2 -v
	grep -v "/.kindly-output$" "$tmp/inc.out" >"$tmp/$sname.listed"
	: >"$tmp/inc.out"
	build "$tmp/isite" "full-$sname" -j 1 --full
	rm -f "$tmp/inc.kindly-state.bak"
	same inc "full-$sname" "$sname: a build of what changed makes a full build's output"
	want=""
	for c in "$@"; do
		want="$want$(awk -F '\t' -v c="$c" '$1 == c { print $4 }' "$tmp/inc.links")
"
	done
	bad=0
	while read -r f; do
		f=${f#"$tmp/inc/"}
		case $f in assets/*) continue ;; esac
		printf '%s' "$want" | grep -qx "${f%%/*}/" || bad=$((bad + 1))
	done <"$tmp/$sname.listed"
	if [ "$bad" = 0 ] && { [ $# = 0 ] || [ -s "$tmp/$sname.listed" ]; }; then
		ok
	else
		ko "$sname: only the pages of $* are written again ($bad others)"
	fi
}
step nothing
sed -i 's/^Thank you for talking to me/Thank you so much for talking to me/' \
    "$tmp/isite/cases/hughes/2025-03-14-letter-to-kay.md"
step document hughes
# A picture in a folder of the case, then new bytes for it.
mkdir "$tmp/isite/cases/hughes/drawings"
cp content/cases/hughes/kay-football.png "$tmp/isite/cases/hughes/drawings/nan.png"
printf '\n![Your drawing of Nan at football](drawings/nan.png)\n' \
    >>"$tmp/isite/cases/hughes/2025-03-14-letter-to-kay.md"
step picture-in-folder hughes
cp tests/golden/letters/site/cases/okafor/office.png "$tmp/isite/cases/hughes/drawings/nan.png"
step picture-changed-in-folder hughes
cp content/cases/reid/case.yaml "$tmp/ry" &&
	sed 's/^    known-as: Callum$/    known-as: Cal/' "$tmp/ry" >"$tmp/isite/cases/reid/case.yaml"
step case-yaml reid
printf '\n<!-- a change -->\n' >>"$tmp/isite/themes/mine/templates/pathway-plan.html"
step template reid
printf 'pw-achievements-heading: What you can feel proud of\n' \
    >"$tmp/isite/themes/mine/strings/en-GB.yaml"
step string reid
printf 'signoff-note: unused\n' >>"$tmp/isite/themes/mine/strings/en-GB.yaml"
step unused-string
cp "$tmp/isite/cases/walker/2025-06-06-pre-proceedings-dean.md" \
    "$tmp/isite/cases/walker/2025-06-07-pre-proceedings-dean.md"
sed -i 's/^date: 2025-06-06$/date: 2025-06-07/' \
    "$tmp/isite/cases/walker/2025-06-07-pre-proceedings-dean.md"
step new-document walker
rm "$tmp/isite/cases/walker/2025-06-07-pre-proceedings-dean.md"
step removed-document walker
rm -r "$tmp/isite/cases/thornton"
step removed-case
# A list string that kindly.date() reads: every page with a date.
printf 'months: [Ionawr, Chwefror, Mawrth, Ebrill, Mai, Mehefin, Gorffennaf, Awst, Medi, Hydref, Tachwedd, Rhagfyr]\n' \
    >>"$tmp/isite/themes/mine/strings/en-GB.yaml"
step list-string adebayo hughes reid walker
# A string only the e-books say (their accessibility summary, in book.c).
printf 'book-a11y: "This book has a contents page."\n' \
    >>"$tmp/isite/themes/mine/strings/en-GB.yaml"
step book-string adebayo hughes reid walker
sed -i 's/^service: Children.s Services$/service: Children and Families/' \
    "$tmp/isite/site.yaml"
step site-yaml adebayo hughes reid walker
# An error: nothing changes, and the state stays the last good build's.
cp -r "$tmp/inc" "$tmp/inc-before"
cp "$tmp/inc.kindly-state" "$tmp/state-before"
printf -- '---\nkind: letter\n---\n\nHello.\n' >"$tmp/isite/cases/reid/2025-07-01-x.md"
build "$tmp/isite" inc -j 2
[ "$(cat "$tmp/inc.rc")" = 1 ] && diff -r "$tmp/inc" "$tmp/inc-before" >/dev/null &&
	cmp -s "$tmp/inc.kindly-state" "$tmp/state-before" && ok ||
	ko "a build from the last one with an error changes nothing"
rm "$tmp/isite/cases/reid/2025-07-01-x.md"
step fixed reid
# A state that is not kindly's, or from other options: a full build.
printf 'not a state\n' >"$tmp/inc.kindly-state"
build "$tmp/isite" inc -j 2 -v
[ "$(grep -c index.html "$tmp/inc.out")" -gt 10 ] && ok ||
	ko "a broken state means a full build"
# An output folder emptied by hand: a full build, not one that keeps nothing.
rm -rf "$tmp/inc" && mkdir "$tmp/inc"
build "$tmp/isite" inc -j 2
build "$tmp/isite" full-empty -j 1 --full
same inc full-empty "an emptied output folder: the output of a full build"
build "$tmp/isite" inc -j 2 --only html
build "$tmp/isite" full-only -j 1 --full --only html
same inc full-only "other options: the output of a full build"

echo "$pass passed, $fail failed"

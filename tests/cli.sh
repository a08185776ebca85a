#!/bin/sh
# Usage: cli.sh KINDLY
# The command line, exit statuses, silence, determinism, atomic output,
# the shape of every page, and the module boundary rule.  Ends with
# "N passed, N failed".
set -u
kindly=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# expect STATUS NAME COMMAND...: the command exits with STATUS
expect() {
	want=$1 name=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	if [ "$got" = "$want" ]; then ok; else ko "$name: exit $got, want $want"; fi
}

# Exit statuses and usage.
expect 0 "--help" "$kindly" --help
grep -q '^usage: kindly build' "$tmp/stdout" && ok || ko "--help prints usage"
[ ! -s "$tmp/stderr" ] && ok || ko "--help is quiet on stderr"
expect 0 "build --help" "$kindly" build --help
expect 0 "--version" "$kindly" --version
grep -qx 'kindly [0-9.]*' "$tmp/stdout" && ok || ko "--version prints it"
expect 2 "no command" "$kindly"
grep -q '^usage:' "$tmp/stderr" && ok || ko "usage goes to stderr"
expect 2 "unknown command" "$kindly" frobnicate
expect 2 "unknown option" "$kindly" build --frob
expect 2 "two sites" "$kindly" check a b
expect 2 "-o without a folder" "$kindly" build -o
expect 1 "no such site" "$kindly" check "$tmp/nowhere"

# The demo site: checks clean, builds silently.
expect 0 "check demo" "$kindly" check content
[ ! -s "$tmp/stderr" ] && [ ! -s "$tmp/stdout" ] && ok ||
	ko "check of the demo site says nothing"
expect 0 "build demo" "$kindly" build content -o "$tmp/a" --links "$tmp/links"
[ "$(stat -c %a "$tmp/links")" = 600 ] && ok || ko "the links file is private to its owner"
# dir CASE READER: the reader's folder, from the links file.
dir() { awk -F '\t' -v c="$1" -v r="$2" '$1 == c && $2 == r { print $4 }' "$tmp/links"; }
kay=$(dir hughes kay) mum=$(dir hughes mum)
[ -n "$kay" ] && [ -n "$mum" ] && [ "$kay" != "$mum" ] && ok ||
	ko "the links file names each reader's folder"
[ ! -s "$tmp/stderr" ] && [ ! -s "$tmp/stdout" ] && ok ||
	ko "build of the demo site says nothing"

# Defaults: content -> public, from the current folder; check writes nothing.
mkdir "$tmp/w" && cp -r content "$tmp/w/content"
(cd "$tmp/w" && "$kindly" check) && [ ! -e "$tmp/w/public" ] && ok ||
	ko "check writes nothing"
(cd "$tmp/w" && "$kindly" build) && [ -f "$tmp/w/public/assets/kindly.css" ] &&
	ok || ko "build defaults to content -> public"

# -v lists what was written.
expect 0 "build -v" "$kindly" build -v content -o "$tmp/v"
grep -q "^$tmp/v/${kay}index.html\$" "$tmp/stdout" && ok ||
	ko "-v lists the files written"
expect 0 "build -v, site theme" "$kindly" build -v tests/golden/site-theme/site -o "$tmp/v2"
[ "$(grep -c 'assets/kindly.css$' "$tmp/stdout")" = 1 ] && ok ||
	ko "a stylesheet a site theme replaces is written once"

# Determinism: the same bytes from another run, time zone and folder.
(cd "$tmp" && TZ=Asia/Tokyo "$kindly" build "$OLDPWD/content" -o b) ||
	ko "second build"
diff -r "$tmp/a" "$tmp/b" >/dev/null && ok || ko "two builds differ"

# Atomic output: a failing build leaves the previous output as it was.
cp -r "$tmp/a" "$tmp/before"
cp -r content "$tmp/broken"
sed -i 's/^date: .*/date: 2025-02-30/' "$tmp/broken/cases/hughes/2025-03-14-letter-to-kay.md"
expect 1 "broken build" "$kindly" build "$tmp/broken" -o "$tmp/a"
diff -r "$tmp/before" "$tmp/a" >/dev/null && ok ||
	ko "a failed build changed the output"
[ -z "$(find "$tmp" -maxdepth 1 -name '.a.new-*')" ] && ok ||
	ko "a failed build left its temporary folder"
# ...and a good build replaces it, with nothing left over.
echo stale >"$tmp/a/stale.html"
expect 0 "rebuild" "$kindly" build content -o "$tmp/a"
[ ! -e "$tmp/a/stale.html" ] && diff -r "$tmp/before" "$tmp/a" >/dev/null &&
	ok || ko "a good build replaces the output whole"
[ -z "$(find "$tmp" -maxdepth 1 -name '.a.*')" ] && ok ||
	ko "a good build left a temporary folder"

# Books: every document page has its own book beside it and links to
# it; every reader's list links to their My records; each book keeps
# the OCF rules.  The bytes were compared above, across time zones.
test_epub=$(dirname "$kindly")/test_epub
pages=0 books=0 nolink=0
for page in "$tmp"/a/*/*/index.html; do
	d=$(dirname "$page") b=$(basename "$(dirname "$page")").epub
	pages=$((pages + 1))
	[ -f "$d/$b" ] && books=$((books + 1))
	grep -q "<a href=\"$b\" type=\"application/epub+zip\" download=\"\">" "$page" ||
		nolink=$((nolink + 1))
done
[ "$pages" -gt 10 ] && [ "$books" = "$pages" ] && [ "$nolink" = 0 ] && ok ||
	ko "a book beside each of $pages document pages ($books books, $nolink pages without a link)"
lists=0 records=0
for page in "$tmp"/a/*/index.html; do
	d=$(dirname "$page")
	[ "$d" = "$tmp/a/assets" ] && continue
	lists=$((lists + 1))
	[ -f "$d/my-records.epub" ] && grep -q 'href="my-records.epub"' "$page" &&
		records=$((records + 1))
done
[ "$lists" -gt 5 ] && [ "$records" = "$lists" ] && ok ||
	ko "My records for each of $lists readers ($records)"
# shellcheck disable=SC2046 # one argument per book
"$test_epub" --ocf $(find "$tmp/a" -name '*.epub') >"$tmp/stdout" &&
	! grep -qv '^ok$' "$tmp/stdout" && ok || ko "the demo's books keep the OCF rules: $(grep -v '^ok$' "$tmp/stdout")"
# dcterms:modified is the document's date, or SOURCE_DATE_EPOCH's time.
opf() { rm -rf "$tmp/unz" && "$test_epub" --unpack "$1" "$tmp/unz" && cat "$tmp/unz/EPUB/package.opf"; }
plan=${kay}2025-06-20-cp-plan-kay/2025-06-20-cp-plan-kay.epub
opf "$tmp/a/$plan" | grep -q '<meta property="dcterms:modified">2025-06-20T00:00:00Z</meta>' &&
	ok || ko "a book's dcterms:modified is its document's date"
opf "$tmp/a/${kay}my-records.epub" | grep -q '<meta property="dcterms:modified">2025-06-20T00:00:00Z</meta>' &&
	ok || ko "My records' dcterms:modified is its newest document's date"
SOURCE_DATE_EPOCH=1767225600 "$kindly" build content -o "$tmp/sde" &&
	opf "$tmp/sde/$plan" | grep -q '<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>' &&
	ok || ko "SOURCE_DATE_EPOCH sets dcterms:modified"
cmp -s "$tmp/a/$plan" "$tmp/sde/$plan" && ko "SOURCE_DATE_EPOCH changed nothing in the book" || ok
expect 2 "SOURCE_DATE_EPOCH not a number" env SOURCE_DATE_EPOCH=soon "$kindly" build content -o "$tmp/sde2"
grep -q 'SOURCE_DATE_EPOCH should be a number of seconds' "$tmp/stderr" && [ ! -e "$tmp/sde2" ] &&
	ok || ko "a bad SOURCE_DATE_EPOCH is refused"
# The same identifier every build, a different one for another reader.
id() { opf "$1" | sed -n 's/.*<dc:identifier id="uid">\(.*\)<\/dc:identifier>.*/\1/p'; }
[ "$(id "$tmp/a/$plan")" = "$(id "$tmp/sde/$plan")" ] &&
	[ "$(id "$tmp/a/$plan")" != "$(id "$tmp/a/${mum}2025-06-20-cp-plan-kay/2025-06-20-cp-plan-kay.epub")" ] &&
	id "$tmp/a/$plan" | grep -qx 'urn:uuid:[0-9a-f]\{8\}-[0-9a-f]\{4\}-8[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}' &&
	ok || ko "a book's identifier is stable and per reader"

# Each reader gets only their own documents.
[ -d "$tmp/a/${kay}2025-03-14-letter-to-kay" ] &&
	[ ! -e "$tmp/a/${kay}2025-03-14-letter-to-parents" ] &&
	[ ! -e "$tmp/a/${mum}2025-03-14-letter-to-kay" ] && ok ||
	ko "a reader's folder holds only their documents"
! grep -q "	alfie	" "$tmp/links" &&
	[ "$(grep -vc '^#' "$tmp/links")" = "$(find "$tmp/a" -mindepth 1 -maxdepth 1 -type d ! -name assets | wc -l)" ] &&
	ok || ko "a folder for each reader, and none for a non-reader"
[ ! -e "$tmp/a/index.html" ] && ok || ko "no page lists every reader"

# Every page has the frame: lang, skip link, landmarks, one h1, help.
for f in $(find "$tmp/a" -name '*.html' | sort); do
	grep -q '<html lang="en-GB">' "$f" &&
		grep -q '<a class="skip-link" href="#main">' "$f" &&
		grep -q '<header' "$f" && grep -q '<main id="main"' "$f" &&
		grep -q '<footer' "$f" &&
		[ "$(grep -c '<h1' "$f")" = 1 ] &&
		grep -q 'Who can help me?' "$f" &&
		css=$(sed -n 's/.*<link rel="stylesheet" href="\([^"]*kindly\.css\)".*/\1/p' "$f") &&
		[ -n "$css" ] && [ -f "$(dirname "$f")/$css" ] ||
		{ ko "page frame: $f"; continue; }
	ok
done

# A reader's needs choose their theme, on the web and in their books.
dad=$(dir hughes dad)
grep -q 'href="../assets/dyslexia-friendly/dyslexia-friendly.css"' "$tmp/a/${dad}index.html" &&
	[ -f "$tmp/a/assets/dyslexia-friendly/dyslexia-friendly.css" ] &&
	[ -f "$tmp/a/assets/dyslexia-friendly/kindly.css" ] &&
	! grep -q 'dyslexia' "$tmp/a/${kay}index.html" &&
	ok || ko "Lee's needs give his pages the dyslexia-friendly theme, and Kay's not"
opf "$tmp/a/${dad}my-records.epub" | grep -q 'href="assets/dyslexia-friendly.css"' &&
	[ -f "$tmp/unz/EPUB/assets/dyslexia-friendly.css" ] &&
	! opf "$tmp/a/${kay}my-records.epub" | grep -q 'dyslexia' &&
	ok || ko "Lee's books carry the dyslexia-friendly stylesheet, Kay's not"
rm -rf "$tmp/th"
"$kindly" build --preview --theme high-contrast -o "$tmp/th" content 2>/dev/null &&
	grep -q 'href="../../assets/high-contrast.css"' "$tmp/th/preview-hughes-kay/2025-03-14-letter-to-kay/index.html" &&
	grep -q 'href="../../assets/dyslexia-friendly/dyslexia-friendly.css"' "$tmp/th/preview-hughes-dad/2025-03-14-letter-to-parents/index.html" &&
	grep -q 'href="../../assets/dyslexia-friendly/high-contrast.css"' "$tmp/th/preview-hughes-dad/2025-03-14-letter-to-parents/index.html" &&
	ok || ko "--theme sets the site's theme, and needs go on top of it"
expect 2 "--theme with no name" "$kindly" build --preview --theme
expect 1 "--theme naming no theme" "$kindly" check --theme large-prnt content
"$kindly" check --theme large-prnt content 2>&1 | grep -q "^--theme: error: there is no theme 'large-prnt' (did you mean 'large-print'?)" &&
	ok || ko "--theme's error names the theme meant"
# Needs stack in the order written; one named twice, or one the site's
# theme already is, changes nothing.
rm -rf "$tmp/nd" "$tmp/ndo" && cp -r content "$tmp/nd"
sed -i 's/^    needs: \[large-print\] .*/    needs: [large-print, high-contrast, large-print]/' "$tmp/nd/cases/adebayo/case.yaml"
"$kindly" build --preview --theme high-contrast -o "$tmp/ndo" "$tmp/nd" 2>/dev/null &&
	[ "$(grep -o 'href="[^"]*\.css"' "$tmp/ndo/preview-adebayo-mum/index.html" | tr '\n' ' ')" = \
	    'href="../assets/large-print/kindly.css" href="../assets/large-print/high-contrast.css" href="../assets/large-print/large-print.css" href="../assets/large-print/print.css" ' ] &&
	grep -q 'href="../assets/high-contrast.css"' "$tmp/ndo/preview-reid-callum/index.html" &&
	! ls "$tmp/ndo/assets" | grep -q '+' &&
	ok || ko "needs stack in order, and a need named twice or the site's own changes nothing"
sed -i 's/^    needs: \[large-print, high-contrast, large-print\]/    needs: [large-print, dyslexia-friendly]/' "$tmp/nd/cases/adebayo/case.yaml"
rm -rf "$tmp/ndo"
"$kindly" build --preview -o "$tmp/ndo" "$tmp/nd" 2>/dev/null &&
	[ "$(grep -o 'href="[^"]*\.css"' "$tmp/ndo/preview-adebayo-mum/index.html" | tr '\n' ' ')" = \
	    'href="../assets/large-print+dyslexia-friendly/kindly.css" href="../assets/large-print+dyslexia-friendly/large-print.css" href="../assets/large-print+dyslexia-friendly/dyslexia-friendly.css" href="../assets/large-print+dyslexia-friendly/print.css" ' ] &&
	ok || ko "two needs: both themes, the second on top of the first"
# No external requests of any kind: nothing loads from another host.
if grep -rEl '(src|href)="(https?:)?//' "$tmp/a" --include='*.html' |
	xargs -r grep -lE '<(link|script|img|iframe)[^>]*(src|href)="(https?:)?//' |
	grep -q .; then
	ko "a page loads something from elsewhere"
else
	ok
fi
grep -qE '@import|url\(' "$tmp/a/assets/"*.css && ko "CSS loads something" || ok

# Limits on untrusted input: each fails cleanly or finishes, quickly.
mk_site() { # mk_site DIR: a copy of the demo site to spoil
	rm -rf "$1" && cp -r content "$1"
}
letter="$tmp/p/cases/hughes/2025-03-14-letter-to-kay.md"
mk_site "$tmp/p"
head -c 17000000 /dev/zero | tr '\0' 'a' >>"$letter"
expect 1 "a file over 16 MiB" timeout 20 "$kindly" check "$tmp/p"
grep -q 'letter-to-kay.md: error: file is larger than 16 MiB' "$tmp/stderr" &&
	ok || ko "the size cap is reported"
mk_site "$tmp/p"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; print "" }' \
	>"$tmp/p/staff.yaml"
expect 1 "YAML 10,000 deep" timeout 20 "$kindly" check "$tmp/p"
grep -q 'nesting deeper than 64 levels' "$tmp/stderr" && ok ||
	ko "deep YAML is refused"
mk_site "$tmp/p"
{ printf -- '---\nkind: letter\ndate: 2025-03-14\nreaders: [kay]\n'
  printf 'author: sw-priya\nextra:\n'
  awk 'BEGIN { for (i = 0; i < 100000; i++) print "  - item" }'
  printf -- '---\n'
  awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "w"; print "" }'
  awk 'BEGIN { for (i = 0; i < 5000; i++) printf "> "; print "deep" }'
  awk 'BEGIN { for (i = 0; i < 2000; i++) { for (j = 0; j < i; j++) printf "  "; print "- x" } }' | head -c 3000000
  awk 'BEGIN { for (i = 0; i < 50000; i++) printf "["; print "" }'
} >"$letter"
expect 0 "a huge list, a 1 MiB line, deep Markdown" timeout 60 "$kindly" build "$tmp/p" -o "$tmp/pout"
[ "$(wc -c <"$tmp/pout/${kay}2025-03-14-letter-to-kay/index.html")" -gt 1048576 ] &&
	grep -q "unknown field .extra." "$tmp/stderr" && ok || ko "the pathological document was rendered"

# Each library header is included by exactly one module.
for h in yaml.h cmark.h lua.h lauxlib.h lualib.h zip.h sodium.h; do
	n=$(grep -l "#include <$h>" generator/*.c generator/*.h 2>/dev/null | wc -l)
	[ "$n" = 1 ] && ok || ko "<$h> is included by $n modules"
done
[ "$(grep -l '#include <zip.h>' generator/*.c)" = generator/epub.c ] &&
	ok || ko "<zip.h> outside epub.c"
[ "$(grep -lE '#include <(lua|lauxlib|lualib)\.h>' generator/*.c | sort -u)" = "generator/tmpl.c" ] &&
	ok || ko "Lua headers outside tmpl.c"

# Reader links: a secret makes each reader's folder name; without one a
# build refuses, unless --preview; the secret and the links file are
# kept out of the site and the output.
expect 2 "build without a secret" env -u KINDLY_SECRET "$kindly" build content -o "$tmp/ns"
grep -q "no secret for the readers' links" "$tmp/stderr" && [ ! -e "$tmp/ns" ] && ok ||
	ko "a build without a secret refuses and writes nothing"
expect 0 "check needs no secret" env -u KINDLY_SECRET "$kindly" check content
expect 2 "a short secret" env KINDLY_SECRET=short "$kindly" build content -o "$tmp/ns"
grep -q "it needs at least 32" "$tmp/stderr" && ok || ko "a short secret is refused"
printf '%s\n' "$KINDLY_SECRET" >"$tmp/secret"
expect 0 "--secret-file" env -u KINDLY_SECRET "$kindly" build --secret-file "$tmp/secret" content -o "$tmp/sf"
diff -r "$tmp/a" "$tmp/sf" >/dev/null && ok || ko "the secret file and KINDLY_SECRET give the same links"
cp -r content "$tmp/sitesec" && cp "$tmp/secret" "$tmp/sitesec/secret"
expect 2 "a secret inside the site" "$kindly" build --secret-file "$tmp/sitesec/secret" "$tmp/sitesec" -o "$tmp/ns"
grep -q "inside the site or the output" "$tmp/stderr" && ok || ko "a secret inside the site is refused"
expect 2 "links inside the output" "$kindly" build content -o "$tmp/lo" --links "$tmp/lo/links.txt"
grep -q "inside the output" "$tmp/stderr" && [ ! -e "$tmp/lo" ] && ok || ko "links inside the output are refused"
expect 0 "another secret" env KINDLY_SECRET=another-secret-another-secret-0123456789 "$kindly" build content -o "$tmp/other"
[ ! -e "$tmp/other/$kay" ] && ok || ko "another secret gives other folders"
all=$(find "$tmp/a" -mindepth 1 -maxdepth 1 -type d ! -name assets | wc -l)
tokens=$(find "$tmp/a" -mindepth 1 -maxdepth 1 -type d | grep -c '/[0-9a-f]\{32\}$')
[ "$all" -gt 0 ] && [ "$tokens" = "$all" ] && ok || ko "every reader's folder is a token"
! ls "$tmp/a" | grep -qi -e kay -e hughes -e dawn -e mum && ok ||
	ko "a reader's folder name reveals a name"
expect 0 "--preview" env -u KINDLY_SECRET "$kindly" build --preview content -o "$tmp/pv"
[ -f "$tmp/pv/preview-hughes-kay/index.html" ] && ok || ko "a preview has readable folder names"
n=$(find "$tmp/pv" -name index.html | wc -l)
[ "$n" -gt 0 ] && [ "$(grep -l 'class="preview-banner"' $(find "$tmp/pv" -name index.html) | wc -l)" = "$n" ] &&
	ok || ko "every page of a preview says Preview"
grep -rq 'preview-banner' "$tmp/a" --include=index.html && ko "a real build says Preview" || ok

# Slips of -o, and of the practitioner's own files: each refused for its
# own reason before anything is written, with exit status 2.  Paths are
# compared as they really are, links resolved.
mkdir "$tmp/up" && cp -r content "$tmp/up/os" && ln -s up/os "$tmp/os-link"
cp -r "$tmp/up" "$tmp/up-before"
: >"$tmp/afile"
# slip NAME MESSAGE ARGS...: 'kindly build ARGS' exits 2 saying MESSAGE.
slip() {
	name=$1 msg=$2
	shift 2
	expect 2 "$name" "$kindly" build "$@"
	grep -q -e "$msg" "$tmp/stderr" && ok || { ko "$name: does not say '$msg'"; cat "$tmp/stderr" >&2; }
}
o=$tmp/up/os
slip "-o inside the site" "-o $o/cases/public is inside the site" "$o" -o "$o/cases/public"
slip "-o inside the site, through a link" "is inside the site" "$tmp/os-link" -o "$o/themes/out"
slip "-o the site" "is the site itself" "$o" -o "$o"
slip "-o the site, written another way" "is the site itself" "$tmp/os-link" -o "$o/cases/.."
slip "-o holding the site" "holds the site" "$o" -o "$tmp/up"
slip "-o /" "-o / is the top folder of the whole disk" "$o" -o /
slip "-o a file" "is a file, not a folder" "$o" -o "$tmp/afile"
slip "--record inside the site" "is inside the site" --record "$o" -o "$o/record"
slip "--links inside the site" "links file .* is inside the site" "$o" -o "$tmp/slip" --links "$o/themes/links.txt"
slip "--links over the secret" "is the secret file" --secret-file "$tmp/secret" "$o" -o "$tmp/slip" --links "$tmp/secret"
slip "--redaction-log a folder" "redaction log .* is a folder" "$o" -o "$tmp/slip" --redaction-log "$tmp/up"
slip "--links and --redaction-log one file" "are both" "$o" -o "$tmp/slip" --links "$tmp/l.txt" --redaction-log "$tmp/./l.txt"
diff -r "$tmp/up-before" "$tmp/up" >/dev/null && [ ! -s "$tmp/afile" ] && [ ! -e "$tmp/slip" ] &&
	[ ! -e "$tmp/l.txt" ] && cmp -s "$tmp/secret" - <<EOF_SECRET && ok || ko "a refused slip of -o wrote something"
$KINDLY_SECRET
EOF_SECRET

# Redaction: the log lists what was left out, for whom and why, beside
# the output by default or where --redaction-log says, never inside it.
c=tests/canary/site
expect 0 "build with redactions" "$kindly" build --preview "$c" -o "$tmp/rd"
[ -f "$tmp/rd.redactions.txt" ] && ok || ko "the redaction log is written beside the output"
for r in kai mum dad; do
	grep -q "^cases/marsh/2025-06-20-cp-plan.md	$r	[0-9]*	body	third-party information	A neighbour rang" \
	    "$tmp/rd.redactions.txt" && ok || ko "the log names the redacted part for $r"
done
grep -q "	dad	[0-9]*	why	third-party information	Told to Dad by mistake" "$tmp/rd.redactions.txt" &&
	! grep -q "	kai	[0-9]*	why	" "$tmp/rd.redactions.txt" && ok ||
	ko "a redacted version is logged only for its reader"
grep -q "	actions\[\]	third-party information	Speak to the neighbour" "$tmp/rd.redactions.txt" && ok ||
	ko "a redacted item is logged by what it says"
! grep -rq "CANARY-BODY-REDACTED" "$tmp/rd" && ok || ko "redacted text reached the output"
expect 0 "--redaction-log" "$kindly" build --preview "$c" -o "$tmp/rd2" --redaction-log "$tmp/log.txt"
cmp -s "$tmp/log.txt" "$tmp/rd.redactions.txt" && [ ! -e "$tmp/rd2.redactions.txt" ] && ok ||
	ko "--redaction-log writes the log where it is told"
expect 2 "redaction log inside the output" "$kindly" build --preview "$c" -o "$tmp/rd3" --redaction-log "$tmp/rd3/log.txt"
grep -q "redaction log .* is inside the output" "$tmp/stderr" && [ ! -e "$tmp/rd3" ] && ok ||
	ko "a redaction log inside the output is refused"
[ "$(stat -c %a "$tmp/rd.redactions.txt")" = 600 ] && ok || ko "the redaction log is private to its owner"
[ "$(grep -c '^#' "$tmp/rd.redactions.txt")" = 3 ] &&
	awk -F '\t' '!/^#/ && NF != 6 { bad = 1 } END { exit bad }' "$tmp/rd.redactions.txt" &&
	ok || ko "the log has a header, then six columns a line"

# The professional record: every document once, every version labelled,
# every page marked, never inside the family's pages.
expect 0 "--record" "$kindly" build --record "$c" -o "$tmp/rec"
p="$tmp/rec/marsh/2025-06-20-cp-plan/index.html"
for s in CANARY-RECORD-ONLY-0d41 CANARY-BODY-RECORD-ONLY-93c1 CANARY-BODY-REDACTED-5a5a \
    CANARY-REDACTED-TEXT-2b77 CANARY-DAD-ONLY-3e8f CANARY-CHILD-ONLY-1c9e; do
	grep -q "$s" "$p" && ok || ko "the record shows $s"
done
grep -q "Redacted from every family reader: third-party information" "$p" &&
	grep -q "For Craig Marsh (dad), Gemma Marsh (mum) only" "$p" &&
	grep -q "the record only" "$p" && ok || ko "the record labels who sees what"
n=$(find "$tmp/rec" -name index.html | wc -l)
[ "$n" = 2 ] && [ "$(grep -l 'Professional record — not for the family' $(find "$tmp/rec" -name index.html) | wc -l)" = "$n" ] &&
	ok || ko "every page of the record says it is not for the family"
! grep -q "CANARY-UNKNOWN-FIELD" "$p" && ok || ko "the record shows a field the kind does not define"
grep -q "It holds the professional record" "$tmp/rec/.kindly-output" && ok || ko "the record is marked as one"
expect 2 "--record without -o" "$kindly" build --record "$c"
expect 2 "--record with --links" "$kindly" build --record "$c" -o "$tmp/rec" --links "$tmp/l.txt"
expect 2 "--record with --preview" "$kindly" build --record --preview "$c" -o "$tmp/rec"
expect 2 "--record with --redaction-log" "$kindly" build --record "$c" -o "$tmp/rec" --redaction-log "$tmp/l.txt"
[ ! -e "$tmp/rec.redactions.txt" ] && [ ! -e "$tmp/l.txt" ] && ok || ko "the record writes no redaction log"
expect 0 "--record with a picture" "$kindly" build --record tests/golden/letters/site -o "$tmp/lrec"
cmp -s "$tmp/lrec/okafor/2025-01-10-hello/office.png" tests/golden/letters/site/cases/okafor/office.png &&
	grep -q 'src="office.png"' "$tmp/lrec/okafor/2025-01-10-hello/index.html" && ok ||
	ko "the record shows a document's picture beside its page"
# A picture in a folder of the case is a file of its own beside the
# page, even in a folder named like the page's book.
cp -r tests/rules/base "$tmp/pf" && mkdir "$tmp/pf/cases/marsh/2025-07-01-letter.epub" &&
	cp tests/golden/letters/site/cases/okafor/office.png "$tmp/pf/cases/marsh/2025-07-01-letter.epub/a.png" &&
	printf '\n![Your drawing](2025-07-01-letter.epub/a.png)\n' >>"$tmp/pf/cases/marsh/2025-07-01-letter.md"
expect 0 "a picture in a folder named like the book" "$kindly" build --preview "$tmp/pf" -o "$tmp/pfo"
pf=$tmp/pfo/preview-marsh-kai/2025-07-01-letter
[ -f "$pf/2025-07-01-letter.epub" ] && n=$(ls "$pf" | grep -c '^2025-07-01-letter\.epub-a-[0-9a-f]\{8\}\.png$') &&
	[ "$n" = 1 ] && grep -q "src=\"2025-07-01-letter.epub-a-" "$pf/index.html" && ok ||
	ko "a picture in a folder is a file beside the page"
expect 3 "record inside the family's pages" "$kindly" build --record "$c" -o "$tmp/rd/record"
grep -q "it is in the family's pages" "$tmp/stderr" && [ ! -e "$tmp/rd/record" ] && ok ||
	ko "the record is refused inside the family's pages"
expect 3 "record over the family's pages" "$kindly" build --record "$c" -o "$tmp/rd"
[ -d "$tmp/rd/preview-marsh-kai" ] && ok || ko "the record replaced the family's pages"
expect 3 "family pages over the record" "$kindly" build --preview "$c" -o "$tmp/rec"
grep -q "it holds the professional record" "$tmp/stderr" && [ -f "$p" ] && ok ||
	ko "the family's pages replaced the record"

# Hidden people: templates never get a hidden surname or address, and a
# page that would still show one (from site words) is refused.
cp -r "$c" "$tmp/guard"
sed -i 's/^service: .*/service: "Children'"'"'s Services, with thanks to Rita Canaryhidden"/' "$tmp/guard/site.yaml"
expect 1 "a hidden surname in the site's words" "$kindly" build --preview "$tmp/guard" -o "$tmp/g"
grep -q "the page for dad would show rita's surname ('Canaryhidden')" "$tmp/stderr" && [ ! -e "$tmp/g" ] && ok ||
	ko "a page that shows a hidden surname is refused"

# kindly kinds: the list, and each kind's fields and rules (golden).
expect 0 "kinds" "$kindly" kinds -s tests/new/site
diff -u tests/new/expected/kinds.txt "$tmp/stdout" >&2 && ok || ko "kinds list"
for k in cp-plan pathway-plan pre-proceedings-letter later-life-letter \
    review-letter letter; do
	expect 0 "kinds $k" "$kindly" kinds -s tests/new/site "$k"
	diff -u "tests/new/expected/kinds-$k.txt" "$tmp/stdout" >&2 && ok ||
		ko "kinds $k"
done
expect 1 "kinds, unknown kind" "$kindly" kinds cp-pln
grep -q "did you mean 'cp-plan'" "$tmp/stderr" && ok || ko "kinds suggests a kind"
cp -r tests/rules/base "$tmp/kl" && mkdir "$tmp/kl/kinds" &&
	ln -s ../cases/bell/case.yaml "$tmp/kl/kinds/council-letter.yaml"
expect 1 "kinds -s, a kind that is a link" "$kindly" kinds -s "$tmp/kl"
grep -q "^kinds/council-letter.yaml: error: this is a link to another file" "$tmp/stderr" && ok ||
	ko "kinds -s does not follow a link in the site"

# kindly new: a scaffold with every field (golden), that kindly check
# refuses until it is filled in, and passes once tests/new/fill.sed has
# filled it in; it never replaces a file.
cp -r tests/new/site "$tmp/new"
for k in cp-plan pathway-plan pre-proceedings-letter later-life-letter \
    review-letter letter; do
	f="$tmp/new/cases/moss/2025-05-01-$k.md"
	expect 0 "new $k" "$kindly" new -d 2025-05-01 "$k" "$tmp/new/cases/moss"
	[ "$(cat "$tmp/stdout")" = "$f" ] && ok || ko "new $k names the file"
	diff -u "tests/new/expected/$k.md" "$f" >&2 && ok || ko "new $k scaffold"
	expect 1 "new $k, unfilled" "$kindly" check "$tmp/new"
	grep -q "still says TODO" "$tmp/stderr" && ok || ko "new $k: TODO errors"
	cp "$f" "$tmp/before.md"
	expect 1 "new $k again" "$kindly" new -d 2025-05-01 "$k" "$tmp/new/cases/moss"
	grep -q "never replaces a file" "$tmp/stderr" && cmp -s "$f" "$tmp/before.md" &&
		ok || ko "new $k replaced a file"
	sed -i -f tests/new/fill.sed "$f"
	expect 0 "new $k, filled in" "$kindly" check "$tmp/new"
	[ ! -s "$tmp/stderr" ] && ok || { ko "new $k, filled in, is not clean"; cat "$tmp/stderr" >&2; }
done
(cd "$tmp/new" && SOURCE_DATE_EPOCH=1767225600 "$kindly" new letter cases/moss) >"$tmp/stdout" &&
	[ "$(cat "$tmp/stdout")" = cases/moss/2026-01-01-letter.md ] && ok ||
	ko "new takes the date from SOURCE_DATE_EPOCH"
expect 1 "new in no folder" "$kindly" new letter "$tmp/nowhere"
expect 1 "new, unknown kind" "$kindly" new leter "$tmp/new/cases/moss"
expect 2 "new, bad date" "$kindly" new -d 2025-02-30 letter "$tmp/new/cases/moss"
expect 2 "new, no case" "$kindly" new letter

# kindly check --summary and --format json (goldens in tests/plain): the
# rule base, and a copy with one warning of each kind about a reader,
# one of them allowed.
expect 0 "check --summary" "$kindly" check --summary tests/rules/base
diff -u tests/plain/summary.txt "$tmp/stdout" >&2 && [ ! -s "$tmp/stderr" ] && ok ||
	ko "check --summary table"
cp -r tests/rules/base "$tmp/plain"
sh tests/plain/edit "$tmp/plain"
expect 0 "check --format json" "$kindly" check --format json --summary "$tmp/plain"
diff -u tests/plain/check.json "$tmp/stdout" >&2 && ok || ko "check --format json"
diff -u tests/plain/check.json.stderr "$tmp/stderr" >&2 && ok || ko "check --format json: stderr"
expect 0 "check, text" "$kindly" check "$tmp/plain"
diff -u tests/plain/check.txt "$tmp/stderr" >&2 && [ ! -s "$tmp/stdout" ] && ok ||
	ko "check: the same warnings as text"
expect 2 "check --format xml" "$kindly" check --format xml "$tmp/plain"
grep -q "'text' or 'json'" "$tmp/stderr" && ok || ko "--format names its choices"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

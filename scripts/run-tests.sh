#!/bin/sh
# Usage: run-tests.sh BUILD_DIR [UNIT_TEST...]
# Runs the unit tests, the golden sites, the error cases and the command
# line tests, and ends with one line "N passed, N failed".
set -u
build=$1
shift
kindly=$(cd "$build" && pwd)/kindly
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
TZ=UTC LC_ALL=C
# A fixed secret for the tests' reader links; never use it for real.
KINDLY_SECRET=kindly-test-secret-not-for-real-use-0123456789
export TZ LC_ALL KINDLY_SECRET
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# Unit tests: each binary prints "N passed, N failed" last.
for t in "$@"; do
	"$t" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	n=$(tail -n 1 "$tmp/out" | awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3 }')
	p=${n% *} f=${n#* }
	[ -n "$n" ] || { p=0 f=1; }
	[ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1 # crashed after printing
	pass=$((pass + p)) fail=$((fail + f))
	[ "$f" = 0 ] || { echo "FAIL: $t" >&2; cat "$tmp/out" "$tmp/err" >&2; }
done

# Readability: kindly's grade against GNU style's on 24 texts, within
# 1.0 on each (one result per text).
sh tests/readability/compare.sh "$build" >"$tmp/out" 2>&1
while read -r line; do
	if [ "$line" = ok ]; then ok; else ko "tests/readability: ${line#FAIL }"; fi
done <"$tmp/out"
[ -s "$tmp/out" ] || ko "tests/readability: no results"

# Golden sites: tests/golden/NAME/site builds (with the options in
# NAME/args, if any) to exactly expected/, and its redaction log is
# exactly expected.redactions.txt.  Each e-book keeps the OCF rules and
# is compared unpacked (scripts/unpack-books.sh); every XML file in the
# books is well-formed to xmllint.
for d in tests/golden/*/; do
	[ -d "$d/site" ] || continue
	rm -rf "$tmp/out.d" "$tmp/out.d.redactions.txt"
	# shellcheck disable=SC2046 # the arguments are split on purpose
	if "$kindly" build $(cat "$d/args" 2>/dev/null) -o "$tmp/out.d" "$d/site" 2>"$tmp/err" &&
	    [ ! -s "$tmp/err" ] &&
	    sh scripts/unpack-books.sh "$build/test_epub" "$tmp/out.d" 2>"$tmp/err" &&
	    diff -r "$d/expected" "$tmp/out.d" >"$tmp/diff" 2>&1 &&
	    { [ ! -f "$d/expected.redactions.txt" ] ||
		diff "$d/expected.redactions.txt" "$tmp/out.d.redactions.txt" >"$tmp/diff" 2>&1; }; then
		ok
	else
		ko "$d"
		cat "$tmp/err" "$tmp/diff" >&2
	fi
	find "$tmp/out.d" -path '*.epub/*' \( -name '*.xhtml' -o -name '*.opf' \
	    -o -name '*.xml' \) -exec xmllint --noout {} + >"$tmp/err" 2>&1
	if [ $? = 0 ] && [ ! -s "$tmp/err" ]; then
		ok
	else
		ko "$d: an e-book file is not well-formed XML"
		cat "$tmp/err" >&2
	fi
done

# Error cases: the exact diagnostics and exit status for each input.
for d in tests/errors/*/; do
	[ -f "$d/args" ] || continue
	# shellcheck disable=SC2046 # the arguments are split on purpose
	(cd "$d" && rm -rf out && "$kindly" $(cat args)) >/dev/null 2>"$tmp/err"
	rc=$?
	rm -rf "$d/out"
	if [ "$rc" = "$(cat "$d/expected.status")" ] &&
	    diff -u "$d/expected.stderr" "$tmp/err" >"$tmp/diff"; then
		ok
	else
		ko "$d (exit status $rc)"
		cat "$tmp/diff" >&2
	fi
done

# Rule cases: tests/rules/base is a site that checks clean (the passing
# case of every rule); each tests/rules/cases/NAME/edit is a shell script
# that breaks one rule in a copy of it, and expected.stderr and
# expected.status are what 'kindly check' must then say.
rm -rf "$tmp/base"
cp -r tests/rules/base "$tmp/base"
if (cd "$tmp/base" && "$kindly" check .) >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ]; then
	ok
else
	ko "tests/rules/base does not check clean"
	cat "$tmp/out" >&2
fi
for d in tests/rules/cases/*/; do
	[ -f "$d/edit" ] || continue
	rm -rf "$tmp/site"
	cp -r tests/rules/base "$tmp/site"
	(cd "$tmp/site" && sh "$OLDPWD/$d/edit") || ko "$d: edit failed"
	# An edit whose sed matched nothing would test the base again.
	diff -rq tests/rules/base "$tmp/site" >/dev/null && ko "$d: the edit changed nothing"
	(cd "$tmp/site" && "$kindly" check .) >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$(cat "$d/expected.status")" ] &&
	    diff -u "$d/expected.stderr" "$tmp/err" >"$tmp/diff"; then
		ok
	else
		ko "$d (exit status $rc)"
		cat "$tmp/diff" >&2
	fi
done

# Canaries: every text meant for someone else (another reader's version,
# 'for:', 'record', a field the kind does not define) holds a unique
# string; no byte of any file a reader can reach may contain one that is
# not theirs.  The scan must also catch a leak: a copy of the site claims
# a text everyone sees is for Kai alone.
rm -rf "$tmp/canary" "$tmp/leak"
if "$kindly" build --preview tests/canary/site -o "$tmp/canary" 2>/dev/null &&
    sh scripts/unpack-books.sh "$build/test_epub" "$tmp/canary" &&
    sh tests/canary/scan.sh "$tmp/canary" tests/canary/site/canaries.txt >"$tmp/out"; then
	ok
else
	ko "tests/canary: a reader can reach text that is not theirs"
	cat "$tmp/out" >&2
fi
cp -r tests/canary/site "$tmp/leaky"
sed -i 's/^title: .*/title: "CANARY-LEAK-TITLE-4242"/' "$tmp/leaky/cases/marsh/2025-06-20-cp-plan.md"
printf 'CANARY-LEAK-TITLE-4242\tkai\n' >>"$tmp/leaky/canaries.txt"
"$kindly" build --preview "$tmp/leaky" -o "$tmp/leak" 2>/dev/null
sh scripts/unpack-books.sh "$build/test_epub" "$tmp/leak"
if ! sh tests/canary/scan.sh "$tmp/leak" "$tmp/leaky/canaries.txt" >"$tmp/out" &&
    grep -q 'CANARY-LEAK-TITLE-4242 in preview-marsh-mum/' "$tmp/out" &&
    grep -q 'CANARY-LEAK-TITLE-4242 in preview-marsh-dad/' "$tmp/out" &&
    [ "$(wc -l <"$tmp/out")" = 2 ]; then
	ok
else
	ko "tests/canary: the scan did not catch a deliberate leak"
	cat "$tmp/out" >&2
fi
# The same leak with only the books left: the scan reads inside them.
find "$tmp/leak" -type f ! -path '*.epub/*' -delete
if ! sh tests/canary/scan.sh "$tmp/leak" "$tmp/leaky/canaries.txt" >"$tmp/out" &&
    grep -q 'CANARY-LEAK-TITLE-4242 in preview-marsh-mum/ (.*\.epub/EPUB/.*\.xhtml)' "$tmp/out" &&
    grep -q 'CANARY-LEAK-TITLE-4242 in preview-marsh-dad/ (.*\.epub/EPUB/.*\.xhtml)' "$tmp/out"; then
	ok
else
	ko "tests/canary: the scan did not catch a leak inside an e-book"
	cat "$tmp/out" >&2
fi

# Scripts that end with "N passed, N failed": the command line,
# determinism, atomic output and the demo site (tests/cli.sh); workers
# and --only, the same output however a build is done (tests/modes);
# every value of a site's YAML in every wrong shape, and never a crash
# or a message without its place (tests/sweep/run.sh); big inputs in
# linear time (tests/sweep/big.sh).
for t in tests/cli.sh tests/modes/run.sh tests/sweep/run.sh \
    tests/sweep/big.sh; do
	sh "$t" "$kindly" >"$tmp/out" 2>"$tmp/err"
	n=$(tail -n 1 "$tmp/out" | awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3 }')
	if [ -n "$n" ]; then
		pass=$((pass + ${n% *})) fail=$((fail + ${n#* }))
		[ "${n#* }" = 0 ] || cat "$tmp/err" >&2
	else
		ko "$t did not finish"
		cat "$tmp/err" >&2
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

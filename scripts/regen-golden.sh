#!/bin/sh
# Usage: regen-golden.sh [BUILD_DIR]
# Rebuilds tests/golden/*/expected (books unpacked; run "make check"
# once first, so that BUILD_DIR/test_epub exists) and tests/errors/*/expected.* from the
# current kindly.  Review the diff (git diff tests/) before committing.
set -u
build=${1:-build}
kindly=$(cd "$build" && pwd)/kindly
TZ=UTC LC_ALL=C
# A fixed secret for the tests' reader links; never use it for real.
KINDLY_SECRET=kindly-test-secret-not-for-real-use-0123456789
export TZ LC_ALL KINDLY_SECRET
for d in tests/golden/*/; do
	[ -d "$d/site" ] || continue
	rm -rf "$d/expected" "$d/expected.redactions.txt"
	# shellcheck disable=SC2046 # the arguments are split on purpose
	"$kindly" build $(cat "$d/args" 2>/dev/null) -o "$d/expected" "$d/site" &&
	    sh scripts/unpack-books.sh "$build/test_epub" "$d/expected" ||
	    echo "regen: $d failed" >&2
done
for d in tests/errors/*/; do
	[ -f "$d/args" ] || continue
	# shellcheck disable=SC2046 # the arguments are split on purpose
	(cd "$d" && "$kindly" $(cat args)) >/dev/null 2>"$d/expected.stderr"
	echo $? >"$d/expected.status"
	rm -rf "$d/out"
done
for d in tests/rules/cases/*/; do
	[ -f "$d/edit" ] || continue
	rm -rf "${TMPDIR:-/tmp}/kindly-rule"
	cp -r tests/rules/base "${TMPDIR:-/tmp}/kindly-rule"
	(cd "${TMPDIR:-/tmp}/kindly-rule" && sh "$OLDPWD/$d/edit" &&
	    "$kindly" check .) >/dev/null 2>"$d/expected.stderr"
	echo $? >"$d/expected.status"
	rm -rf "${TMPDIR:-/tmp}/kindly-rule"
done

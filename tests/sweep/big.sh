#!/bin/sh
# Usage: big.sh KINDLY
# Big inputs take linear time: each check of a copy of tests/rules/base
# with one thing made big must finish well inside its time limit (a
# pass that compares each item with every other took minutes), and say
# each problem once.  The limits are loose enough for a sanitizer
# build.  Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
limit=20 # seconds
letter=cases/marsh/2025-07-01-letter.md

# fresh: a new copy of the base site in $tmp/s.
fresh() {
	rm -rf "$tmp/s"
	cp -r tests/rules/base "$tmp/s"
}

# run WHAT STATUS: 'kindly check' of $tmp/s ends within the limit with
# STATUS.
run() {
	timeout $limit "$kindly" check -j 1 "$tmp/s" </dev/null >/dev/null \
	    2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$2" ]; then
		ok
	else
		ko "$1: exit $rc, want $2 (124: slower than $limit s)"
		tail -n 3 "$tmp/err" >&2
	fi
}

# readers: the letter's readers are the line in $tmp/readers.
readers() {
	sed -i "/^readers: /{r $tmp/readers
d}" "$tmp/s/$letter"
}

# count WHAT N PATTERN: N lines of the messages have PATTERN.
count() {
	n=$(grep -c -- "$3" "$tmp/err")
	[ "$n" = "$2" ] && ok || ko "$1: $n messages, want $2"
}

# 100,000 sentences with jargon: each warning is found to be new with
# one lookup, not by comparing it with every warning before it.
fresh
awk 'BEGIN { for (i = 0; i < 100000; i++) print "\nThe IRO came." }' \
    >>"$tmp/s/$letter"
run "100,000 warnings" 0
count "100,000 warnings" 100000 ': warning: '

# A reader named 20,000 times: one message for each repeat, not one for
# each pair of them (200 million).
fresh
awk 'BEGIN { printf "readers: [kai"
	for (i = 1; i < 20000; i++) printf ", kai"
	print "]" }' >"$tmp/readers"
readers
run "a reader named 20,000 times" 1
count "a reader named 20,000 times" 19999 "reader 'kai' is named again"

# 20,000 people, and a letter to 20,000 who are not among them: "did you
# mean" stops looking when its budget for the file is spent.
fresh
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "  person-%d:\n    name: Sam Marsh\n    role: family\n", i }' \
    >"$tmp/people"
sed -i "/^people:$/r $tmp/people" "$tmp/s/cases/marsh/case.yaml"
awk 'BEGIN { printf "readers: [kai"
	for (i = 0; i < 20000; i++) printf ", nobody-%d", i
	print "]" }' >"$tmp/readers"
readers
run "20,000 readers who are not people" 1
count "20,000 readers who are not people" 20000 "is not a person in"

# A hidden surname shown 100,000 times to the reader it is hidden from:
# each place is reported once, found new with one lookup.
fresh
sed -i 's/^  nan:$/  nan:\n    hidden-from: [kai]/' "$tmp/s/cases/marsh/case.yaml"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "\nMarsh." }' \
    >>"$tmp/s/$letter"
run "a hidden surname 100,000 times" 1
count "a hidden surname 100,000 times" 100000 "this shows Linda Marsh's surname"

# 100,000 lines that still say TODO in the body: each one's line is
# counted on from the last, not from the top.
fresh
awk 'BEGIN { for (i = 0; i < 100000; i++) print "TODO" }' >>"$tmp/s/$letter"
run "100,000 TODO lines" 1
count "100,000 TODO lines" 100000 "this line still says TODO"

# The professional record of a letter with 40,000 parts for Kai: the
# line of each piece is counted on from the last.
fresh
awk 'BEGIN { for (i = 0; i < 40000; i++) print "\n::: for kai\nYours.\n:::" }' \
    >>"$tmp/s/$letter"
if timeout $limit "$kindly" build --record -j 1 "$tmp/s" -o "$tmp/rec" \
    </dev/null >/dev/null 2>"$tmp/err" &&
    [ "$(grep -c 'Yours' "$tmp/rec/marsh/2025-07-01-letter/index.html")" = 40000 ]; then
	ok
else
	ko "the record of a letter with 40,000 parts (124: slower than $limit s)"
	tail -n 3 "$tmp/err" >&2
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

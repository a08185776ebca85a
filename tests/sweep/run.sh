#!/bin/sh
# Usage: run.sh KINDLY
# The sweep: in a copy of tests/rules/base with tests/sweep/extra on top
# (a site kind with a field of every type, a document of it, a site's
# tightening of a built-in kind, a lexicon and a theme), each value in
# every YAML file and front matter is replaced in turn by each wrong
# shape: nothing, a number, an empty list, a list with an empty item, a
# map with an empty value.  Each time, 'kindly check' must exit 0 or 1,
# never crash; every line it writes must have a file, a line and a
# column, and none may say "(null)"; a value written on its line (text,
# an id, a date) that becomes a map or a list must be an error in that
# file; when a document checks clean, the professional record must
# build; and 'kindly kinds' must describe a changed kind, or say what
# is wrong with it, without "(null)".  A field that repeats (each action's 'who', each person's
# 'name', each reader's version) is tried once.
#
# To be fast, files that cannot hide each other's errors change in the
# same run: every document at once, both case.yaml files, both kinds,
# and site.yaml with staff.yaml and lexicon.yaml.  When a run fails,
# each of its changes is run alone to say which.  Ends with "N passed,
# N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

base=$tmp/base
cp -r tests/rules/base "$base"
cp -r "$here/extra/." "$base/"
sed -i 's/^theme: default$/theme: sweep/' "$base/site.yaml"

# The group of a file: the files of a group change together.
group() {
	case $1 in
	cases/*/case.yaml) echo case ;;
	cases/*) echo docs ;;
	kinds/*) echo kinds ;;
	themes/*/theme.yaml) echo theme ;;
	themes/*) echo strings ;;
	*) echo base ;;
	esac
}

# The plan: "GROUP FILE K LINE FORM PATH" for the K-th field of FILE,
# each field once for a kind of document or a kind of file.
(cd "$base" && find . -name '*.yaml' -o -name '*.md') | sed 's|^\./||' |
    LC_ALL=C sort | while read -r file; do
	case $file in
	*.md) md=1 what=$(sed -n 's/^kind: //p' "$base/$file" | head -n 1) ;;
	*) md=0 what=${file##*/} ;;
	esac
	awk -v md=$md -v file="$file" -f "$here/lines.awk" "$base/$file" |
	    awk -F '\t' -v g="$(group "$file")" -v f="$file" -v w="$what" \
	    '{ print g, f, w, $1, $3, $2 }'
done | awk '!seen[$3 " " $6]++ { print $1, $2, ++k[$2], $4, $5, $6 }' \
    >"$tmp/plan"

# The shapes; '@' stands for nothing at all.
shapes='@ 42 [] [a,~] {a:~}'

# site GROUP FILES: a copy of the site for a run in $tmp/s.  Documents
# and case.yaml files are checked with every case; the others with the
# Marsh family; documents that do not change this time are left out.
site() {
	rm -rf "$tmp/s"
	mkdir -p "$tmp/s/cases"
	for f in "$base"/*; do
		[ "$f" = "$base/cases" ] || cp -r "$f" "$tmp/s/"
	done
	case $1 in
	docs)
		for c in "$base"/cases/*; do
			mkdir "$tmp/s/cases/${c##*/}"
			cp "$c/case.yaml" "$tmp/s/cases/${c##*/}/"
		done
		for f in $2; do cp "$base/$f" "$tmp/s/$f"; done ;;
	case) cp -r "$base/cases/." "$tmp/s/cases/" ;;
	*) cp -r "$base/cases/marsh" "$tmp/s/cases/" ;;
	esac
}

# change SHAPE FILE LINE [FILE LINE...]: each FILE in $tmp/s with the
# value at its LINE made SHAPE, and what was under it gone.
change() {
	shape=$1
	shift
	where= files=
	while [ $# -gt 0 ]; do
		where="$where $1:$2" files="$files $base/$1"
		shift 2
	done
	# shellcheck disable=SC2086 # the file names are split on purpose
	awk -v at="$where" -v shape="$shape" -v base="$base/" -v out="$tmp/s/" '
	BEGIN {
		if (shape == "@")
			shape = ""
		gsub(/,/, ", ", shape)
		sub(/:~/, ": ~", shape)
	}
	FNR == 1 {
		f = substr(FILENAME, length(base) + 1)
		n = 0
		if (match(at, " " f ":[0-9]+"))
			n = substr(at, RSTART + length(f) + 2, RLENGTH - length(f) - 2)
		dst = out f
		skip = 0
	}
	FNR == n {
		match($0, /^ *(- +)?([A-Za-z0-9_-]+: *)?/)
		head = substr($0, 1, RLENGTH)
		sub(/ +$/, "", head)
		print head (shape == "" ? "" : " " shape) >dst
		match($0, /^ *(- +)?/)
		deeper = RLENGTH
		skip = 1
		next
	}
	skip && (/^ *$/ || (match($0, /^ */) && RLENGTH > deeper)) { next }
	{ skip = 0; print >dst }' $files
}

# check WHAT MUST: 'kindly check' of $tmp/s keeps the rules above.
# MUST lists the files that must have an error.  Sets 'bad' if not.
# The record is built when 'docs' is "yes".
check() {
	bad=
	"$kindly" check -j 1 "$tmp/s" </dev/null >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		bad="exit $rc"
	elif ! awk -v rc="$rc" -v must="$2" '
	    /^[^: ]+:[0-9]+:[0-9]+: (error|warning|note): / {
		if (index($0, "(null)")) { print "says (null): " $0; bad = 1 }
		if (/: error: /) { sub(/:.*/, ""); erred[$0] = 1 }
		next
	    }
	    /^kindly: [0-9]+ (error|warning)/ { next }
	    { print "no place: " $0; bad = 1 }
	    END {
		n = split(must, m, " ")
		for (i = 1; i <= n; i++)
			if (!(m[i] in erred)) { print "no error in " m[i]; bad = 1 }
		if (rc == 1 && length(erred) == 0) { print "exit 1, no error"; bad = 1 }
		exit bad
	    }' "$tmp/err" >"$tmp/why"; then
		bad=$(head -n 3 "$tmp/why")
	elif [ "$rc" = 0 ] && [ "$docs" = yes ] &&
	    ! "$kindly" build --record -j 1 "$tmp/s" -o "$tmp/rec" \
	    </dev/null >/dev/null 2>>"$tmp/err"; then
		bad="checks clean, but the record does not build"
	fi
	# The kinds are described too: never "(null)" for what was wrong.
	if [ -z "$bad" ] && [ "$g" = kinds ]; then
		for kd in sweep-kind review-letter; do
			"$kindly" kinds -s "$tmp/s" $kd </dev/null \
			    >"$tmp/kinds" 2>&1
			krc=$?
			[ "$krc" = 0 ] || [ "$krc" = 1 ] ||
			    bad="kindly kinds $kd: exit $krc"
			! grep -q -F '(null)' "$tmp/kinds" ||
			    bad="kindly kinds $kd says (null)"
		done
	fi
	if [ -n "$bad" ]; then
		ko "$1: $bad"
		head -n 20 "$tmp/err" >&2
	else
		ok
	fi
}

# The site as it is checks clean.
site case ""
docs=yes g=kinds
check "the sweep's site" ""
[ "$rc" = 0 ] || ko "the sweep's site does not check clean"

for g in docs case base kinds strings theme; do
	k=0
	while :; do
		k=$((k + 1))
		awk -v g=$g -v k=$k '$1 == g && $3 == k' "$tmp/plan" >"$tmp/now"
		[ -s "$tmp/now" ] || break
		site $g "$(awk '{ print $2 }' "$tmp/now")"
		at=$(awk '{ print $2, $4 }' "$tmp/now")
		scalars=$(awk '$5 == "scalar" { print $2 }' "$tmp/now")
		docs=no
		grep -q '\.md ' "$tmp/now" && docs=yes
		for shape in $shapes; do
			# shellcheck disable=SC2086 # split on purpose
			change "$shape" $at
			case $shape in
			\[a*|\{a*) must=$scalars ;;
			*) must= ;;
			esac
			before=$fail
			check "$g, change $k as '$shape'" "$must"
			if [ "$fail" != "$before" ]; then
				# Which change was it?
				while read -r _ file _ line form path; do
					for f in $(awk '{ print $2 }' "$tmp/now"); do
						cp "$base/$f" "$tmp/s/$f"
					done
					change "$shape" "$file" "$line"
					case $form/$shape in
					scalar/\[a*|scalar/\{a*) m=$file ;;
					*) m= ;;
					esac
					check "  $file:$line ($path) as '$shape'" "$m"
					if [ -n "$bad" ]; then
						fail=$((fail - 1))
					else
						pass=$((pass - 1))
					fi
				done <"$tmp/now"
			fi
		done
	done
	[ "$k" -gt 1 ] && ok || ko "the sweep found nothing to change in $g"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

#!/bin/sh
# Usage: tests/fuzz/seeds.sh DIR
# Make each fuzz target's seed corpus, DIR/TARGET/, from the project's
# own sites, themes and tests (run from the top of the source tree):
#   data   every YAML file (sites, kinds, lexicons, themes' strings) and
#          every document's front matter
#   doc    every document (*.md) of every test site and of content/, and
#          each rule case's broken copy of a tests/rules/base document
#   site   each test site's site.yaml, case.yaml, staff.yaml, lexicon.yaml
#          and first kind, NUL-separated as fuzz_site reads them, and
#          each rule case's broken copy of tests/rules/base's
#   tmpl   every template of every theme
#   xhtml  every page and e-book page the golden sites expect
# Files are named by their SHA-1, so a seed found twice is kept once.
set -eu
out=$1
LC_ALL=C
export LC_ALL
rm -rf "$out"
for t in data doc site tmpl xhtml; do
	mkdir -p "$out/$t"
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seed TARGET FILE: add FILE to TARGET's corpus.
seed() {
	sum=$(sha1sum <"$2")
	cp "$2" "$out/$1/${sum%% *}"
}

# site_seed SITE CASE_YAML: the fuzz_site input for that site and case.
site_seed() {
	kind=$(find "$1/kinds" -name '*.yaml' 2>/dev/null | sort | head -n 1)
	{
		cat "$1/site.yaml"
		printf '\000'
		cat "$2"
		printf '\000'
		[ ! -f "$1/staff.yaml" ] || cat "$1/staff.yaml"
		if [ -f "$1/lexicon.yaml" ] || [ -n "$kind" ]; then
			printf '\000'
			[ ! -f "$1/lexicon.yaml" ] || cat "$1/lexicon.yaml"
		fi
		if [ -n "$kind" ]; then
			printf '\000# kinds/%s\n' "${kind##*/}"
			cat "$kind"
		fi
	} >"$tmp/site-seed"
	seed site "$tmp/site-seed"
}

yaml="content tests themes generator/kinds generator/lexicon"
# sources WHERE... TEST...: the files find's TESTs select under each
# WHERE, but not what a build is expected to give, nor what the fuzzers
# found; sorted.
sources() {
	find "$@" ! -path '*/expected/*' ! -path 'tests/fuzz/findings/*' |
	    sort
}
# shellcheck disable=SC2086 # one word per folder
sources $yaml -type f -name '*.yaml' |
	while read -r f; do seed data "$f"; done
sources content tests -type f -name '*.md' |
	while read -r f; do
		seed doc "$f"
		# Its front matter, for data.
		awk 'NR == 1 && /^---$/ { f = 1; next } f && /^---$/ { exit } f' \
		    "$f" >"$tmp/front"
		[ ! -s "$tmp/front" ] || seed data "$tmp/front"
	done
sources themes tests -type f -path '*/templates/*.html' |
	while read -r f; do seed tmpl "$f"; done
find tests/golden -type f -path '*/expected/*' \( -name '*.xhtml' -o -name '*.html' \) |
	sort | while read -r f; do seed xhtml "$f"; done
sources content tests -type f -name site.yaml |
	while read -r f; do
		site=${f%/site.yaml}
		for c in "$site"/cases/*/case.yaml; do
			[ -f "$c" ] || c=tests/fuzz/site/cases/fuzz/case.yaml
			site_seed "$site" "$c"
		done
	done

# The rule cases: each edit breaks one rule of a copy of tests/rules/base;
# what it changed is a seed.
base=tests/rules/base
for d in tests/rules/cases/*/; do
	[ -f "$d/edit" ] || continue
	rm -rf "$tmp/site"
	cp -r "$base" "$tmp/site"
	(cd "$tmp/site" && sh "$OLDPWD/$d/edit") >/dev/null 2>&1 || continue
	changed=false
	for f in $(cd "$tmp/site" && find . -type f | sort); do
		if cmp -s "$tmp/site/$f" "$base/$f"; then
			continue
		fi
		case $f in
		*.md) seed doc "$tmp/site/$f" ;;
		*) changed=true ;;
		esac
	done
	if $changed; then
		for c in "$tmp"/site/cases/*/case.yaml; do
			site_seed "$tmp/site" "$c"
		done
	fi
done
for t in data doc site tmpl xhtml; do
	printf '%s: %s seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done

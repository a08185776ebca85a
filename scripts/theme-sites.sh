#!/bin/sh
# The demo site built once in every theme, to check or to look at.
#
#   sh scripts/theme-sites.sh OUTDIR [THEME...]
#
# Writes OUTDIR/THEME/ for each THEME (default: every built-in theme, and
# riverford, the example council theme in themes/riverford).  A built-in
# theme is given with --theme; riverford is copied into a copy of the
# site's themes/ folder and named in its site.yaml, as a council would.
# The builds are previews (no secret needed).  Exits 1 if a build fails.
#
# Environment:
#   KINDLY   the kindly to build with (default: build/kindly)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
KINDLY=${KINDLY:-$root/build/kindly}
[ $# -ge 1 ] || { sed -n '4,5s/^# \{0,1\}//p' "$0" >&2; exit 2; }
out=$1
shift
[ $# -gt 0 ] || set -- default large-print dyslexia-friendly high-contrast riverford
[ -x "$KINDLY" ] || { echo "theme-sites: no kindly at $KINDLY: run make" >&2; exit 1; }
# The themes built into kindly: the Makefile's list, which it compiles in.
builtin=$(sed -n 's/^THEMES[[:space:]]*=//p' "$root/Makefile")
[ -n "$builtin" ] || { echo "theme-sites: no THEMES in the Makefile" >&2; exit 1; }

mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kindly-themes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

for theme in "$@"; do
	case " $builtin " in
	*" themes/$theme "*) council=no ;;
	*) council=yes ;;
	esac
	if [ "$council" = yes ]; then
		# Not built in: a council's theme, which lives in the site.
		site="$tmp/site-$theme"
		rm -rf "$site"
		cp -R "$root/content" "$site"
		mkdir -p "$site/themes"
		cp -R "$root/themes/$theme" "$site/themes/$theme"
		sed "s/^theme:.*/theme: $theme/" "$root/content/site.yaml" >"$site/site.yaml"
		name=""
	else
		site="$root/content"
		name=$theme
	fi
	rm -rf "${out:?}/$theme"
	"$KINDLY" build --preview ${name:+--theme "$name"} -o "$out/$theme" "$site" ||
		{ echo "theme-sites: the build in theme $theme failed" >&2; exit 1; }
	echo "theme-sites: $out/$theme"
done

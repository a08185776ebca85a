#!/bin/sh
# Usage: scan.sh OUTPUT CANARIES
# Searches every byte of every file a reader can reach in OUTPUT (built
# with --preview, so each reader's folder is preview-CASE-READER) for each
# canary in CANARIES ("canary<TAB>readers who may see it").  Prints one
# line per leak and exits 1 if there was any.
set -u
out=$1 canaries=$2
leaks=0
for d in "$out"/*/; do
	name=$(basename "$d")
	reader=${name##*-} # preview-CASE-READER; assets/ is no one's
	[ "$name" = assets ] && reader=""
	while IFS='	' read -r canary allowed; do
		case $canary in '#'* | '') continue ;; esac
		case " $allowed " in *" $reader "*) [ -n "$reader" ] && continue ;; esac
		if grep -rlaF "$canary" "$d" >/dev/null 2>&1; then
			echo "leak: $canary in $name/ ($(grep -rlaF "$canary" "$d" | head -n 1))"
			leaks=$((leaks + 1))
		fi
	done <"$canaries"
done
[ "$leaks" = 0 ]

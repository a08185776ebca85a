# shellcheck shell=sh
# Shared by epub-tools.sh and page-tools.sh (sourced, not run).
#
# tools_install DIR BROWSER WHO FILE...
#	Install Java, Chromium (unless BROWSER exists) and Node.js from
#	Debian if they are missing, then the npm packages of DIR from its
#	lock file, unless they are there already: the lock file matches the
#	one of the last install and every FILE exists.  WHO names what needs
#	Node.js 20, for the warning on an older one.  The caller defines
#	say() and die().  Install scripts never run: the only ones fetch
#	browsers or a JDK from outside the registry, and the system's are
#	used instead.
tools_install() {
	t_dir=$1 t_browser=$2 t_who=$3
	shift 3
	t_stamp="$t_dir/node_modules/.kindly-package-lock.json"
	t_missing=""
	command -v java >/dev/null 2>&1 || t_missing="$t_missing default-jre-headless"
	[ -x "$t_browser" ] || command -v chromium >/dev/null 2>&1 ||
		t_missing="$t_missing chromium"
	command -v node >/dev/null 2>&1 || t_missing="$t_missing nodejs npm"
	# shellcheck disable=SC2086 # one word per package
	[ -z "$t_missing" ] || sh "$(dirname "$t_dir")/install-deps.sh" $t_missing
	command -v npm >/dev/null 2>&1 || die "npm is missing (apt-get install npm)"
	t_major=$(node -p 'process.versions.node.split(".")[0]')
	[ "$t_major" -ge 20 ] ||
		say "warning: $t_who wants node 20 or later, this is $(node --version)"
	t_have=1
	for t_f in "$@"; do [ -f "$t_f" ] || t_have=0; done
	if [ "$t_have" = 1 ] && [ -f "$t_stamp" ] &&
	    cmp -s "$t_dir/package-lock.json" "$t_stamp"; then
		say "node packages are up to date"
	else
		say "npm ci in scripts/$(basename "$t_dir")"
		(cd "$t_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
		cp "$t_dir/package-lock.json" "$t_stamp"
	fi
}

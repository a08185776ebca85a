# lib.sh: what the sweep's scripts share.  Sourced with KINDLY as $1,
# from the script's own folder as 'here': sets 'kindly' (its full
# path), 'root' (the repository, the current folder after), 'tmp' (a
# folder removed at exit unless KEEP is set), the counts 'pass' and
# 'fail', and ok() and ko() to count a result.
kindly=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$here/../.." && pwd)
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
cd "$root" || exit 1

#!/bin/sh
# Usage: install-deps.sh [--sanitizers | PACKAGE...]
# Install what kindly needs to build and test, or the packages named,
# from Debian's archive, if they are missing.  As root it runs apt-get;
# otherwise it prints the exact command to run.  --sanitizers: what
# 'make asan' and 'make fuzz' need besides, which Debian's clang only
# recommends: clang's runtime libraries (ASan, UBSan and libFuzzer's
# libclang_rt.fuzzer-x86_64.a) and llvm-symbolizer, for stack traces
# with names and lines.
set -eu
pkgs="make gcc pkg-config libyaml-dev libcmark-dev liblua5.4-dev libzip-dev libsodium-dev"
pkgs="$pkgs clang diction libxml2-utils"
if [ "${1-}" = --sanitizers ]; then
	pkgs="clang libclang-rt-14-dev llvm"
elif [ $# != 0 ]; then
	pkgs="$*"
fi
missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = 0 ]; then
	echo "kindly: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	# shellcheck disable=SC2086 # one word per package
	apt-get install -y -q --no-install-recommends $missing >/dev/null
else
	echo "kindly: some packages are missing. Run this, then try again:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi

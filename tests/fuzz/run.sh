#!/bin/sh
# Usage: tests/fuzz/run.sh BUILD SECONDS FLAGS TARGET...
# Run each fuzz target, BUILD/fuzz_TARGET, for SECONDS, from its corpus
# (BUILD/corpus/TARGET, kept between runs), its seeds (made afresh by
# seeds.sh) and its regression inputs, with its dictionary (dict/); FLAGS
# are more libFuzzer options.  Prints one line a target: executions,
# speed, coverage, corpus, the slowest input's time and findings.  A
# crash, a leak, a timeout or running out of memory is a finding: its
# input is kept in tests/fuzz/findings/TARGET/ and the log in
# BUILD/TARGET.log; the script then fails.
set -u
LC_ALL=C # the logs hold bytes of the inputs
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export LC_ALL UBSAN_OPTIONS
build=$1 time=$2 flags=$3
shift 3
here=tests/fuzz
sh "$here/seeds.sh" "$build/seeds" >/dev/null || exit 1
failed=0

# field NAME LINE: the word after NAME in one of libFuzzer's status lines.
field() {
	echo "$2" | awk -v name="$1" '{ for (i = 1; i < NF; i++) if ($i == name) print $(i + 1) }'
}

for t in "$@"; do
	mkdir -p "$build/corpus/$t" "$here/findings/$t"
	log=$build/$t.log
	# Its dictionary: libFuzzer takes one file, so the parts are joined.
	case $t in
	data | site) parts="yaml kindly" ;;
	doc) parts="yaml kindly markdown" ;;
	*) parts=$t ;;
	esac
	mkdir -p "$build/dict"
	for p in $parts; do cat "$here/dict/$p.dict"; done >"$build/dict/$t.dict"
	regress=
	[ ! -d "$here/regress/$t" ] || regress=$here/regress/$t
	before=$(find "$here/findings/$t" -type f | wc -l)
	# shellcheck disable=SC2086 # FLAGS and regress are split on purpose
	"$build/fuzz_$t" -max_total_time="$time" -timeout=10 \
	    -rss_limit_mb=2048 -error_exitcode=77 -timeout_exitcode=77 \
	    -print_final_stats=1 -artifact_prefix="$here/findings/$t/" \
	    -dict="$build/dict/$t.dict" $flags "$build/corpus/$t" "$build/seeds/$t" $regress \
	    >"$log" 2>&1
	rc=$?
	found=$(($(find "$here/findings/$t" -type f | wc -l) - before))
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(field cov: "$last")
	ft=$(field ft: "$last")
	corp=$(field corp: "$last")
	slow=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log")
	printf '%-12s %s execs (%s/s), cov %s, ft %s, corpus %s, slowest %s s, %s findings\n' \
	    "fuzz_$t" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" \
	    "${corp:-?}" "${slow:-?}" "$found"
	if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
		failed=1
		echo "FAIL: fuzz_$t (exit status $rc); see $log" >&2
		grep -E '^==[0-9]+==ERROR|^SUMMARY|^fuzz: |Test unit written to|^artifact_prefix' \
		    "$log" | head -n 8 >&2
	fi
done
exit "$failed"

#!/bin/sh
# Runs one test of the overhead lab and reports it in TAP 13.
# Usage: sh tests/check.sh TEST-ID
#
# Runs as root in the trusted lab directory; the student's ./overhead runs
# only through orbit-sandbox, as the student, in $ORBIT_WORK.  Timings in
# the emulator are noisy, so no check compares an absolute time: each
# compares medians (computed here from the raw samples) of one run, with
# the margins stated in each title.
set -u
. "$(dirname "$0")/lib.sh"

# Every configuration of --quick has REPS samples and one summary row.
test_complete() {
	plan 3
	run --quick
	[ "$status" = "exited 0" ]
	ok_if $? "./overhead --quick exits normally"
	bad=$(awk -F, -v h="$HEADER" '
		NR == 1 { if ($0 != h) print "header: " $0; next }
		NF != 15 { print "fields: " $0; next }
		$1 != "sample" && $1 != "summary" { print "row kind: " $0; next }
		{ for (i = 4; i <= 15; i++) if ($i != "" && $i !~ /^-?[0-9]+(\.[0-9]+)?$/) print "number: " $0 }
		$1 == "sample" && $3 != "none" && !($14 > 0) { print "call_us: " $0 }
		$1 == "sample" && $2 == "freq" && !($11 > 0) { print "throughput: " $0 }' "$t/out" | head -n 3)
	[ -s "$t/out" ] && [ -z "$bad" ]
	ok_if $? "the output is CSV with the documented header and 15 well-formed fields a row" "$bad"
	missing=
	for e in $EVERY; do
		for m in none thread fork sync async; do
			[ "$(samples freq $m $e $FREQ_KB 10 rep | sort -n | tr '\n' ' ')" = "0 1 2 3 4 " ] ||
				missing="$missing freq/$m/every=$e"
		done
	done
	for kb in $SIZES_KB; do
		for d in $DIRTY; do
			for m in fork async; do
				[ "$(samples size $m "" $kb $d rep | sort -n | tr '\n' ' ')" = "0 1 2 3 4 " ] ||
					missing="$missing size/$m/${kb}KB/${d}%"
			done
		done
	done
	summaries=$(grep -c '^summary,' "$t/out")
	[ -z "$missing" ] && [ "$summaries" -eq $((4 * 5 + 3 * 2 * 2)) ]
	ok_if $? "every configuration has its $REPS samples and one summary row" \
		"configurations without their samples:${missing:- none}; summary rows: $summaries (want 32)"
}

# The orbit's asynchronous call costs main less than a fork at every frequency.
test_async_fork() {
	plan 4
	run --quick freq
	for e in $EVERY; do
		a=$(median_of freq async $e $FREQ_KB 10 call_us)
		f=$(median_of freq fork $e $FREQ_KB 10 call_us)
		lt "$a" "$(awk -v f="$f" 'BEGIN { print 0.8 * f }')"
		ok_if $? "every $e requests: async's median cost per call is below 0.8 of fork's" \
			"median call_us: async $a, fork $f"
	done
}

# With the student's layout, a call costs what main dirtied, not the heap.
test_layout() {
	plan 3
	run --quick size
	[ "$status" = "exited 0" ]
	ok_if $? "./overhead --quick size exits normally (every result matched main's sum)"
	big=$(awk -F, '$1 == "sample" && $5 != $6 { print $5 " KB of items in a pool of " $6 " KB" }' "$t/out" | sort -u | head -n 3)
	[ -s "$t/out" ] && [ -z "$big" ]
	ok_if $? "the pool holds only what the task reads (pool_kb = table_kb)" "$big"
	kb=${SIZES_KB##* }
	c1=$(median_of size async "" $kb 1 call_us)
	c100=$(median_of size async "" $kb 100 call_us)
	lt "$c1" "$(awk -v c="$c100" 'BEGIN { print 0.5 * c }')"
	ok_if $? "$kb KB: an async call at 1% dirty costs less than half of one at 100% dirty" \
		"median call_us: 1% dirty $c1, 100% dirty $c100"
}

# stat_matches EXP MODE EVERY KB DIRTY FIELD MEDIAN MAD TOLERANCE: says
# what is wrong when the printed median (and MAD, unless "") is not the one
# of the samples, within TOLERANCE (a unit of the last printed digit).
stat_matches() {
	[ -z "$7" ] && return 0
	got=$(samples "$1" "$2" "$3" "$4" "$5" "$6" | med_mad)
	awk -v g="$got" -v med="$7" -v mad="$8" -v tol="$9" 'BEGIN {
		split(g, x, " ")
		d1 = x[1] - med; d2 = mad == "" ? 0 : x[2] - mad
		exit !(d1 <= tol && -d1 <= tol && d2 <= tol && -d2 <= tol) }' ||
		echo "$2 every $3, $6: printed $7 / ${8:--}, the samples give $got"
}

# Every summary row holds the median and MAD of its configuration's samples.
test_stats() {
	plan 2
	run --quick freq
	[ "$status" = "exited 0" ] && grep -q '^summary,' "$t/out"
	ok_if $? "./overhead --quick freq exits normally with summary rows"
	wrong=$(grep '^summary,' "$t/out" | while IFS=, read -r _ e m ev kb _ d _ _ _ thr ov ovm call callm; do
		stat_matches "$e" "$m" "$ev" "$kb" "$d" throughput "$thr" "" 0.11
		stat_matches "$e" "$m" "$ev" "$kb" "$d" overhead_pct "$ov" "$ovm" 0.011
		stat_matches "$e" "$m" "$ev" "$kb" "$d" call_us "$call" "$callm" 0.11
	done | head -n 4)
	[ -z "$wrong" ]
	ok_if $? "every summary's median and MAD equal those of its samples" "$wrong"
}

echo "TAP version 13"
case "${1:-}" in
output-complete) test_complete ;;
async-beats-fork) test_async_fork ;;
layout-follows-dirty) test_layout ;;
statistics) test_stats ;;
*)
	echo "Bail out! unknown test id: ${1:-}"
	exit 2
	;;
esac

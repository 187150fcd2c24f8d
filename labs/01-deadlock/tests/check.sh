#!/bin/sh
# Lab 1's tests: sh tests/check.sh TEST-ID prints TAP 13 for one test.
# Runs as root in the trusted lab directory with the student's build in
# $ORBIT_WORK; ./deadlock runs only through orbit-sandbox, and only what
# the checker observes decides (the summary line is compared, /proc is read).
set -u
. "$(dirname "$0")/lib.sh"
cd "$ORBIT_WORK" || exit 1

# A 2-cycle or 3-cycle: found, one victim, the others commit, no timeout.
test_cycle() {
	plan 2
	run c 20000 -- "cycle$1"
	exited_zero c
	ok_if $? "the program finishes"
	expect c "committed=$(($1 - 1))" rolled_back=1 victims=1 timeouts=0
	ok_if $? "the $1-cycle is broken by one victim and the other transactions commit"
	report c
}

# Waits without a cycle: a plain queue, and a chain of five.
test_no_deadlock() {
	plan 2
	run f 20000 -- free
	expect f committed=20 rolled_back=0 victims=0
	ok_if $? "the deadlock-free workload chooses no victim and all 20 commit"
	run ch 20000 -- chain
	expect ch committed=5 rolled_back=0 victims=0
	ok_if $? "a chain of waits (no cycle) chooses no victim and all 5 commit"
	report ch
}

# The cycle resolves itself (T1 times out) while a slowed detector looks at
# it: the other transaction, no longer in a cycle, must not be rolled back.
test_stale() {
	plan 2
	run s 20000 LAB_DETECTOR_DELAY_MS=800 -- stale
	exited_zero s
	ok_if $? "the program finishes"
	expect s committed=1 rolled_back=1
	ok_if $? "exactly one of the two transactions is rolled back (no innocent victim)"
	report s
}

# The search, slowed down, must be seen asleep in a process of the run
# other than main that waits for calls in orbit_return: an orbit, not a
# thread of main.
test_in_orbit() {
	plan 3
	start o LAB_START_PAUSE_MS=600 LAB_DETECTOR_DELAY_MS=600 -- cycle2
	while [ -n "$main" ] && running o; do
		sample o
		nap
	done
	wait
	[ -s "$t/o.asleep" ]
	ok_if $? "the search runs in a process of its own, not in a thread of main"
	seen_both o
	ok_if $? "that process is an orbit (it waits for calls in orbit_return)"
	expect o committed=1 rolled_back=1
	ok_if $? "every transaction finishes"
	report o
}

# A crash in the search must end the orbit only; the waits end by timeout.
test_crash() {
	plan 2
	run k 20000 LAB_DETECTOR_CRASH=1 -- cycle2
	exited_zero k
	ok_if $? "main survives a detector that crashes"
	expect k committed=1 rolled_back=1 victims=0 timeouts=1
	ok_if $? "the deadlock ends by the lock wait timeout instead"
	report k
}

# An orbit served the run, and none is left once the detector stopped.
test_no_orbit_left() {
	plan 3
	start l LAB_START_PAUSE_MS=600 LAB_LINGER_MS=1500 -- cycle2
	left=
	while [ -n "$main" ] && running l; do
		if has_summary l; then
			others
			left=$procs
			break
		fi
		sample l
		nap
	done
	wait
	[ -s "$t/l.idle" ]
	ok_if $? "an orbit served the run"
	[ -z "$left" ] && has_summary l
	ok_if $? "no orbit (no other process) is left after the detector stopped"
	echo "#   left: ${left:-none}"
	exited_zero l
	ok_if $? "the program finishes"
}

case "${1:-}" in
cycle2) test_cycle 2 ;;
cycle3) test_cycle 3 ;;
no-deadlock) test_no_deadlock ;;
stale-decision) test_stale ;;
in-orbit) test_in_orbit ;;
detector-crash) test_crash ;;
no-orbit-left) test_no_orbit_left ;;
*)
	echo "Bail out! unknown test id: ${1:-}"
	exit 2
	;;
esac

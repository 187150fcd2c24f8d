#!/bin/sh
# Runs one test of the isolation lab and reports it in TAP 13.
# Usage: sh tests/check.sh TEST-ID
#
# Runs as root in the trusted lab directory; the student's ./kvstore runs
# only through orbit-sandbox, as the student, in $ORBIT_WORK.  Verdicts
# come from what this script observes: the sandbox's status, the answers
# the program gave (compared with the answers of a correct store), and
# /proc and the cgroup files while the program runs.
set -u
dir=$(dirname "$0")
. "$dir/lib.sh"

echo "TAP version 13"
case "${1:-}" in
thread-faults-kill-main)
	echo "1..4"
	for f in null abort stack; do
		run thread "$f"
		expect_status "thread $f: the checker's fault kills main" "signaled *"
	done
	run thread lockloop 6000
	expect_status "thread lockloop: main hangs on its own lock" timeout
	;;
thread-wild-corrupts-data)
	echo "1..1"
	run thread wild
	if [ "$status" = "exited 0" ] && [ "$(answered)" -eq "$REQUESTS" ] &&
		[ "$(digest)" != "$REF_DIGEST" ]; then
		ok "thread wild: main answers every request, some of them wrongly"
	else
		not_ok "thread wild: main answers every request, some of them wrongly" \
			"status: $status, answers: $(answered), digest: $(digest)"
	fi
	;;
orbit-no-fault)
	echo "1..1"
	reference_p95
	run orbit none
	expect_healthy "orbit none: every answer right and in time"
	;;
orbit-crashes-contained)
	echo "1..4"
	reference_p95
	for f in null abort stack exit; do
		run orbit "$f"
		expect_healthy "orbit $f: main survives with its data intact and in time"
	done
	;;
orbit-hangs-contained)
	echo "1..3"
	reference_p95
	for f in loop lockloop wild; do
		run orbit "$f"
		expect_healthy "orbit $f: main survives with its data intact and in time"
	done
	;;
orbit-restarts)
	echo "1..3"
	# The first orbit may live under a second before its abort: look
	# often and cheaply, or it can die between two looks.
	OBSERVE=observe_children PERIOD=0.05 watch orbit abort
	expect_status "orbit abort: main exits normally" "exited 0"
	seen=$(orbits_seen)
	if [ "$seen" -ge 2 ]; then
		ok "the crashed orbit was replaced (orbits seen: $seen)"
	else
		not_ok "the crashed orbit was replaced" "orbits seen while main ran: $seen (want 2 or more)"
	fi
	aux=$(result_field aux)
	if [ "$aux" = useful ]; then
		ok "checks after the crash succeed (the program's own count)"
	else
		not_ok "checks after the crash succeed (the program's own count)" "aux: $aux"
	fi
	;;
orbit-memory-limit)
	echo "1..4"
	watch orbit hog
	# On a starved host the check's deadline can end the hog before it
	# reaches memory.max; one more run tells a slow host from a missing limit.
	if [ "$(kernel_oom_kills orbit)" -eq 0 ] && [ "${status:-}" = "exited 0" ]; then
		echo "# no OOM kill outside main's group: running the hog once more"
		cp "$t/obs" "$t/obs1" && cp "$t/kmsg" "$t/kmsg1"
		watch orbit hog
		cat "$t/obs1" >>"$t/obs" && cat "$t/kmsg1" >>"$t/kmsg"
	fi
	expect_healthy_noref "orbit hog: main survives with its data intact"
	expect_limit memory.max "the orbit runs under a memory.max"
	expect_limit cpu.max "the orbit runs under a cpu.max"
	kills=$(kernel_oom_kills orbit)
	main_kills=$(kernel_oom_kills main)
	seen=$(max_field orbit_oom)
	if [ "${kills:-0}" -ge 1 ] || [ "${seen:-0}" -ge 1 ]; then
		main_seen=$(max_field main_oom)
		if [ "${main_kills:-0}" -eq 0 ] && [ "${main_seen:-0}" -eq 0 ]; then
			ok "memory.max stopped the hog in the orbit's group, not in main's"
		else
			not_ok "memory.max stopped the hog in the orbit's group, not in main's" \
				"main's group had OOM kills too (kernel log: $main_kills)"
		fi
	else
		not_ok "memory.max stopped the hog in the orbit's group, not in main's" \
			"no OOM kill in a group of the program other than main's (kernel log: ${kills:-0}, memory.events: ${seen:-none})"
	fi
	;;
nothing-left-behind)
	echo "1..3"
	watch orbit loop "exec sleep 2"
	if [ "$(orbits_seen)" -ge 1 ]; then
		ok "orbit loop: an orbit ran beside main"
	else
		not_ok "orbit loop: an orbit ran beside main" "no child of main was seen"
	fi
	most=$(max_field children)
	if [ "${most:-0}" -le 1 ]; then
		ok "orbit loop: never more than one orbit at a time"
	else
		not_ok "orbit loop: never more than one orbit at a time" "most children of main seen at once: $most"
	fi
	if [ "$(cat "$t/after")" = 1 ]; then
		ok "after main exits, nothing it started is running"
	else
		not_ok "after main exits, nothing it started is running" \
			"processes left in its cgroups: $(cat "$t/after")"
	fi
	;;
*)
	echo "Bail out! unknown test id: ${1:-}"
	exit 2
	;;
esac

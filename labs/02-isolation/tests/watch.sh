# watch.sh - run the program while looking at it from outside (sourced by
# lib.sh).  Every 0.5 s (each look costs a few forks, and the VM has one
# CPU: looking more often slows the program under test) the log $t/obs gets lines "NAME VALUE":
#   child PID        each child process of main (orbits, forks)
#   children N       how many there are
#   memory.max V / cpu.max V   the limits of each child's cgroup
#   orbit_oom N      oom_kill in memory.events of the children's cgroup
#   main_oom N       the same for main's own cgroup

comm_of() { cat "/proc/$1/comm" 2>/dev/null; }
children_of() { awk -v p="$1" '$4 == p { print $1 }' /proc/[0-9]*/stat 2>/dev/null; }
cgroup_of() { sed -n 's/^0:://p' "/proc/$1/cgroup" 2>/dev/null; }
oom_kills() { awk '$1 == "oom_kill" { print $2 }' "/sys/fs/cgroup$1/memory.events" 2>/dev/null; }

# Main: the sandboxed command itself, or its kvstore child.
main_pid() {
	top=$(cat "$t/pid" 2>/dev/null) || return 0
	[ "$(comm_of "$top")" = kvstore ] && echo "$top" && return 0
	for c in $(children_of "$top"); do
		[ "$(comm_of "$c")" = kvstore ] && echo "$c" && return 0
	done
}

observe() {
	m=$(main_pid)
	[ -n "$m" ] || return 0
	echo "main_cg $(cgroup_of "$m")"
	echo "main_oom $(oom_kills "$(cgroup_of "$m")")"
	kids=$(children_of "$m")
	echo "children $(echo $kids | wc -w)"
	for c in $kids; do
		g=$(cgroup_of "$c")
		echo "child $c"
		echo "memory.max $(cat "/sys/fs/cgroup$g/memory.max" 2>/dev/null)"
		echo "cpu.max $(cut -d' ' -f1 "/sys/fs/cgroup$g/cpu.max" 2>/dev/null)"
		[ "$g" != "$(cgroup_of "$m")" ] && echo "orbit_oom $(oom_kills "$g")"
	done
}

# observe_children: only "child PID" lines, at the cost of one fork, for
# a test that must see short-lived children (a crashed orbit may live
# under a second, and observe's dozen forks take longer than that on a
# busy host). Remembers main in $m once found.
observe_children() {
	[ -n "$m" ] || m=$(main_pid)
	[ -n "$m" ] || return 0
	awk -v p="$m" '$4 == p { print "child " $1 }' /proc/[0-9]*/stat 2>/dev/null
}

# Every process still in the sandbox's groups (the top of main's group).
left_in_groups() {
	g=$(cgroup_of "$1")
	g=${g%/main}
	cat $(find "/sys/fs/cgroup$g" -name cgroup.procs) 2>/dev/null | wc -l
}

# watch MODE FAULT [THEN]: THEN is shell run after ./kvstore in the sandbox.
# OBSERVE names the look taken each PERIOD seconds (default: observe, 0.5).
watch() {
	rm -f "$t/out" "$t/status" "$t/pid" "$t/obs"
	echo 0 >"$t/after"
	m=
	cmd="./kvstore $1 $2"
	[ -n "${3:-}" ] && cmd="$cmd; $3"
	orbit-sandbox --timeout-ms 30000 --out "$t/out" --status "$t/status" \
		--pid-file "$t/pid" -- sh -c "$cmd" >/dev/null 2>&1 &
	sbx=$!
	while kill -0 "$sbx" 2>/dev/null; do
		"${OBSERVE:-observe}" >>"$t/obs"
		top=$(cat "$t/pid" 2>/dev/null)
		if [ -n "${3:-}" ] && [ -n "$top" ] && [ "$(comm_of "$top")" = sleep ]; then
			left_in_groups "$top" >"$t/after"
			kill "$top" 2>/dev/null
		fi
		sleep "${PERIOD:-0.5}"
	done
	wait "$sbx"
	# the whole log: an OOM report is long and the ring buffer rotates, so
	# an offset taken before the run is not reliable; the sandbox's group
	# names in the lines tell this run's kills apart
	dmesg >"$t/kmsg"
	status=$(cat "$t/status" 2>/dev/null)
	[ -n "${3:-}" ] && [ "$status" = "signaled 15" ] && status="exited 0"
}

# memcg OOM kills in the kernel log during the run, outside / inside main's
# group (the kernel writes the log; the student cannot).
kernel_oom_kills() {
	grep -o 'oom_memcg=[^,]*' "$t/kmsg" | cut -d= -f2 >"$t/memcgs"
	awk -v want="$1" '
		FNR == NR { if ($1 == "main_cg" && $2 != "") { main[$2] = 1; t = $2; sub(/\/main$/, "/", t); top[t] = 1 } next }
		{ if ($0 in main) { if (want == "main") n++; next }
		  for (p in top) if (index($0, p) == 1) { if (want != "main") n++; break } }
		END { print n + 0 }' "$t/obs" "$t/memcgs"
}

# The largest value logged for NAME (empty when never logged).
max_field() { awk -v k="$1" '$1 == k && $2 != "" { if (m == "" || $2 + 0 > m) m = $2 + 0 } END { print m }' "$t/obs"; }
orbits_seen() { awk '$1 == "child" && !s[$2]++ { n++ } END { print n + 0 }' "$t/obs"; }

# expect_limit FILE TITLE: a child's cgroup had FILE set (not "max").
expect_limit() {
	v=$(awk -v k="$1" '$1 == k && $2 != "" && $2 != "max" { print $2; exit }' "$t/obs")
	if [ -n "$v" ]; then
		ok "$2 ($1 $v)"
	else
		not_ok "$2" "no child of main was seen in a cgroup with $1 set"
	fi
}

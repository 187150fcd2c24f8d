# Helpers of Lab 1's checker (sourced by check.sh; busybox sh).  The
# checker runs as root; the student's ./deadlock runs only through
# orbit-sandbox, and its output is judged, never echoed raw.

t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
n=0

plan() {
	echo "TAP version 13"
	echo "1..$1"
}

# ok_if STATUS DESCRIPTION: one assert, ok when STATUS is 0.
ok_if() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

# Quote a file of the student's as TAP diagnostics, bounded.
quote() {
	head -c 2000 "$1" | sed 's/^/#   /'
}

# sandbox NAME TIMEOUT-MS [--env X=Y]... [--pid-file F] -- ARGS: run
# ./deadlock ARGS; output in $t/NAME.out, outcome in $t/NAME.status.
sandbox() {
	name=$1
	ms=$2
	shift 2
	orbit-sandbox --timeout-ms "$ms" --out "$t/$name.out" --status "$t/$name.status" "$@"
}

# run NAME TIMEOUT-MS [ENV=VALUE]... -- ARGS: sandbox ./deadlock ARGS and wait.
run() {
	name=$1
	ms=$2
	shift 2
	envs=
	while [ "$1" != "--" ]; do
		envs="$envs --env $1"
		shift
	done
	shift
	# shellcheck disable=SC2086 # each --env pair splits on purpose
	sandbox "$name" "$ms" $envs -- ./deadlock "$@" >/dev/null 2>&1
}

# field NAME-OF-RUN KEY: KEY's value in the run's last summary line.
field() {
	grep '^summary ' "$t/$1.out" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# expect NAME-OF-RUN KEY=VALUE...: every value in the summary matches.
expect() {
	name=$1
	shift
	bad=0
	for kv in "$@"; do
		got=$(field "$name" "${kv%%=*}")
		if [ "$got" != "${kv#*=}" ]; then
			echo "#   expected ${kv}, got ${kv%%=*}=${got:-(none)}"
			bad=1
		fi
	done
	return $bad
}

# exited_zero NAME-OF-RUN: the program ended by itself with status 0.
exited_zero() {
	if [ "$(cat "$t/$1.status" 2>/dev/null)" = "exited 0" ]; then
		return 0
	fi
	echo "#   the program did not exit 0: $(head -c 100 "$t/$1.status" 2>/dev/null)"
	return 1
}

# report NAME-OF-RUN: the run's output, as diagnostics.
report() {
	echo "# output of ./deadlock:"
	quote "$t/$1.out"
}

# Watching a run from outside.  Forks cost about 0.25 s in the emulated
# guest, so the watch loop uses shell builtins only.

mkfifo "$t/nap" && exec 3<>"$t/nap"
own_cg=
read -r own_cg 2>/dev/null <"/proc/$$/cgroup"

# nap: sleep about 50 ms, without a fork where the shell's read has a
# timeout (busybox), with sleep where it has not (dash).
if [ -z "$( (read -r -t 0 -u 3 _) 2>&1)" ]; then
	nap() { read -r -t 0.05 -u 3 _ || true; }
else
	nap() { sleep 0.05; }
fi

# start NAME [ENV=VALUE]... -- ARGS: run ./deadlock ARGS in the background
# and wait until its pid is known; sets $main ("" if it never started).
start() {
	name=$1
	shift
	envs="--pid-file $t/$name.pid"
	while [ "$1" != "--" ]; do
		envs="$envs --env $1"
		shift
	done
	shift
	# shellcheck disable=SC2086 # each --env pair splits on purpose
	sandbox "$name" 20000 $envs -- ./deadlock "$@" >/dev/null 2>&1 &
	i=0
	while [ ! -s "$t/$name.pid" ] && [ $i -lt 100 ]; do
		nap
		i=$((i + 1))
	done
	main=
	[ -s "$t/$name.pid" ] && read -r main <"$t/$name.pid"
}

# others: set $procs to the processes of the run (its cgroup) but main.
others() {
	procs=
	read -r cg 2>/dev/null <"/proc/$main/cgroup" || return 0
	# not (yet) in a group of its own: the root group, or the checker's
	[ "$cg" = "0::/" ] || [ "$cg" = "$own_cg" ] && return 0
	while read -r p; do
		[ "$p" != "$main" ] && procs="$procs $p"
	done 2>/dev/null <"/sys/fs/cgroup${cg#0::}/cgroup.procs"
}

# sample NAME: note the run's other processes that wait for an orbit call
# (orbit_return, 453) in $t/NAME.idle, and those asleep (nanosleep 162,
# clock_nanosleep 267 and 407) in $t/NAME.asleep.
sample() {
	others
	for c in $procs; do
		read -r nr _ 2>/dev/null <"/proc/$c/syscall" || continue
		case $nr in
		453) echo "$c" >>"$t/$1.idle" ;;
		162 | 267 | 407) echo "$c" >>"$t/$1.asleep" ;;
		esac
	done
}

# running NAME: the background run has not finished yet.
running() {
	[ ! -s "$t/$1.status" ]
}

# has_summary NAME: the run has printed its summary line.
has_summary() {
	while read -r line; do
		case $line in "summary "*) return 0 ;; esac
	done 2>/dev/null <"$t/$1.out"
	return 1
}

# seen_both NAME: one process was seen both idle in orbit_return and asleep.
seen_both() {
	for p in $(sort -u "$t/$1.idle" 2>/dev/null); do
		grep -qx "$p" "$t/$1.asleep" 2>/dev/null && return 0
	done
	return 1
}

# lib.sh - what the isolation lab's checks share (sourced by check.sh).

REQUESTS=200
# The answers of a correct store to the scripted requests: the md5 of the
# "SEQ RESULT" pairs of ./kvstore ref (labs/02-isolation/host.test.ts
# recomputes it from the given code).
REF_DIGEST=034922b30ceb0ebe95c45746e9d91633
# "In time": within this much more than a run with no checker at all.  Loose
# because main stalls for tens of ms on its first writes to the pool after
# each snapshot with the current kernel (measured in the VM: up to 82 ms
# for one request); tighten to 100 ms when snapshots are cheaper.
SLACK_US=1000000

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
n=0
status=
bound_us=$SLACK_US

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

# not_ok TITLE [DIAGNOSTIC...]: quotes the program's output, bounded.
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	for d in "$@"; do echo "# $d"; done
	if [ -s "$t/out" ]; then
		echo "# the program's output (start):"
		head -c 1500 "$t/out" | sed 's/^/#   /'
		echo "# the program's output (end):"
		tail -c 500 "$t/out" | sed 's/^/#   /'
	fi
}


# run TIMEOUT_MS ARG...: ./kvstore ARG... in the sandbox, to the end.
run_for() {
	ms=$1
	shift
	rm -f "$t/out" "$t/status"
	orbit-sandbox --timeout-ms "$ms" --out "$t/out" --status "$t/status" \
		-- ./kvstore "$@" >/dev/null 2>&1
	status=$(cat "$t/status" 2>/dev/null)
}

# run MODE FAULT [TIMEOUT_MS]
run() { run_for "${3:-20000}" "$1" "$2"; }

answered() { grep -c '^a ' "$t/out"; }
digest() { grep '^a ' "$t/out" | cut -d' ' -f2,3 | md5sum | cut -d' ' -f1; }
in_time() { awk -v b="$bound_us" '/^a / && $4 <= b { n++ } END { print n + 0 }' "$t/out"; }
result_field() { sed -n "s/^result .*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$t/out" | tail -n 1; }

# expect_status TITLE PATTERN: the sandbox's status line matches PATTERN.
expect_status() {
	case "$status" in
	$2) ok "$1" ;;
	*) not_ok "$1" "status: ${status:-none} (want $2)" ;;
	esac
}

# The reference run's 95th percentile latency sets the "in time" bound.
reference_p95() {
	run_for 20000 ref
	p95=$(grep '^a ' "$t/out" | cut -d' ' -f4 | sort -n |
		awk '{ v[NR] = $1 } END { i = int(NR * 0.95); print NR ? v[i > 0 ? i : 1] : 0 }')
	bound_us=$((SLACK_US + ${p95:-0}))
	echo "# reference run: 95% of answers within $((p95 / 1000)) ms; bound $((bound_us / 1000)) ms"
}

# Exited normally, every answer given and right.
healthy() {
	[ "$status" = "exited 0" ] && [ "$(answered)" -eq "$REQUESTS" ] &&
		[ "$(digest)" = "$REF_DIGEST" ]
}

expect_healthy_noref() {
	if healthy; then
		ok "$1"
	else
		not_ok "$1" "status: ${status:-none}, answers: $(answered) of $REQUESTS, right: $([ "$(digest)" = "$REF_DIGEST" ] && echo yes || echo no)"
	fi
}

# ...and at least 95% of the answers in time.
expect_healthy() {
	if healthy && [ "$(in_time)" -ge $((REQUESTS * 95 / 100)) ]; then
		ok "$1"
	else
		not_ok "$1" "status: ${status:-none}, answers: $(answered) of $REQUESTS, right: $([ "$(digest)" = "$REF_DIGEST" ] && echo yes || echo no), in time (<= $((bound_us / 1000)) ms): $(in_time)"
	fi
}

. "$(dirname "$0")/watch.sh"

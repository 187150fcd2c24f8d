#!/bin/sh
# Runs one test of the call-cost lab against the built ./call-cost and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out
orbit-sandbox --timeout-ms 8000 --out "$out" -- ./call-cost
status=$?

# The median in microseconds on the line starting with $1 ("clean" or "dirty"), or nothing.
median_of() {
	sed -n "s/^$1: median of [0-9]* calls: \([0-9]*\) us\$/\1/p" "$out"
}

# ok/not ok for a condition, with the output on failure.
verdict() {
	if [ "$2" = yes ]; then
		echo "ok 1 - $1"
	else
		echo "not ok 1 - $1"
		echo "# exit status $status; the output was:"
		head -c 2000 "$out" | sed 's/^/#   /'
	fi
}

echo "TAP version 13"
echo "1..1"
clean=$(median_of clean)
dirty=$(median_of dirty)
case "$1" in
clean-reported) verdict "a clean median in microseconds" "$([ -n "$clean" ] && echo yes)" ;;
dirty-reported) verdict "a dirty median in microseconds" "$([ -n "$dirty" ] && echo yes)" ;;
dirty-costs-more)
	verdict "dirty median above clean median" \
		"$([ -n "$clean" ] && [ -n "$dirty" ] && [ "$dirty" -gt "$clean" ] && echo yes)"
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

#!/bin/sh
# Runs one test of the queue-flags lab against the built ./queue-flags and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out
orbit-sandbox --timeout-ms 8000 --out "$out" -- ./queue-flags
status=$?

# ok/not ok for "the output holds this exact line", with the output on failure.
expect_line() {
	if grep -qx "$2" "$out"; then
		echo "ok $1 - $2"
	else
		echo "not ok $1 - $2"
		echo "# exit status $status; the output was:"
		head -c 2000 "$out" | sed 's/^/#   /'
	fi
}

echo "TAP version 13"
echo "1..1"
case "$1" in
first-runs) expect_line 1 "call 1: ran" ;;
newest-runs) expect_line 1 "call 10: ran" ;;
waiting-cancelled) expect_line 1 "ran 2, cancelled 8, skipped 0" ;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

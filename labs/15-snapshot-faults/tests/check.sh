#!/bin/sh
# Runs one test of the snapshot-faults lab against the built ./snapshot-faults
# and reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out
orbit-sandbox --timeout-ms 8000 --out "$out" -- ./snapshot-faults
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
case "$1" in
cow-counts)
	echo "1..3"
	expect_line 1 "after a call, main writes 64 pages: 64 faults"
	expect_line 2 "again, no call in between: 0 faults"
	expect_line 3 "after a call, main writes 8 pages: 8 faults"
	;;
hot-no-faults)
	echo "1..1"
	expect_line 1 "hot record: 0 faults in 100 calls"
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

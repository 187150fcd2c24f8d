#!/bin/sh
# Runs one test of the fork-snapshot lab against the built ./fork-snapshot and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out

# ok/not ok for "the output holds this line", with the output on failure.
expect_line() {
	if grep -q "$2" "$out"; then
		echo "ok $1 - output has: $2"
	else
		echo "not ok $1 - output has: $2"
		head -c 2000 "$out" | sed 's/^/#   /'
	fi
}

echo "TAP version 13"
case "$1" in
frozen-snapshot)
	orbit-sandbox --timeout-ms 8000 --out "$out" -- ./fork-snapshot
	echo "1..2"
	expect_line 1 "child:  sum of balances in my snapshot = 150"
	expect_line 2 "parent: sum of balances now = 175"
	;;
repair-applied)
	orbit-sandbox --timeout-ms 8000 --out "$out" -- ./fork-snapshot
	echo "1..1"
	expect_line 1 "first balance is now 0"
	;;
crash-not-applied)
	orbit-sandbox --timeout-ms 8000 --out "$out" -- ./fork-snapshot --crash
	echo "1..2"
	expect_line 1 "parent: checker killed by signal 11"
	expect_line 2 "parent: first balance is still 100"
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

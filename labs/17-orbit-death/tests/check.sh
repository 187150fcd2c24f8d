#!/bin/sh
# Runs one test of the orbit-death lab against the built ./orbit-death and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out

# ok/not ok for "the output holds this exact line", with the output on failure.
expect_line() {
	if grep -qx "$2" "$out"; then
		echo "ok $1 - $2"
	else
		echo "not ok $1 - $2"
		echo "# the output was:"
		head -c 2000 "$out" | sed 's/^/#   /'
	fi
}

echo "TAP version 13"
case "$1" in
all-fail-esrch)
	orbit-sandbox --timeout-ms 8000 --out "$out" -- ./orbit-death segv
	echo "1..3"
	expect_line 1 "task 1: failed: No such process"
	expect_line 2 "task 3: failed: No such process"
	expect_line 3 "main: still serving"
	;;
innocent-retried)
	orbit-sandbox --timeout-ms 8000 --out "$out" -- ./orbit-death abort
	echo "1..2"
	expect_line 1 "task 2: returned 20"
	expect_line 2 "task 3: returned 30"
	;;
culprit-not-retried)
	orbit-sandbox --timeout-ms 8000 --out "$out" -- ./orbit-death stack
	echo "1..2"
	expect_line 1 "main: task 1 was running when the orbit died; not retried"
	if grep -q "task 1: returned" "$out"; then
		echo "not ok 2 - task 1 is not run again"
	else
		echo "ok 2 - task 1 is not run again"
	fi
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

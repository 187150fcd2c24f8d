#!/bin/sh
# Runs one test of the first-orbit lab against the built ./first-orbit and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out
orbit-sandbox --timeout-ms 8000 --out "$out" -- ./first-orbit
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
counts) expect_line 1 "orbit: 3 accounts" ;;
fresh-repair-applied) expect_line 1 "account 1: balance 0 (version 2)" ;;
stale-repair-skipped) expect_line 1 "account 2: balance 30 (version 2)" ;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

#!/bin/sh
# Runs one test of the watchdog lab against the built ./watchdog-orbit and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out

# Runs the program with the given switch (at most 5 s) into $out; prints its status.
run_variant() {
	orbit-sandbox --timeout-ms 5000 --out "$out" -- ./watchdog-orbit "$@"
	echo $?
}

# ok/not ok for "the output holds this line", with the end of the output on failure.
expect_line() {
	if grep -q "$2" "$out"; then
		echo "ok $1 - output has: $2"
	else
		echo "not ok $1 - output has: $2"
		echo "# last lines of the output:"
		tail -n 3 "$out" | head -c 2000 | sed 's/^/#   /'
	fi
}

echo "TAP version 13"
case "$1" in
correct-variant) status=$(run_variant) ;;
crash-variant) status=$(run_variant --crash) ;;
hang-variant) status=$(run_variant --hang) ;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac
# The hang variant's first scan never ends, so it has no report to check.
if [ "$1" = hang-variant ]; then echo "1..2"; else echo "1..3"; fi
if [ "$status" -eq 0 ]; then
	echo "ok 1 - exits with status 0"
else
	echo "not ok 1 - exits with status 0"
	echo "# exit status was $status (139: SIGSEGV; 124 or 143: stopped after 5 s)"
fi
expect_line 2 "main: all 20 rounds done"
case "$1" in
correct-variant) expect_line 3 "watchdog: lock 0 held by txn 1" ;;
crash-variant) expect_line 3 "main: the watchdog orbit died" ;;
esac

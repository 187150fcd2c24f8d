#!/bin/sh
# One test of the playground lab, run as root by the grader (labs/README.md,
# "Rules for tests"): the student's ./hello runs only inside orbit-sandbox, which
# has killed everything it started by the time it returns; its output is in a
# root-only file and reaches our stdout only quoted as "#" diagnostics.
# Usage: sh tests/check.sh TEST-ID
set -u
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

echo "TAP version 13"
echo "1..1"
orbit-sandbox --timeout-ms 10000 --out "$t/out" --status "$t/status" -- ./hello
status=$(cat "$t/status")

# quote FILE: at most 400 bytes of the program's output as diagnostics.
quote() {
	head -c 400 "$1" | sed 's/^/#   /'
	echo
}

case "$1" in
greets-orbit)
	# It must print exactly the greeting and end by itself (any exit status).
	if [ "${status%% *}" = exited ] && [ "$(cat "$t/out")" = "Hello, orbit!" ]; then
		echo "ok 1 - prints the greeting for the orbit"
	else
		echo "not ok 1 - prints the greeting for the orbit"
		echo "# expected exactly: Hello, orbit!"
		echo "# the program ($status) printed:"
		quote "$t/out"
	fi
	;;
exits-zero)
	if [ "$status" = "exited 0" ]; then
		echo "ok 1 - exits with status 0"
	else
		echo "not ok 1 - exits with status 0"
		echo "# the program ended: $status"
	fi
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

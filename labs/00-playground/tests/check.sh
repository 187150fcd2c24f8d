#!/bin/sh
# Runs one test of the playground lab against the built ./hello and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
out=hello.out

echo "TAP version 13"
echo "1..1"
./hello >"$out" 2>&1
status=$?
case "$1" in
greets-orbit)
	if [ "$(cat "$out")" = "Hello, orbit!" ]; then
		echo "ok 1 - prints the greeting for the orbit"
	else
		echo "not ok 1 - prints the greeting for the orbit"
		echo "# expected: Hello, orbit!"
		echo "# got:      $(head -c 200 "$out")"
	fi
	;;
exits-zero)
	if [ "$status" -eq 0 ]; then
		echo "ok 1 - exits with status 0"
	else
		echo "not ok 1 - exits with status 0"
		echo "# exit status was $status"
	fi
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

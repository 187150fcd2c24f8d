#!/bin/sh
# Runs one test of the slow-log lab against the built ./slowlog and reports
# it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out
orbit-sandbox --timeout-ms 8000 --out "$out" -- ./slowlog
status=$?
reports=$(grep -c '^after command [0-9]*: main logged [0-9]*, orbit counted [0-9]*$' "$out")
matching=$(awk '/^after command/ { gsub(",", ""); if ($6 == $9) n++ } END { print n + 0 }' "$out")

echo "TAP version 13"
case "$1" in
runs)
	echo "1..2"
	if [ "$status" -eq 0 ]; then echo "ok 1 - exits with status 0"; else echo "not ok 1 - exits with status 0"; echo "# status $status"; fi
	if [ "$reports" -eq 8 ]; then echo "ok 2 - eight reports"; else echo "not ok 2 - eight reports"; echo "# found $reports"; fi
	;;
counts-match)
	echo "1..1"
	if [ "$reports" -eq 8 ] && [ "$matching" -eq 8 ]; then
		echo "ok 1 - the orbit's count equals main's in all eight reports"
	else
		echo "not ok 1 - the orbit's count equals main's in all eight reports"
		head -c 2000 "$out" | sed 's/^/#   /'
	fi
	;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

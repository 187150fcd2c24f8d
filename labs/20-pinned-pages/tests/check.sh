#!/bin/sh
# Runs one test of the pinned-pages lab against the built ./pinned-pages and
# reports it in TAP. Usage: sh tests/check.sh TEST-ID
set -u
# The program runs only inside orbit-sandbox (labs/README.md, "Rules for tests").
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
out=$t/out
orbit-sandbox --timeout-ms 8000 --out "$out" -- ./pinned-pages
status=$?
with_orbit=$(grep -c '^after .*: main [0-9]* kB, orbit [0-9]* kB$' "$out")
held=$(sed -n 's/^after main rewrites the area: main [0-9]* kB, orbit \([0-9]*\) kB$/\1/p' "$out")

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
case "$1" in
runs) verdict "exits 0 with three reports" "$([ "$status" -eq 0 ] && [ "$(grep -c '^after ' "$out")" -eq 3 ] && echo yes)" ;;
orbit-reported) verdict "three reports with the orbit's memory" "$([ "$with_orbit" -eq 3 ] && echo yes)" ;;
old-pages-held) verdict "orbit holds at least 4096 kB after the rewrite" "$([ -n "$held" ] && [ "$held" -ge 4096 ] && echo yes)" ;;
*)
	echo "Bail out! unknown test id: $1"
	exit 2
	;;
esac

#!/bin/sh
# matrix.sh - run every fault in every mode, each in its own process,
# bounded in time, and print one JSON line per cell:
#   mode, fault, survived (yes | died SIGNAL | exit N | hung), intact
#   (yes | no | -), answered, in_time (answers within 50 ms), worst_ms,
#   aux (useful | stale | lost), restarts, seconds.
# "intact" means main's own check passed and every answer equals the
# answer of a run with no checker at all (./kvstore ref).
# Usage: [FAULTS="F..."] sh matrix.sh [MODE...]
#   (default: every fault below, in thread process orbit)
set -u
modes=${*:-thread process orbit}
faults=${FAULTS:-none null abort stack loop lockloop hog wild exit}
bound_s=8
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# The answers alone (sequence and result), as one digest.
answers() { grep '^a ' "$1" | cut -d' ' -f2,3 | md5sum | cut -d' ' -f1; }

# One field of the program's closing "result {json}" line.
field() { sed -n "s/^result .*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$out"; }

./kvstore ref >"$out" 2>/dev/null || { echo "matrix: ./kvstore ref failed" >&2; exit 1; }
ref=$(answers "$out")

# How the cell's process ended, from its exit status.
ended() {
	if [ "$1" -eq 0 ] && grep -q '^result ' "$out"; then echo yes
	elif [ "$1" -eq 137 ] && [ "$2" -ge "$bound_s" ]; then echo hung
	elif [ "$1" -gt 128 ]; then echo "died $(kill -l $(($1 - 128)))"
	else echo "exit $1"; fi
}

for m in $modes; do
	for f in $faults; do
		t0=$(date +%s)
		timeout -s KILL "$bound_s" ./kvstore "$m" "$f" >"$out" 2>/dev/null
		status=$?
		secs=$(($(date +%s) - t0))
		survived=$(ended "$status" "$secs")
		intact=-
		aux=lost
		restarts=0
		if [ "$survived" = yes ]; then
			intact=no
			[ "$(field intact)" = yes ] && [ "$(answers "$out")" = "$ref" ] && intact=yes
			aux=$(field aux)
			restarts=$(field restarts)
		fi
		awk -v m="$m" -v f="$f" -v s="$survived" -v i="$intact" -v a="$aux" \
			-v r="$restarts" -v t="$secs" '
			/^a / { n++; if ($4 <= 50000) ok++; if ($4 > w) w = $4 }
			END { printf "{\"mode\":\"%s\",\"fault\":\"%s\",\"survived\":\"%s\",\"intact\":\"%s\",\"answered\":%d,\"in_time\":%d,\"worst_ms\":%.1f,\"aux\":\"%s\",\"restarts\":%d,\"seconds\":%d}\n", m, f, s, i, n, ok, w / 1000, a, r, t }' "$out"
	done
done

# lib.sh - what the overhead lab's checks share (sourced by check.sh).
#
# The harness prints CSV; this file runs it in the sandbox and reads its
# "sample" rows, computing medians and spreads itself, so no verdict rests
# on the statistics the student's code prints.

HEADER=row,exp,mode,every,table_kb,pool_kb,dirty_pct,rep,requests,calls,throughput,overhead_pct,overhead_mad,call_us,call_mad
# What --quick runs (harness.c's plan "quick").
REPS=5
EVERY="1 10 100 1000"
FREQ_KB=256
SIZES_KB="64 1024 4096"
DIRTY="1 100"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
n=0
status=

plan() { echo "1..$1"; }

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

# not_ok TITLE [DIAGNOSTIC...]: quotes the program's output, bounded.
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	for d in "$@"; do printf '%s\n' "$d" | sed 's/^/# /'; done
	echo "# status: ${status:-none}; the program's output (start):"
	head -c 800 "$t/out" 2>/dev/null | sed 's/^/#   /'
	echo "# its standard error (end):"
	tail -c 400 "$t/err" 2>/dev/null | sed 's/^/#   /'
}

# ok_if STATUS TITLE [DIAGNOSTIC...]
ok_if() {
	s=$1
	shift
	if [ "$s" -eq 0 ]; then ok "$1"; else not_ok "$@"; fi
}

# run ARG...: ./overhead ARG... in the sandbox; CSV in $t/out, stderr in $t/err.
run() {
	rm -f "$t/all" "$t/status"
	orbit-sandbox --timeout-ms "${RUN_MS:-200000}" --out "$t/all" --status "$t/status" \
		-- ./overhead "$@" >/dev/null 2>&1
	status=$(cat "$t/status" 2>/dev/null)
	# The sandbox mixes both streams: progress lines start with "# ".
	grep -v '^# ' "$t/all" >"$t/out"
	grep '^# \|^overhead' "$t/all" >"$t/err"
}

# The sample rows of one configuration, field F (by header name).
# samples EXP MODE EVERY TABLE_KB DIRTY F
samples() {
	awk -F, -v e="$1" -v m="$2" -v ev="$3" -v kb="$4" -v d="$5" -v f="$6" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == "sample" && $2 == e && $3 == m && $4 == ev && $5 == kb && $7 == d { print $col[f] }' "$t/out"
}

# Median and median absolute deviation of the numbers on stdin: "MED MAD".
med_mad() {
	sort -n | awk '
		function med(a, k,   s) { return (a[int((k + 1) / 2)] + a[int(k / 2) + 1]) / 2 }
		{ v[++k] = $1 }
		END {
			if (!k) { print "none none"; exit }
			m = med(v, k)
			for (i = 1; i <= k; i++) d[i] = v[i] > m ? v[i] - m : m - v[i]
			# sort d (k is small)
			for (i = 2; i <= k; i++) for (j = i; j > 1 && d[j - 1] > d[j]; j--) { x = d[j]; d[j] = d[j - 1]; d[j - 1] = x }
			printf "%.4f %.4f\n", m, med(d, k)
		}'
}

# The checker's own median of field F over a configuration's samples.
median_of() { samples "$@" | med_mad | cut -d' ' -f1; }

# lt A B: A < B (decimals).
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

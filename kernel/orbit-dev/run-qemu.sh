#!/bin/sh
# Boot the test kernel with the test initramfs, capture the serial log,
# and fail on a kernel splat or a failed selftest.
# Usage: run-qemu.sh BZIMAGE INITRAMFS LOG [EXTRA_CMDLINE]
# EXTRA_CMDLINE reaches /init as environment, e.g.
#   "ORBIT_FUZZ_SEED=7 ORBIT_FUZZ_CALLS=100000" for a long fuzz run.
set -u
kernel=$1 initrd=$2 log=$3 extra=${4:-}
timeout 600 qemu-system-i386 -m 128 -nographic -no-reboot \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 $extra" > "$log" 2>&1
status=0
if grep -nE "Oops|BUG|WARNING|Bad rss-counter|Kernel panic" "$log"; then
	echo "run-qemu.sh: kernel problem in $log" >&2
	status=1
fi
grep -E "^(not )?ok |^# Totals|^1\.\." "$log" | tr -d '\r'
grep -a "orbit_fuzz:" "$log" | tr -d '\r'
grep -q "ORBIT-DEV: fuzz exit 0" "$log" || {
	echo "run-qemu.sh: fuzz failed or did not finish, see $log" >&2
	status=1
}
grep -q "ORBIT-DEV: selftests exit 0" "$log" || {
	echo "run-qemu.sh: selftests failed or did not finish, see $log" >&2
	status=1
}
exit $status

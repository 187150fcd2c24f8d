#!/bin/sh
# /init of the developer-loop VM: run the orbit selftests, then power off.
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
echo "ORBIT-DEV: selftests start"
/bin/orbit_test
echo "ORBIT-DEV: selftests exit $?"
echo "ORBIT-DEV: fuzz start"
/bin/orbit_fuzz ${ORBIT_FUZZ_SEED:-1} ${ORBIT_FUZZ_CALLS:-20000}
echo "ORBIT-DEV: fuzz exit $?"
grep -E "MemFree|AnonPages" /proc/meminfo
# with -no-reboot, QEMU exits on reboot
reboot -f

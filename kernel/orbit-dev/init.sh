#!/bin/sh
# /init of the developer-loop VM: run the orbit selftests, then power off.
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
echo "ORBIT-DEV: selftests start"
/bin/orbit_test
echo "ORBIT-DEV: selftests exit $?"
grep -E "MemFree|AnonPages" /proc/meminfo
# with -no-reboot, QEMU exits on reboot
reboot -f

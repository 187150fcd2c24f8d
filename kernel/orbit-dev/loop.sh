#!/bin/sh
# The whole developer loop: configure (first time), build the kernel,
# build liborbit + selftests + initramfs, boot in QEMU, check the log.
# Environment: KSRC (kernel git tree), KBUILD (build dir), WORK (scratch dir),
#              VMCONFIG (the VM config fragment).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
KSRC=${KSRC:-/var/tmp/orbit-linux}
KBUILD=${KBUILD:-/var/tmp/orbit-build}
WORK=${WORK:-/var/tmp/orbit-dev}
VMCONFIG=${VMCONFIG:-/work/main/kernel/config/orbit-vm.config}
mkdir -p "$WORK"
[ -f "$KBUILD/.config" ] || "$here/kconfig.sh" "$KSRC" "$KBUILD" "$VMCONFIG"
nice -n 10 make -s -j2 ARCH=i386 -C "$KSRC" O="$KBUILD" bzImage
"$here/initramfs.sh" "$WORK/initramfs.cpio.lz4" "$WORK"
"$here/run-qemu.sh" "$KBUILD/arch/x86/boot/bzImage" "$WORK/initramfs.cpio.lz4" "$WORK/qemu.log"

#!/bin/sh
# Build the test initramfs: static busybox (i386), the orbit selftests and
# an /init that runs them and powers off.
# Usage: initramfs.sh OUT.cpio.lz4 WORKDIR
set -eu
out=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
kdir=$(dirname "$here")
mkdir -p "$work"
deb=$(ls "$work"/busybox-static_*_i386.deb 2>/dev/null | head -n1 || true)
if [ -z "$deb" ]; then
	(cd "$work" && apt-get download busybox-static:i386)
	deb=$(ls "$work"/busybox-static_*_i386.deb | head -n1)
fi
root=$work/root
rm -rf "$root"
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
dpkg -x "$deb" "$work/bb"
cp "$work/bb/bin/busybox" "$root/bin/busybox"
for app in sh mount dmesg reboot grep cat echo sleep; do
	ln -sf busybox "$root/bin/$app"
done
make -s -C "$kdir/liborbit"
make -s -C "$kdir/selftests/orbit"
cp "$kdir/selftests/orbit/orbit_test" "$kdir/selftests/orbit/orbit_fuzz" "$root/bin/"
cp "$here/init.sh" "$root/init"
chmod +x "$root/init"
# LZ4, the only initramfs compression the VM's configuration keeps (CONFIG_RD_LZ4)
(cd "$root" && find . | cpio -o -H newc --quiet) | lz4 -l -9 -q > "$out"

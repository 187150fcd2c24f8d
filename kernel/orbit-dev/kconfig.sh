#!/bin/sh
# Configure the developer-loop kernel: tinyconfig + the VM fragment + debug.config.
# Usage: kconfig.sh KSRC BUILD_DIR VM_FRAGMENT
set -eu
ksrc=$1 out=$2 frag=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
make -s -C "$ksrc" O="$out" ARCH=i386 tinyconfig
"$ksrc/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag" "$here/debug.config" >/dev/null
make -s -C "$ksrc" O="$out" ARCH=i386 olddefconfig
for opt in CONFIG_ORBIT CONFIG_DEBUG_VM; do
	grep -q "^$opt=y" "$out/.config" || { echo "kconfig.sh: $opt did not survive olddefconfig" >&2; exit 1; }
done

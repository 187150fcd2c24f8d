# Shared paths, constants and helpers for the orbit VM build (sourced, not run).

set -euo pipefail

KERNEL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$KERNEL_DIR/.." && pwd)
BUILD_DIR=${ORBIT_BUILD_DIR:-/var/tmp/orbit-vm-build}
DEB_DIR="$BUILD_DIR/debs"
PKG_DIR="$BUILD_DIR/pkgs"

# die MESSAGE: print what failed and stop the build.
die() {
  echo "kernel/build.sh: error: $*" >&2
  exit 1
}

# log MESSAGE: one progress line.
log() {
  echo "==> $*" >&2
}

# vm_json EXPR: read a value from kernel/vm.json (EXPR is a JS expression on `v`).
vm_json() {
  node -e 'const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
           process.stdout.write(String(eval(process.argv[2])));' "$KERNEL_DIR/vm.json" "$1"
}

# lock_entries: the `name:arch version` lines of packages.lock, comments stripped.
lock_entries() {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$KERNEL_DIR/rootfs/packages.lock"
}

# lock_version NAME: the pinned version of package NAME (any arch).
lock_version() {
  lock_entries | awk -v n="$1" '{ split($1, a, ":"); if (a[1] == n) print $2 }'
}

# pkg_root NAME: the directory where package NAME is unpacked.
pkg_root() {
  echo "$PKG_DIR/$1"
}

SOURCE_DATE_EPOCH=$(vm_json v.sourceDateEpoch)
export SOURCE_DATE_EPOCH
OUT_DIR="$REPO_DIR/$(vm_json v.outputs.dir)"

# check_vm_json: vm.json's memory size and command line must agree. v86 loads the
# initrd at 64 MB and its BIOS reports RAM above 64 MB as reserved, so the command
# line declares all of it as RAM (memmap=exactmap): the initrd is then freed into
# ordinary memory after unpacking (src/vm/build/save-state.ts zeroes free memory
# before it saves the state).
check_vm_json() {
  local mb cmdline
  mb=$(vm_json v.memoryMB)
  cmdline=$(vm_json v.cmdline)
  [[ " $cmdline " == *" memmap=$((mb - 1))M@1M "* ]] ||
    die "kernel/vm.json: cmdline must contain memmap=$((mb - 1))M@1M for memoryMB $mb"
}

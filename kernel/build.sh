#!/bin/bash
# Build the orbit VM image: kernel, initramfs and BIOS files into static/vm/.
# Usage: bash kernel/build.sh   (as root it also installs the build host's packages)
# Environment: ORBIT_BUILD_DIR (default /var/tmp/orbit-vm-build) for the work tree.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
for f in common host-deps fetch kernel liborbit agent rootfs outputs; do
  # shellcheck source=/dev/null
  source "$here/scripts/$f.sh"
done

check_vm_json
host_deps
fetch_packages
build_kernel
build_liborbit
build_agent
build_rootfs
write_outputs
log "done: $(cd "$OUT_DIR" && ls | tr '\n' ' ')"

# Check (and, as root, install) the build host's Debian packages.

# Host tools: compiler and make for the kernel, flex/bison for Kconfig, bc for
# timeconst, lz4 for the kernel image and initramfs, readelf (binutils) to check the
# programs' libraries, xz for the source tarball, node for vm.json, gcc-multilib
# (gcc -m32) for liborbit and the orbit selftests.
HOST_PACKAGES=(gcc make binutils libc6-dev flex bison bc lz4 cpio gzip xz-utils dpkg apt nodejs gcc-multilib)

# host_deps: install missing host packages as root; otherwise say which command to run.
host_deps() {
  local missing=() p
  for p in "${HOST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$p")
  done
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    [ "$(id -u)" = 0 ] || die "i386 packages are not enabled; run: sudo dpkg --add-architecture i386 && sudo apt-get update"
    log "enabling i386 packages"
    dpkg --add-architecture i386
    apt-get update
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing build packages; run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  log "installing host packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

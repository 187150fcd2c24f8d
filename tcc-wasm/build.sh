#!/bin/bash
# Build the in-page compiler: Debian's tcc (the guest's version) compiled to
# WebAssembly with Debian's emscripten as an i386 Linux cross compiler, and the
# guest's headers and libraries it compiles against, into static/tcc/.
# Usage: bash tcc-wasm/build.sh   (as root it also installs the pinned tools)
# Environment: ORBIT_TCC_BUILD_DIR (default /var/tmp/orbit-tcc-wasm-build).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=${ORBIT_TCC_BUILD_DIR:-/var/tmp/orbit-tcc-wasm-build}
out="$repo/static/tcc"
image="$repo/static/vm/initrd.img"
SOURCE_DATE_EPOCH=$(node -p 'require(process.argv[1]).sourceDateEpoch' "$repo/kernel/vm.json")
export SOURCE_DATE_EPOCH

die() {
  echo "tcc-wasm/build.sh: error: $*" >&2
  exit 1
}

log() {
  echo "==> $*" >&2
}

# lock_entries: the `name version` lines of packages.lock, comments stripped.
lock_entries() {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages.lock"
}

# lock_version NAME: the pinned version of NAME.
lock_version() {
  lock_entries | awk -v n="$1" '$1 == n { print $2 }'
}

# check_tools: every pinned tool installed at its pinned version (installed as root).
check_tools() {
  local name ver have missing=()
  while read -r name ver; do
    [ "$name" = tcc ] && continue
    have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)
    [ "$have" = "$ver" ] || missing+=("$name=$ver")
  done < <(lock_entries)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    log "installing ${missing[*]}"
    apt-get install -y -q "${missing[@]}" >&2 || die "apt cannot install ${missing[*]}; update tcc-wasm/packages.lock"
  else
    die "run as root: apt-get install ${missing[*]}"
  fi
}

# check_same_tcc: the source pinned here is the guest's tcc.
check_same_tcc() {
  local guest
  guest=$(awk '$1 == "tcc:i386" { print $2 }' "$repo/kernel/rootfs/packages.lock")
  [ "$guest" = "$(lock_version tcc)" ] ||
    die "packages.lock pins tcc $(lock_version tcc) but the guest runs $guest (kernel/rootfs/packages.lock)"
}

# fetch_source: Debian's tcc source package at the pinned version, unpacked and patched.
fetch_source() {
  local ver apt_opts
  ver=$(lock_version tcc)
  mkdir -p "$build/apt/lists/partial" "$build/dl"
  # A private source list, so the host's apt configuration stays untouched.
  echo "deb-src http://deb.debian.org/debian bookworm main" >"$build/apt/sources.list"
  apt_opts=(-q -o "Dir::Etc::SourceList=$build/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$build/apt/lists" -o APT::Sandbox::User=root)
  if ! ls "$build/dl/tcc_${ver#*:}.dsc" >/dev/null 2>&1; then
    log "downloading the source of tcc $ver"
    apt-get "${apt_opts[@]}" update >&2
    (cd "$build/dl" && apt-get "${apt_opts[@]}" source --download-only "tcc=$ver" >&2) ||
      die "apt cannot provide the source of tcc $ver; see kernel/rootfs/packages.lock on bumping pins"
  fi
  rm -rf "$build/tcc"
  dpkg-source -q -x "$build/dl/tcc_${ver#*:}.dsc" "$build/tcc" >&2
  for p in "$here"/patches/*.patch; do
    patch -s -d "$build/tcc" -p1 <"$p"
  done
}

# build_tcc: tcc.mjs and tcc.wasm, configured as Debian configures the i386 tcc.
build_tcc() {
  log "compiling tcc with emcc"
  (cd "$build/tcc" && ./configure --prefix=/usr --libdir=/usr/lib/i386-linux-gnu \
    --cpu=i386 --triplet=i386-linux-gnu >/dev/null)
  mkdir -p "$out"
  # Debian's emscripten runs with the system python and finds acorn under /usr/share/nodejs.
  # Node loads it as a worker does: src/tcc hands it the compiled module (instantiateWasm).
  (cd "$build/tcc" && NODE_PATH=/usr/share/nodejs EMSDK_PYTHON=/usr/bin/python3 emcc -O2 \
    -DONE_SOURCE=1 -DTCC_TARGET_I386 '-DCONFIG_TRIPLET="i386-linux-gnu"' \
    -fno-strict-aliasing -Wno-pointer-sign -Wno-string-plus-int -w \
    -sMODULARIZE -sEXPORT_ES6 -sEXPORT_NAME=createTcc -sINVOKE_RUN=0 -sEXIT_RUNTIME=1 \
    -sALLOW_MEMORY_GROWTH -sENVIRONMENT=web,worker -sFILESYSTEM=1 \
    -sEXPORTED_RUNTIME_METHODS=FS,callMain -o "$build/tcc.mjs" tcc.c)
  cp "$build/tcc.mjs" "$build/tcc.wasm" "$out/"
}

# build_sysroot: the image's own headers and libraries, packed as sysroot.tar.xz.
build_sysroot() {
  local path
  log "taking the sysroot from static/vm/initrd.img"
  rm -rf "$build/image" "$build/sysroot"
  mkdir -p "$build/image" "$build/sysroot"
  (cd "$build/image" && cpio -i -d --quiet --no-absolute-filenames <"$image")
  while read -r path; do
    [ -e "$build/image/$path" ] || [ -L "$build/image/$path" ] || die "the image has no $path (tcc-wasm/sysroot.txt)"
    (cd "$build/image" && cp -a --parents "${path%/}" "$build/sysroot/")
  done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/sysroot.txt")
  find "$build/sysroot" -name '*.so.*' -type f -exec node "$here/stub-elf.mjs" {} +
  (cd "$build/sysroot" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort >"$build/sysroot.list")
  tar -C "$build/sysroot" --format=ustar --no-recursion --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" -T "$build/sysroot.list" -cf "$build/sysroot.tar"
  xz -9e -T1 -c "$build/sysroot.tar" >"$out/sysroot.tar.xz"
}

check_tools
check_same_tcc
fetch_source
build_tcc
build_sysroot
node "$here/manifest.mjs" "$repo" "$build/image" "$build/sysroot.list"
log "done: $(cd "$out" && ls | tr '\n' ' ')"

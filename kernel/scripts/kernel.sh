# Unpack linux-source-6.1, apply the patch series, configure and build bzImage.

SRC_DIR="$BUILD_DIR/linux"

# kernel_inputs_hash: one hash over everything the kernel build depends on.
kernel_inputs_hash() {
  {
    lock_version linux-source-6.1
    cat "$KERNEL_DIR/config/orbit-vm.config" "$KERNEL_DIR/patches/series"
    series_patches | while read -r p; do cat "$KERNEL_DIR/patches/$p"; done
    echo "$SOURCE_DATE_EPOCH"
    cat "$KERNEL_DIR/scripts/kernel.sh"
  } | sha256sum | cut -d' ' -f1
}

# series_patches: the patch file names of patches/series, in order.
series_patches() {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$KERNEL_DIR/patches/series"
}

# unpack_kernel: a fresh source tree from the pinned linux-source tarball.
unpack_kernel() {
  local tarball
  tarball=$(ls "$(pkg_root linux-source-6.1)"/usr/src/linux-source-6.1.tar.xz) ||
    die "linux-source-6.1 package has no /usr/src/linux-source-6.1.tar.xz"
  rm -rf "$SRC_DIR"
  mkdir -p "$SRC_DIR"
  log "unpacking $(basename "$tarball")"
  tar -xf "$tarball" -C "$SRC_DIR" --strip-components=1
}

# apply_patches: apply patches/series in order; any failure stops the build.
apply_patches() {
  local p
  series_patches | while read -r p; do
    [ -f "$KERNEL_DIR/patches/$p" ] || die "patches/series names $p, which does not exist"
    log "applying $p"
    patch -p1 -d "$SRC_DIR" --forward --batch < "$KERNEL_DIR/patches/$p" ||
      die "patch $p does not apply to linux-source-6.1 $(lock_version linux-source-6.1)"
  done
}

# kmake ARGS: make in the kernel tree with the reproducibility variables fixed.
kmake() {
  nice -n 10 make -C "$SRC_DIR" ARCH=i386 \
    KBUILD_BUILD_TIMESTAMP="$(date -u -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S UTC')" \
    KBUILD_BUILD_USER=orbit KBUILD_BUILD_HOST=orbit KBUILD_BUILD_VERSION=1 \
    "$@"
}

# configure_kernel: tinyconfig, then the fragment, then olddefconfig, then the check.
configure_kernel() {
  log "configuring: tinyconfig + config/orbit-vm.config"
  kmake -s tinyconfig
  cat "$KERNEL_DIR/config/orbit-vm.config" >> "$SRC_DIR/.config"
  # Kconfig warns about every option the fragment overrides: expected, so filtered.
  kmake -s olddefconfig 2> >(grep -v 'warning: override' >&2)
  bash "$KERNEL_DIR/scripts/check-config.sh" "$KERNEL_DIR/config/orbit-vm.config" "$SRC_DIR/.config"
}

# build_kernel: bzImage into $BUILD_DIR/bzImage, rebuilt only when an input changed.
build_kernel() {
  local hash stamp="$BUILD_DIR/bzImage.inputs"
  hash=$(kernel_inputs_hash)
  if [ -f "$BUILD_DIR/bzImage" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
    log "kernel inputs unchanged, reusing $BUILD_DIR/bzImage"
    return 0
  fi
  unpack_kernel
  apply_patches
  configure_kernel
  log "building bzImage (make -j2)"
  kmake -j2 bzImage
  cp "$SRC_DIR/arch/x86/boot/bzImage" "$SRC_DIR/.config" "$BUILD_DIR/"
  echo "$hash" > "$stamp"
}

# Assemble the initramfs: kept package files, generated /etc files, overlay, /init;
# then a reproducible cpio (sorted, fixed mtimes/owners/modes), shipped uncompressed.

ROOT_DIR="$BUILD_DIR/rootfs"
# Where tcc looks for headers, in its order (see keep.txt).
HEADER_DIRS=(usr/lib/i386-linux-gnu/tcc/include usr/include/i386-linux-gnu usr/include)
HEADER_PKGS=(tcc libc6-dev linux-libc-dev)

# keep_path PACKAGE GLOB: copy the matching files (symlinks as links) into the rootfs.
keep_path() {
  local pkg=$1 glob=$2 matches
  matches=$(cd "$(pkg_root "$pkg")" && compgen -G "$glob") ||
    die "keep.txt: '$glob' matches nothing in package $pkg"
  (cd "$(pkg_root "$pkg")" && echo "$matches" | xargs cp -a --parents -t "$ROOT_DIR")
}

# find_header NAME [DIR]: the "package/path" of header NAME, or nothing.
# DIR (for "" includes) is the including file's directory, searched first.
find_header() {
  local name=$1 dir=${2:-} d p
  if [ -n "$dir" ] && [ -f "$PKG_DIR/$dir/$name" ]; then
    echo "${dir#*/}/$name" | sed "s|^|${dir%%/*}/|"
    return 0
  fi
  for d in "${HEADER_DIRS[@]}"; do
    for p in "${HEADER_PKGS[@]}"; do
      [ -f "$PKG_DIR/$p/$d/$name" ] && { echo "$p/$d/$name"; return 0; }
    done
  done
  return 1
}

# keep_headers: copy every `header` line of keep.txt with its #include closure.
# The closure is textual (all #include lines, also inside #if), so it over-approximates.
keep_headers() {
  local -A seen=()
  local queue=() h f inc kind
  while read -r h; do
    f=$(find_header "$h") || die "keep.txt: header <$h> is in none of ${HEADER_PKGS[*]}"
    queue+=("$f")
  done < <(awk '$1 == "header" { print $2 }' "$KERNEL_DIR/rootfs/keep.txt")
  while [ ${#queue[@]} -gt 0 ]; do
    f=${queue[0]}
    queue=("${queue[@]:1}")
    [ -n "${seen[$f]:-}" ] && continue
    seen[$f]=1
    while read -r kind inc; do
      if [ "$kind" = '"' ]; then
        inc=$(find_header "$inc" "$(dirname "$f")") || continue
      else
        inc=$(find_header "$inc") || continue
      fi
      queue+=("$inc")
    done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include(_next)?[[:space:]]*([<"])([^>"]+)[>"].*/\2 \3/p' "$PKG_DIR/$f")
  done
  for f in "${!seen[@]}"; do
    (cd "$PKG_DIR/${f%%/*}" && cp -a --parents "${f#*/}" "$ROOT_DIR")
  done
  log "kept ${#seen[@]} header files"
}

# write_etc: /etc/passwd and /etc/group for root and student (uid/gid from vm.json).
# root has no usable password ("x" and no shadow file): only root can switch users.
write_etc() {
  local uid gid home
  uid=$(vm_json v.users.student.uid)
  gid=$(vm_json v.users.student.gid)
  home=$(vm_json v.users.student.home)
  mkdir -p "$ROOT_DIR/etc" "$ROOT_DIR$home"
  printf 'root:x:0:0:root:/root:/bin/sh\nstudent:x:%s:%s:student:%s:/bin/sh\n' \
    "$uid" "$gid" "$home" > "$ROOT_DIR/etc/passwd"
  printf 'root:x:0:\nstudent:x:%s:\n' "$gid" > "$ROOT_DIR/etc/group"
  vm_json v.ninep.guestPath > "$ROOT_DIR/etc/orbit-exchange-dir"
  vm_json v.ninep.tag > "$ROOT_DIR/etc/orbit-9p-tag"
}

# stage_rootfs: the rootfs tree in $ROOT_DIR.
stage_rootfs() {
  local pkg glob
  rm -rf "$ROOT_DIR"
  mkdir -p "$ROOT_DIR"
  while read -r pkg glob; do
    keep_path "$pkg" "$glob"
  done < <(awk '$1 == "keep" { print $2, $3 }' "$KERNEL_DIR/rootfs/keep.txt")
  keep_headers
  mkdir -p "$ROOT_DIR"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,root,run,var,mnt}
  mkdir -p "$ROOT_DIR$(vm_json v.ninep.guestPath)"
  write_etc
  cp -a "$KERNEL_DIR/rootfs/overlay/." "$ROOT_DIR/"
  cp -a "$ORBIT_STAGE/." "$ROOT_DIR/"
  cp -a "$AGENT_STAGE/." "$ROOT_DIR/"
  cp "$KERNEL_DIR/rootfs/init" "$ROOT_DIR/init"
  check_libraries
}

# check_libraries: every shared library a kept program needs is in the rootfs.
check_libraries() {
  local f lib
  while read -r f; do
    for lib in $(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      [ -e "$ROOT_DIR/lib/i386-linux-gnu/$lib" ] ||
        die "${f#"$ROOT_DIR"} needs $lib: add 'keep libc6 lib/i386-linux-gnu/$lib' (or its package) to kernel/rootfs/keep.txt"
    done
  done < <(find "$ROOT_DIR" -type f -perm -u+x)
}

# cpio_mode PATH: the archive mode of a staged path (fixed, not the checkout's umask).
cpio_mode() {
  case "$1" in
    /tmp) echo 1777 ;;
    /root) echo 0700 ;;
    *) if [ -d "$ROOT_DIR$1" ] || [ -x "$ROOT_DIR$1" ]; then echo 0755; else echo 0644; fi ;;
  esac
}

# cpio_list: the gen_init_cpio description of the staged tree, sorted by path.
cpio_list() {
  local p owner home
  home=$(vm_json v.users.student.home)
  echo "nod /dev/console 0600 0 0 c 5 1"
  (cd "$ROOT_DIR" && find . -mindepth 1 | sed 's|^\.||' | LC_ALL=C sort) | while read -r p; do
    owner="0 0"
    [ "$p" = "$home" ] && owner="$(vm_json v.users.student.uid) $(vm_json v.users.student.gid)"
    if [ -L "$ROOT_DIR$p" ]; then
      echo "slink $p $(readlink "$ROOT_DIR$p") 0777 0 0"
    elif [ -d "$ROOT_DIR$p" ]; then
      echo "dir $p $(cpio_mode "$p") $owner"
    else
      echo "file $p $ROOT_DIR$p $(cpio_mode "$p") $owner"
    fi
  done
}

# build_rootfs: $BUILD_DIR/initrd.img from the staged tree.
build_rootfs() {
  local gen="$BUILD_DIR/gen_init_cpio"
  stage_rootfs
  gcc -O2 -o "$gen" "$BUILD_DIR/linux/usr/gen_init_cpio.c"
  find "$ROOT_DIR" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  cpio_list > "$BUILD_DIR/initramfs.list"
  "$gen" -t "$SOURCE_DATE_EPOCH" "$BUILD_DIR/initramfs.list" > "$BUILD_DIR/initrd.cpio"
  # Uncompressed: a compressing web server sends it smaller (gzip -9 3.0 MB, brotli 2.2 MB)
  # than an LZ4 initrd (3.4 MB, which brotli cannot shrink below 2.8 MB); boot time in v86
  # was the same within noise, and the saved state does not depend on it (the initrd is
  # freed and zeroed after unpacking). The kernel still reads LZ4 (CONFIG_RD_LZ4).
  cp "$BUILD_DIR/initrd.cpio" "$BUILD_DIR/initrd.img"
  log "initramfs: $(stat -c %s "$BUILD_DIR/initrd.img") bytes (uncompressed cpio)"
  # v86 copies the initrd to 64 MB: it must fit below the end of memory.
  [ $(( (64 << 20) + $(stat -c %s "$BUILD_DIR/initrd.img") )) -lt $(( $(vm_json v.memoryMB) << 20 )) ] ||
    die "initrd.img does not fit between 64 MB and memoryMB ($(vm_json v.memoryMB)) in kernel/vm.json"
}

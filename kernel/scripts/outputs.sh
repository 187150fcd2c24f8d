# Copy the built kernel, initramfs and BIOS files to static/vm/ and write LICENSES.md.

# Licence of each shipped Debian source package (from its debian/copyright).
declare -A SOURCE_LICENSE=(
  [linux]="GPL-2.0-only (kernel); UAPI headers GPL-2.0-only WITH Linux-syscall-note"
  [busybox]="GPL-2.0-only"
  [glibc]="LGPL-2.1-or-later (some files under other free licences, see debian/copyright)"
  [tcc]="LGPL-2.1-or-later (some files GPL-2.0-or-later or MIT, see debian/copyright)"
  [seabios]="LGPL-3.0-only (SeaBIOS and SeaVGABIOS)"
)

# What of each binary package ships in static/vm/.
declare -A SHIPPED_AS=(
  [linux-source-6.1]="bzImage (built from it, config kernel/config/orbit-vm.config, patches kernel/patches/)"
  [linux-libc-dev]="kernel headers under /usr/include in the initramfs"
  [busybox-static]="/bin/busybox in the initramfs"
  [libc6]="shared libraries in the initramfs"
  [libc6-dev]="headers, crt*.o, libc.so and libc_nonshared.a in the initramfs"
  [tcc]="/usr/bin/tcc with its runtime and headers in the initramfs"
  [seabios]="seabios.bin (bios.bin) and vgabios.bin (vgabios-stdvga.bin)"
)

# source_of DEB: "SOURCE VERSION" of a .deb (Source field, falling back to the package).
source_of() {
  local src ver
  src=$(dpkg-deb -f "$1" Source)
  ver=$(dpkg-deb -f "$1" Version)
  [ -z "$src" ] && src=$(dpkg-deb -f "$1" Package)
  if [[ $src =~ ^([^ ]+)\ \((.+)\)$ ]]; then
    src=${BASH_REMATCH[1]}
    ver=${BASH_REMATCH[2]}
  fi
  echo "$src $ver"
}

# write_licenses FILE: the table of shipped packages, their sources and licences.
write_licenses() {
  local spec ver name arch deb src sver enc
  {
    echo "# Licences and sources of the orbit VM image"
    echo
    echo "Everything in this directory except this file is built by \`kernel/build.sh\` from"
    echo "the Debian 12 (bookworm) packages below, pinned in \`kernel/rootfs/packages.lock\`."
    echo "The corresponding source of each is the Debian source package named here:"
    echo "\`apt-get source SOURCE=VERSION\` (with a deb-src line for bookworm), or"
    echo "https://snapshot.debian.org/package/SOURCE/VERSION/ for any version ever published."
    echo "The orbit kernel patches are in \`kernel/patches/\` of this repository."
    echo
    echo "| Binary package | Version | Source package | Source version | Licence | Shipped as |"
    echo "| --- | --- | --- | --- | --- | --- |"
    while read -r spec ver; do
      name=${spec%%:*}
      arch=${spec#*:}
      deb="$DEB_DIR/$(deb_file "$name" "$arch" "$ver")"
      read -r src sver < <(source_of "$deb")
      enc=$(printf '%s' "$sver" | sed -e 's/:/%3A/g' -e 's/+/%2B/g')
      echo "| $name:$arch | $ver | [$src](https://snapshot.debian.org/package/$src/$enc/) | $sver | ${SOURCE_LICENSE[$src]:-see debian/copyright} | ${SHIPPED_AS[$name]:-} |"
    done < <(lock_entries)
  } > "$1"
}

# write_outputs: the files of static/vm/ this build owns.
write_outputs() {
  local bios_dir
  bios_dir="$(pkg_root seabios)/usr/share/seabios"
  mkdir -p "$OUT_DIR"
  cp "$BUILD_DIR/bzImage" "$OUT_DIR/$(vm_json v.outputs.kernel)"
  cp "$BUILD_DIR/initrd.img" "$OUT_DIR/$(vm_json v.outputs.initrd)"
  cp "$bios_dir/bios.bin" "$OUT_DIR/$(vm_json v.outputs.bios)"
  cp "$bios_dir/vgabios-stdvga.bin" "$OUT_DIR/$(vm_json v.outputs.vgaBios)"
  write_licenses "$OUT_DIR/$(vm_json v.outputs.licenses)"
  (cd "$OUT_DIR" && sha256sum "$(vm_json v.outputs.kernel)" "$(vm_json v.outputs.initrd)" >&2)
}

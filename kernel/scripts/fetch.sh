# Download the pinned Debian packages and unpack each into its own directory.

# deb_file NAME ARCH VERSION: the file name apt-get download gives that package.
deb_file() {
  local v=${3//:/%3a}
  echo "${1}_${v}_${2}.deb"
}

# fetch_one NAME ARCH VERSION: download one exact package version unless cached.
fetch_one() {
  local name=$1 arch=$2 ver=$3 spec file
  file=$(deb_file "$name" "$arch" "$ver")
  [ -f "$DEB_DIR/$file" ] && return 0
  if [ "$arch" = all ]; then spec="$name=$ver"; else spec="$name:$arch=$ver"; fi
  log "downloading $spec"
  (cd "$DEB_DIR" && apt-get -q -o APT::Sandbox::User="$(id -un)" download "$spec") ||
    die "apt cannot provide $spec (pinned in kernel/rootfs/packages.lock). Run 'apt-get update'; if the version left the mirror, pick the current one with 'apt-cache policy $name:$arch', update packages.lock, rebuild and commit the new images."
  [ -f "$DEB_DIR/$file" ] || die "apt-get download $spec did not produce $file"
}

# fetch_packages: download and unpack every package of packages.lock.
fetch_packages() {
  local spec ver name arch
  mkdir -p "$DEB_DIR" "$PKG_DIR"
  while read -r spec ver; do
    name=${spec%%:*}
    arch=${spec#*:}
    fetch_one "$name" "$arch" "$ver"
    rm -rf "$(pkg_root "$name")"
    dpkg-deb -x "$DEB_DIR/$(deb_file "$name" "$arch" "$ver")" "$(pkg_root "$name")"
  done < <(lock_entries)
}

#!/bin/sh
# Export the orbit commits of the kernel tree as the patch series.
# Usage: export-patches.sh KSRC   (base = the first commit, the pristine tree)
set -eu
ksrc=$1
here=$(cd "$(dirname "$0")" && pwd)
dest=$(dirname "$here")/patches
base=$(git -C "$ksrc" rev-list --max-parents=0 HEAD)
mkdir -p "$dest"
rm -f "$dest"/*-orbit-*.patch "$dest"/00[0-9][0-9]-*.patch
git -C "$ksrc" format-patch -q --no-signature --zero-commit -o "$dest" "$base"..HEAD
{
	echo "# The orbit kernel patch series: one file name a line, relative to this directory,"
	echo "# applied in order with \`patch -p1\` on top of the pinned linux-source-6.1 (issue 4)."
	echo "# Lines starting with # and blank lines are ignored."
	(cd "$dest" && ls [0-9][0-9][0-9][0-9]-*.patch)
} > "$dest/series"
cmp -s "$ksrc/include/uapi/linux/orbit.h" "$(dirname "$here")/liborbit/uapi/linux/orbit.h" || {
	echo "export-patches.sh: liborbit/uapi/linux/orbit.h differs from the kernel's" >&2
	exit 1
}
cat "$dest/series"
# checkpatch must run from the kernel tree (it inspects the git repo of its cwd)
for p in "$dest"/[0-9][0-9][0-9][0-9]-*.patch; do
	printf '%s: ' "$(basename "$p")"
	(cd "$ksrc" && ./scripts/checkpatch.pl -q --terse "$p" 2>/dev/null | tail -n 1)
done

#!/bin/bash
# Fail when an option of the fragment did not survive olddefconfig (a missing dependency
# makes Kconfig drop it silently). Usage: check-config.sh FRAGMENT DOTCONFIG
set -euo pipefail

fragment=$1
dotconfig=$2
bad=0
# Each fragment line is either CONFIG_X=value or "# CONFIG_X is not set".
while IFS= read -r line; do
  if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
    grep -qxF "$line" "$dotconfig" || {
      echo "check-config: wanted $line, got: $(grep -E "^(# )?${BASH_REMATCH[1]}[= ]" "$dotconfig" || echo 'absent')" >&2
      bad=1
    }
  elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
    if grep -q "^${BASH_REMATCH[1]}=" "$dotconfig"; then
      echo "check-config: wanted ${BASH_REMATCH[1]} off, got: $(grep "^${BASH_REMATCH[1]}=" "$dotconfig")" >&2
      bad=1
    fi
  fi
done < "$fragment"
if [ $bad -ne 0 ]; then
  echo "check-config: some options of $fragment were dropped; enable their dependencies (make ARCH=i386 menuconfig, search with /)" >&2
  exit 1
fi
echo "check-config: all $(grep -cE '^(CONFIG_|# CONFIG_.* is not set)' "$fragment") options of $(basename "$fragment") are in .config" >&2

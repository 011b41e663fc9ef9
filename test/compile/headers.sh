#!/usr/bin/env bash
# Every public header compiles on its own, header-only, warning-free with the
# given compiler (the build itself covers g++; this covers clang 14 too).
# Customizations that build on a generated service header find it in
# GENERATED_INCLUDE_DIR.
# usage: headers.sh CXX INCLUDE_DIR [GENERATED_INCLUDE_DIR]
set -euo pipefail
cxx=$1
inc=$2
gen=${3:-$2}
command -v "$cxx" >/dev/null || { echo "SKIP: $cxx is not installed (scripts/setup installs clang)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$inc"
headers=$(find stratus -name '*.hpp' ! -path '*/impl/*' ! -path '*/detail/*' ! -name src.hpp | sort)
check() {
  local h=$1 tu
  tu=$tmp/$(echo "$h" | tr '/.' '__').cpp
  printf '#include <%s>\n' "$h" > "$tu"
  if "$cxx" -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I"$inc" -I"$gen" "$tu" 2> "$tu.log"; then
    echo "ok   $h"
  else
    echo "FAIL $h"; cat "$tu.log"; return 1
  fi
}
export -f check
export cxx inc gen tmp
echo "$headers" | xargs -P "$(nproc)" -I{} bash -c 'check {}'

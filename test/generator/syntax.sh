#!/usr/bin/env bash
# Generated headers compile, warning-free, with the given compiler: the
# build's own headers (-Dservices, s3 by default) one TU each, then each
# group "MODELS_DIR:SERVICE[,SERVICE...][:TU.cpp]" generated here into one
# TU (TU.cpp when given, else one that includes the headers). Compiled as
# user code is: with the runtime separately compiled, so the check is of the
# generated code.
# usage: syntax.sh CXX STRATUS_GEN SOURCE_ROOT GENERATED_INCLUDE [GROUP...]
set -euo pipefail
cxx=$1 gen=$2 root=$3 built=$4
shift 4
command -v "$cxx" >/dev/null || { echo "SKIP: $cxx is not installed (scripts/setup installs clang)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++20 -Wall -Wextra -Werror -fsyntax-only -DSTRATUS_SEPARATE_COMPILATION
       -I"$root/include")
status=0
compile() { # name, include dir, TU: not in a pipeline, so that status survives
  local name=$1 inc=$2 tu=$3
  local start=$(date +%s%N)
  if "$cxx" "${flags[@]}" -I"$inc" "$tu" 2> "$tmp/$name.log"; then
    echo "ok   $name ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
  else
    echo "FAIL $name"; cat "$tmp/$name.log"; status=1
  fi
}
for h in "$built"/stratus/services/*.hpp; do
  name=$(basename "$h" .hpp)
  printf '#include <stratus/services/%s.hpp>\n' "$name" > "$tmp/$name.cpp"
  compile "$name" "$built" "$tmp/$name.cpp"
done
n=0
for group in "$@"; do
  IFS=: read -r models services tu <<< "$group"
  n=$((n + 1))
  out=$tmp/gen$n
  IFS=, read -r -a list <<< "$services"
  for s in "${list[@]}"; do "$gen" generate "$models" "$s" "$out"; done
  # The partition table the rule sets use: the models' own, else the build's.
  if [ -f "$models/partitions.json" ]; then
    "$gen" partitions "$models" "$out/stratus/services/partitions.hpp"
  else
    cp "$built/stratus/services/partitions.hpp" "$out/stratus/services/"
  fi
  if [ -z "$tu" ]; then
    tu=$tmp/group$n.cpp
    for s in "${list[@]}"; do printf '#include <stratus/services/%s.hpp>\n' "${s//-/_}"; done > "$tu"
  fi
  compile "${services//,/+}" "$out" "$tu"
done
exit $status

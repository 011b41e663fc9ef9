#!/usr/bin/env bash
# Generated headers compile, warning-free, with the given compiler: the
# build's own headers (-Dservices, s3 by default) one TU each, then a few
# more services generated here into one TU (json, json 1.0 and query
# protocols, a recursive shape in dynamodb). Compiled as user code is: with
# the runtime separately compiled, so the check is of the generated code.
# Protocol headers not written yet come from stub/ (after include/ on the path).
# usage: syntax.sh CXX STRATUS_GEN MODELS_DIR SOURCE_ROOT GENERATED_INCLUDE [EXTRA_SERVICE...]
set -euo pipefail
cxx=$1 gen=$2 models=$3 root=$4 built=$5
shift 5
command -v "$cxx" >/dev/null || { echo "SKIP: $cxx is not installed (scripts/setup installs clang)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++20 -Wall -Wextra -Werror -fsyntax-only -DSTRATUS_SEPARATE_COMPILATION
       -I"$root/include" -I"$root/test/generator/stub")
status=0
compile() { # name, include dirs...; the TU on stdin (not a pipe: status must survive)
  local name=$1; shift
  local tu=$tmp/$name.cpp
  cat > "$tu"
  local start=$(date +%s%N)
  if "$cxx" "${flags[@]}" "$@" "$tu" 2> "$tmp/$name.log"; then
    echo "ok   $name ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
  else
    echo "FAIL $name"; cat "$tmp/$name.log"; status=1
  fi
}
for h in "$built"/stratus/services/*.hpp; do
  name=$(basename "$h" .hpp)
  compile "$name" -I"$built" < <(printf '#include <stratus/services/%s.hpp>\n' "$name")
done
if [ $# -gt 0 ]; then
  for s in "$@"; do "$gen" generate "$models" "$s" "$tmp/gen"; done
  compile "$(echo "$@" | tr ' ' '+')" -I"$tmp/gen" < <(for s in "$@"; do printf '#include <stratus/services/%s.hpp>\n' "${s//-/_}"; done)
fi
exit $status

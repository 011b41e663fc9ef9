#!/usr/bin/env bash
# Compile-fail tests: every *.cpp here but ok.cpp breaks one compile-time rule
# of the generated S3 client and must not compile; ok.cpp, the control, writes
# the same constructs correctly and must compile (so that nothing passes just
# because everything fails).
#
# A case must also fail for its own reason. Its header comments say which:
#   // expect: REGEX     one or more; each must match the compiler's output
#                        (POSIX ERE, matched with LC_ALL=C: plain ' quotes)
#   // correct: CODE     optional; the statement done right, which must appear
#                        verbatim in ok.cpp (so the control compiles it)
# The call form s3.get_object({...}) gets only a generic diagnostic ("cannot
# convert initializer list to get_object_request") whatever member is wrong;
# the correct: line, compiled in ok.cpp, shows that the same call compiles
# once the case's one mistake is put right.
#
# usage: run.sh CASES_DIR CXX [ARG...]
#   every case is compiled as: CXX ARG... -std=c++20 -fsyntax-only CASE.cpp
#   (ARG: the include flags; the meson test passes -I include/ and the
#   generated include dir). JOBS (default 2) compiles in parallel: s3.hpp
#   is heavy, ~3-5 s and ~400 MB a case.
set -euo pipefail
export LC_ALL=C
dir=$1
shift
command -v "$1" >/dev/null || { echo "SKIP: compiler $1 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # one case; writes $tmp/NAME.out: a "PASS"/"FAIL" line, then details
  local file=$1 name start ms rc
  shift
  name=$(basename "$file" .cpp)
  local out=$tmp/$name.out log=$tmp/$name.log
  start=$(date +%s%N)
  rc=0
  "$@" -std=c++20 -fsyntax-only "$file" >"$log" 2>&1 || rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ "$name" = ok ]; then
    if [ $rc -eq 0 ]; then echo "PASS ok (control compiles, ${ms} ms)" >"$out"
    else { echo "FAIL ok: the control does not compile, so no case proves anything (${ms} ms)"; cat "$log"; } >"$out"
    fi
    return
  fi
  local problems=() re code
  mapfile -t expects < <(sed -n 's|^// expect: ||p' "$file")
  mapfile -t corrects < <(sed -n 's|^// correct: ||p' "$file")
  if [ $rc -eq 0 ]; then
    problems+=("compiled, but must not")
  else
    [ ${#expects[@]} -gt 0 ] || problems+=("no '// expect: REGEX' line")
    for re in "${expects[@]}"; do
      grep -Eq -- "$re" "$log" || problems+=("the diagnostics do not match: $re")
    done
  fi
  for code in "${corrects[@]}"; do
    grep -Fq -- "$code" "$dir/ok.cpp" || problems+=("ok.cpp does not contain its correct form: $code")
  done
  if [ ${#problems[@]} -eq 0 ]; then
    echo "PASS $name (fails as expected, ${ms} ms)" >"$out"
  else
    { echo "FAIL $name (${ms} ms)"; printf '     %s\n' "${problems[@]}"
      [ $rc -eq 0 ] || { echo "     compiler output:"; sed 's/^/       /' "$log"; }; } >"$out"
  fi
}
export -f check
export tmp dir

start=$(date +%s%N)
[ -f "$dir/ok.cpp" ] || { echo "FAIL: no control $dir/ok.cpp"; exit 1; }
cases=(ok)  # the control first: with two jobs it runs beside the first case
for f in "$dir"/*.cpp; do
  name=$(basename "$f" .cpp)
  [ "$name" = ok ] || cases+=("$name")
done
for name in "${cases[@]}"; do printf '%s\n' "$dir/$name.cpp"; done |
  xargs -d '\n' -P "${JOBS:-2}" -I{} bash -c 'check "$@"' _ {} "$@" || true

passed=0 failed=0
for name in "${cases[@]}"; do
  if [ -s "$tmp/$name.out" ]; then cat "$tmp/$name.out"; else echo "FAIL $name: the runner produced no result"; fi
  if head -1 "$tmp/$name.out" 2>/dev/null | grep -q '^PASS'; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
printf 'total %d.%03d s, %d jobs\n' $((ms / 1000)) $((ms % 1000)) "${JOBS:-2}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

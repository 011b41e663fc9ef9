#!/usr/bin/env bash
# stratus-gen's output depends on its input only: each service generated twice
# is byte-identical, and identical to the header the build generated; an
# import done twice is identical too.
# usage: deterministic.sh STRATUS_GEN MODELS_DIR GENERATED_INCLUDE TESTDATA_MODELS SERVICE...
set -euo pipefail
gen=$1 models=$2 built=$3 testdata=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for s in "$@"; do
  h=${s//-/_}.hpp
  "$gen" generate "$models" "$s" "$tmp/a/$h"
  "$gen" generate "$models" "$s" "$tmp/b/$h"
  if cmp "$tmp/a/$h" "$tmp/b/$h"; then echo "ok   $s: two runs agree"; else status=1; fi
  if [ -f "$built/stratus/services/$h" ]; then
    if cmp "$tmp/a/$h" "$built/stratus/services/$h"; then echo "ok   $s: the build's header agrees"; else status=1; fi
  fi
done
if [ -d "$testdata" ]; then
  "$gen" import "$testdata" --out "$tmp/i1" > /dev/null
  "$gen" import "$testdata" --out "$tmp/i2" > /dev/null
  if diff -r "$tmp/i1" "$tmp/i2"; then echo "ok   import of $testdata: two runs agree"; else status=1; fi
else
  echo "skip import: no $testdata"
fi
exit $status

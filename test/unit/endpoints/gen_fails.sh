#!/bin/sh
# Checks that stratus-gen refuses a rule set and names the reason:
#   gen_fails.sh <stratus-gen> <models dir> <out.hpp> <service> <expected text>...
# Passes when stratus-gen exits non-zero, writes no header, and its message
# names the rule set's file and contains every expected text.
gen=$1 dir=$2 out=$3 service=$4
shift 4
rm -f "$out"
msg=$("$gen" endpoints "$dir" "$out" "$service" 2>&1)
rc=$?
echo "stratus-gen exited $rc: $msg"
[ "$rc" -ne 0 ] || { echo "FAIL: stratus-gen accepted $service"; exit 1; }
[ ! -e "$out" ] || { echo "FAIL: stratus-gen wrote $out anyway"; exit 1; }
for text in "$service/" "$@"; do
  case $msg in
    *"$text"*) ;;
    *) echo "FAIL: the message does not contain: $text"; exit 1 ;;
  esac
done
echo "ok: the message names $*"

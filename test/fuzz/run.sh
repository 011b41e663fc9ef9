#!/usr/bin/env bash
# Builds a libFuzzer target with clang (-fsanitize=fuzzer,address,undefined)
# and runs it for a bounded time; any crash, sanitizer report or abort fails.
# usage: run.sh NAME SOURCE SECONDS INCLUDE_DIR... [-- LINK_ARGS...]
set -euo pipefail
name=$1 src=$2 secs=$3
shift 3
includes=() links=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do includes+=(-I"$1"); shift; done
[ $# -gt 0 ] && shift
links=("$@")
command -v clang++ >/dev/null || { echo "SKIP: clang++ is not installed (scripts/setup installs clang)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  "${includes[@]}" "$src" -o "$work/$name" ${links[@]+"${links[@]}"}
mkdir -p "$work/corpus"
# Seeds: a few realistic inputs for each target.
case $name in
endpoints_fuzz)
  # Fields separated by NUL.
  printf '\x05http://127.0.0.1:9000\0my-bucket\0us-west-2\0^a+$' > "$work/corpus/seed1"
  printf '\x00https://example.com/p/../q;x\0arn:aws:s3:us-west-2:123456789012:accesspoint:ap\0cn-north-1\0' > "$work/corpus/seed2"
  printf '\x7fhttps://[::1]:443\0arn:aws:s3-outposts:us-east-1:1:outpost:op-01234567890123456:accesspoint:r\0aws-global\0' > "$work/corpus/seed3"
  ;;
cbor_fuzz)
  # CBOR bodies: scalars, an indefinite map with lists, tags and floats, a union, nesting.
  printf '\xa5\x61a\x62hi\x61b\x05\x61c\x3b\x7f\xff\xff\xff\xff\xff\xff\xff\x61d\xf9\x7e\x00\x61e\xf5' > "$work/corpus/seed1"
  printf '\xbf\x61f\xc1\xfb\x41\xcc\x37\xdb\x38\x0f\xbe\x77\x61g\x5f\x41\x01\xff\x61i\x9f\x7f\x61x\xff\x60\xff\x61j\x83\x01\xf6\x20\xff' > "$work/corpus/seed2"
  printf '\xa3\x61k\xa1\x61s\x82\xfa\x40\xf4\x00\x00\x01\x61l\xa1\x61s\x61v\x61h\xa2\x61x\x80\x61y\xf7' > "$work/corpus/seed3"
  printf '\xa1\x61m\x81\xa1\x61m\x81\xa2\x61a\x61z\x61m\x80' > "$work/corpus/seed4"
  ;;
esac
# libFuzzer exits 77 on a crash by default, which test runners read as "skipped".
"$work/$name" -error_exitcode=1 -max_total_time="$secs" -print_final_stats=1 "$work/corpus" 2>&1 | tail -15

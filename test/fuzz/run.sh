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
# Seeds: a few realistic inputs, fields separated by NUL.
printf '\x05http://127.0.0.1:9000\0my-bucket\0us-west-2\0^a+$' > "$work/corpus/seed1"
printf '\x00https://example.com/p/../q;x\0arn:aws:s3:us-west-2:123456789012:accesspoint:ap\0cn-north-1\0' > "$work/corpus/seed2"
printf '\x7fhttps://[::1]:443\0arn:aws:s3-outposts:us-east-1:1:outpost:op-01234567890123456:accesspoint:r\0aws-global\0' > "$work/corpus/seed3"
# libFuzzer exits 77 on a crash by default, which test runners read as "skipped".
"$work/$name" -error_exitcode=1 -max_total_time="$secs" -print_final_stats=1 "$work/corpus" 2>&1 | tail -15

#!/usr/bin/env bash
# Stands in for the compiler in services_sweep_test.sh: writes the PCH it is
# asked for, else appends "start TU" and "end TU" to $FAKE_LOG around a short
# sleep (so that the order of the lines shows which TUs overlapped), and
# fails with 40 lines of errors for the TU named $FAKE_FAIL.
prev=""
for a in "$@"; do
  if [ "$prev" = -o ]; then : > "$a"; exit 0; fi
  prev=$a
done
name=$(basename "${!#}" .cpp)
echo "start $name" >> "$FAKE_LOG"
sleep 0.5
echo "end $name" >> "$FAKE_LOG"
if [ "$name" = "${FAKE_FAIL:-}" ]; then
  for i in $(seq 40); do echo "error line $i" >&2; done
  exit 1
fi

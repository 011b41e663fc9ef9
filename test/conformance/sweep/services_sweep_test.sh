#!/usr/bin/env bash
# services_sweep.py's own rules, with fake_cxx.sh as the compiler: a failure's
# errors cut at 30 lines, the summary line and exit status, a generation
# failure counted, 77 for a missing models directory, and the memory budget:
# EC2 and SageMaker never compile at once under a budget that fits only EC2
# and STS, while STS runs beside EC2, and both big ones do under an ample one.
# usage: services_sweep_test.sh STRATUS_GEN SOURCE_ROOT
set -uo pipefail
gen=$1 root=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CXX=$here/fake_cxx.sh FAKE_LOG=$tmp/log
sweep() { python3 "$root/test/conformance/services_sweep.py" --gen "$gen" --root "$root" -j 2 "$@"; }
fail=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
not() { ! "$@"; }
# The line number of a line of the log.
at() { grep -n -x "$1" "$tmp/log" | cut -d: -f1; }

# A budget that fits EC2 and STS but not EC2 and SageMaker, from the sweep's
# own estimates of the headers' sizes.
for s in ec2 sagemaker sts; do "$gen" generate "$root/service-models" $s "$tmp/gen"; done
budget=$(cd "$tmp/gen/stratus/services" && PYTHONPATH=$root/test/conformance python3 -c '
import os, services_sweep as s
e = {n: s.estimate_mb(os.path.getsize(n + ".hpp")) for n in ("ec2", "sagemaker", "sts")}
assert e["sts"] < e["sagemaker"]
print(e["ec2"] + e["sts"])')
FAKE_FAIL=sts sweep --mem "$budget" "$root/service-models" ec2 sagemaker sts no-such-service > "$tmp/out"
rc=$?
cat "$tmp/out"
check "exit status 1 on failures" [ $rc = 1 ]
check "summary line" [ "$(tail -n 1 "$tmp/out")" = "2 passed, 2 failed" ]
check "errors shown up to line 30" grep -q -x "    error line 30" "$tmp/out"
check "errors cut after line 30" grep -q -x "    ... (10 more lines)" "$tmp/out"
check "no line 31" not grep -q "error line 31" "$tmp/out"
check "generation failure reported" grep -q "^FAIL no-such-service (stratus-gen generate)" "$tmp/out"
check "budget: sagemaker waits for ec2" [ "$(at 'end ec2')" -lt "$(at 'start sagemaker')" ]
check "budget: sts beside ec2" [ "$(at 'start sts')" -lt "$(at 'end ec2')" ]

rm -f "$tmp/log"
sweep --mem 100000 "$root/service-models" ec2 sagemaker > "$tmp/out"
rc=$?
check "exit status 0" [ $rc = 0 ]
check "all passed" [ "$(tail -n 1 "$tmp/out")" = "2 passed, 0 failed" ]
check "ample memory: ec2 and sagemaker at once" [ "$(at 'start sagemaker')" -lt "$(at 'end ec2')" ]

sweep "$tmp/no-such-dir" > "$tmp/out"
check "missing models directory: 77" [ $? = 77 ]
exit $fail

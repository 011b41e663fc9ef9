#!/usr/bin/env python3
"""botocore's side of bench/endpoints/run, and the table.

Runs `stratus-bench-endpoints --json` (one JSON line per case: its name,
service, rule-set parameters, expected URL, allocation counts and the ns/call
of each repetition), resolves the same parameters with botocore's
EndpointProvider built from the same models directory
(endpoint-rule-set-1.json and partitions.json), checks each URL, times it,
and prints one markdown table.

The two sides alternate: ROUNDS times, all stratus cases then all botocore
cases, so that both are sampled over the same minutes of a shared machine.
A side's number for a case is the median over all its repetitions of all
rounds.

botocore is timed through EndpointProvider.resolve_endpoint.__wrapped__, the
method without its lru_cache, so every call evaluates the rule set as every
stratus call does. (A botocore client calls the cached method; for repeated
identical parameters that is a dict lookup: shown for reference below the
table.)

usage: botocore_endpoints.py --stratus-bin PROGRAM --models DIR [--rounds N] [--reps R] [--rep-ms MS]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

try:
    import botocore
    from botocore.endpoint_provider import EndpointProvider
except ImportError as e:  # pragma: no cover
    sys.exit(f"botocore_endpoints.py: botocore is not installed ({e})")


def newest_rule_set(models, service):
    base = os.path.join(models, service)
    versions = sorted(
        v for v in os.listdir(base) if os.path.isfile(os.path.join(base, v, "endpoint-rule-set-1.json"))
    )
    if not versions:
        sys.exit(f"botocore_endpoints.py: no endpoint-rule-set-1.json for {service} in {models}")
    return os.path.join(base, versions[-1], "endpoint-rule-set-1.json")


def repetitions_us(fn, reps, rep_ms):
    """µs per call of each of `reps` repetitions, after warm-up; and the calls per repetition."""
    for _ in range(50):
        fn()
    t0 = time.perf_counter_ns()
    for _ in range(200):
        fn()
    per_call_ns = max((time.perf_counter_ns() - t0) / 200, 1.0)
    n = max(100, int(rep_ms * 1e6 / per_call_ns))
    results = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        results.append((time.perf_counter_ns() - t0) / n / 1000)
    return results, n


def run_stratus(program, reps, first):
    p = subprocess.run([program, "--json", "--reps", str(reps)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if first or p.returncode != 0:
        sys.stderr.write(p.stderr)
    if p.returncode != 0:
        sys.exit(f"botocore_endpoints.py: {program} failed (exit {p.returncode}); no table")
    cases = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    if not cases:
        sys.exit(f"botocore_endpoints.py: {program} printed no results")
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratus-bin", required=True, help="the stratus-bench-endpoints program")
    ap.add_argument("--models", required=True, help="the models directory the bundle was generated from")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=5, help="repetitions per case per round, each side")
    ap.add_argument("--rep-ms", type=float, default=60)
    a = ap.parse_args()

    with open(os.path.join(a.models, "partitions.json")) as f:
        partitions = json.load(f)
    providers = {}
    uncached = EndpointProvider.resolve_endpoint.__wrapped__

    stratus = {}  # case name -> the case's JSON of the first round, plus every round's repetitions
    boto = {}  # case name -> µs per call of every repetition
    cached = {}
    boto_calls = {}
    order = []
    for rnd in range(a.rounds):
        print(f"bench/endpoints: round {rnd + 1} of {a.rounds}: stratus", file=sys.stderr)
        for c in run_stratus(a.stratus_bin, a.reps, rnd == 0):
            if c["case"] not in stratus:
                stratus[c["case"]] = dict(c, all_ns=[])
                order.append(c["case"])
            stratus[c["case"]]["all_ns"] += c["reps_ns"]
        print(f"bench/endpoints: round {rnd + 1} of {a.rounds}: botocore", file=sys.stderr)
        for name in order:
            c = stratus[name]
            if c["service"] not in providers:
                with open(newest_rule_set(a.models, c["service"])) as f:
                    providers[c["service"]] = EndpointProvider(json.load(f), partitions)
            provider, params = providers[c["service"]], c["params"]
            if rnd == 0:
                url = uncached(provider, **params).url
                ok = url == c["expect"]
                print(f"{'ok  ' if ok else 'FAIL'} botocore {name}: {url}", file=sys.stderr)
                if not ok:
                    print(f"     expected {c['expect']}", file=sys.stderr)
                    sys.exit("botocore_endpoints.py: botocore resolved a case to another URL; no table")
            us, n = repetitions_us(lambda: uncached(provider, **params), a.reps, a.rep_ms)
            boto.setdefault(name, []).extend(us)
            boto_calls[name] = n
            cus, _ = repetitions_us(lambda: provider.resolve_endpoint(**params), a.reps, a.rep_ms / 4)
            cached.setdefault(name, []).extend(cus)

    print("| case | stratus ns/call | allocations/call | botocore µs/call | botocore ÷ stratus |")
    print("|---|---|---|---|---|")
    for name in order:
        c = stratus[name]
        ns = statistics.median(c["all_ns"])
        us = statistics.median(boto[name])
        allocs = f"{c['allocs']:g}"
        if c["result_allocs"] != c["allocs"]:
            allocs += f" ({c['result_allocs']} kept by the endpoint)"
        print(f"| {name} | {ns:,.0f} | {allocs} | {us:,.1f} | {us * 1000 / ns:,.0f} |")
    print()
    first = order[0]
    print(
        f"Medians over {a.rounds} rounds × {a.reps} repetitions per side, the sides alternating by round; "
        f"a stratus repetition is {stratus[first]['iterations']:,} calls, a botocore one {boto_calls[first]:,} "
        f"(first case; each case is sized to about the same time), after warm-up. botocore {botocore.__version__} "
        f"on Python {sys.version.split()[0]}, resolve_endpoint.__wrapped__ (no lru_cache). Through its lru_cache, "
        "as a botocore client calls it, a repeated call costs "
        + ", ".join(f"{statistics.median(cached[n]):.2f}" for n in order)
        + " µs (same order)."
    )


if __name__ == "__main__":
    main()

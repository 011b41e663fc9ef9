#!/usr/bin/env python3
"""Run the bench/runtime clients one after another against the s3rver (or,
with --service dynamodb, the dynalite) the harness started, and print a
markdown table. Called by bench/run inside test/servers/harness.py; not meant
to be run by hand.

usage: compare.py [--service s3|dynamodb] [--json FILE [--merge]] [--run NAME COMMAND]... [--missing NAME REASON]...

COMMAND is one shell-quoted string. Each client prints one JSON line (see
README.md); a client that fails, or prints no such line, is reported with its
last line of stderr instead of numbers. With --json, also writes FILE as
{"<sdk>": {"<phase>": {"wall_ms": x, "cpu_us_per_req": y}}} for the clients
that ran (README.md says what each field means); --merge adds the phases to
those FILE already has. Python standard library only.
"""

import http.client
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from xml.etree import ElementTree

# Per service: the measured operations (the clients' "ops" keys), their
# column labels, and the environment variable with the server's endpoint.
SERVICES = {
    "s3": {"ops": ("put", "get", "head", "list"), "labels": ("Put", "Get", "Head", "List"),
           "endpoint": "STRATUS_TEST_S3RVER_ENDPOINT"},
    "dynamodb": {"ops": ("put_item", "get_item"), "labels": ("PutItem", "GetItem"),
                 "endpoint": "STRATUS_TEST_DYNALITE_ENDPOINT"},
}
PAGE = 100  # the clients' ListObjectsV2 MaxKeys


def parse(argv):
    clients = []  # (name, argv or None, reason)
    json_path = None
    service = "s3"
    merge = False
    i = 0
    while i < len(argv):
        flag = argv[i]
        if flag == "--json" and i + 1 < len(argv):
            json_path = argv[i + 1]
            i += 2
        elif flag == "--service" and i + 1 < len(argv) and argv[i + 1] in SERVICES:
            service = argv[i + 1]
            i += 2
        elif flag == "--merge":
            merge = True
            i += 1
        elif flag in ("--run", "--missing") and i + 2 < len(argv):
            name, value = argv[i + 1], argv[i + 2]
            clients.append((name, shlex.split(value), None) if flag == "--run" else (name, None, value))
            i += 3
        else:
            sys.exit(f"compare.py: bad arguments at {argv[i:]!r} (see its docstring)")
    return clients, json_path, service, merge


def warm_server(endpoint, count):
    """Unsigned PUT/GET/HEAD and ListObjectsV2 with the standard library, so
    that s3rver's JIT is warm before the first measured client (s3rver accepts
    anonymous requests)."""
    url = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

    def call(method, path, body=None):
        conn.request(method, path, body=body)
        res = conn.getresponse()
        data = res.read()
        if res.status >= 300:
            raise RuntimeError(f"server warm-up: {method} {path}: HTTP {res.status}")
        return data

    call("PUT", "/bench-server-warmup")
    for method in ("PUT", "GET", "HEAD"):
        for i in range(count):
            call(method, f"/bench-server-warmup/{i:08d}", b"x" * 1024 if method == "PUT" else None)
    for _ in range(3):  # three listings at PAGE keys a page, following continuation tokens
        token = None
        while True:
            query = {"list-type": "2", "max-keys": str(PAGE)}
            if token:
                query["continuation-token"] = token
            page = ElementTree.fromstring(call("GET", "/bench-server-warmup?" + urllib.parse.urlencode(query)))
            token = page.findtext("{*}NextContinuationToken")
            if page.findtext("{*}IsTruncated") != "true" or not token:
                break
    conn.close()


def warm_dynalite(endpoint, count):
    """Unsigned PutItem/GetItem with the standard library into a table of
    their own, so that dynalite's code is warm before the first measured
    client (dynalite checks only that an Authorization header is well formed)."""
    url = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Date": "20200101T000000Z",
               "Authorization": "AWS4-HMAC-SHA256 Credential=warmup/20200101/us-east-1/dynamodb/aws4_request, "
                                "SignedHeaders=host;x-amz-date, Signature=0"}

    def call(op, doc):
        conn.request("POST", "/", body=json.dumps(doc), headers=dict(headers, **{"X-Amz-Target": f"DynamoDB_20120810.{op}"}))
        res = conn.getresponse()
        data = res.read()
        if res.status >= 300:
            raise RuntimeError(f"server warm-up: {op}: HTTP {res.status}: {data[:200]!r}")
        return json.loads(data)

    table = "bench-server-warmup"
    call("CreateTable", {"TableName": table, "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                         "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                         "ProvisionedThroughput": {"ReadCapacityUnits": 1000, "WriteCapacityUnits": 1000}})
    for _ in range(200):
        if call("DescribeTable", {"TableName": table})["Table"]["TableStatus"] == "ACTIVE":
            break
        time.sleep(0.02)
    for i in range(count):
        call("PutItem", {"TableName": table, "Item": {"pk": {"S": f"w{i:08d}"}, "n": {"N": str(i)}}})
    for i in range(count):
        call("GetItem", {"TableName": table, "Key": {"pk": {"S": f"w{i:08d}"}}})
    conn.close()


def run(name, argv, n, bucket, ops):
    # BENCH_BUCKET names the S3 clients' bucket, BENCH_TABLE the DynamoDB clients' table.
    env = dict(os.environ, BENCH_BUCKET=bucket, BENCH_TABLE=bucket)
    spawned_ns = time.time_ns()
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True,
                              timeout=120 + 0.1 * 3 * n, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        return None, f"failed: no result within {e.timeout:.0f} s"
    except OSError as e:
        return None, f"failed to start: {e}"
    stderr = done.stderr.strip()
    if done.returncode != 0:
        if stderr:
            print(f"--- {name} stderr ---\n{stderr}", file=sys.stderr)
        last = stderr.splitlines()[-1] if stderr else "(no message)"
        if done.returncode < 0:
            return None, f"failed: killed by {signal.Signals(-done.returncode).name}; {last}"
        return None, f"failed (exit {done.returncode}): {last}"
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    try:
        result = json.loads(lines[-1])
        for op in ops:
            float(result["ops"][op]["cpu_us"])
            float(result["ops"][op]["wall_us"])
            int(result["ops"][op]["requests"])
        float(result["startup_cpu_us"])
        if int(result["n"]) != n:
            return None, f"failed: ran {result['n']} requests of each kind, not {n}"
        pages = max(1, -(-n // PAGE))
        if "list" in ops and int(result["ops"]["list"]["requests"]) != pages:
            return None, f"failed: listed {n} keys in {result['ops']['list']['requests']} pages, not {pages}"
    except (IndexError, KeyError, TypeError, ValueError) as e:
        return None, f"failed: no valid JSON result line ({type(e).__name__}: {e})"
    result["exec_to_ready_ms"] = (int(result["ready_unix_ns"]) - spawned_ns) / 1e6
    return result, None


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


def table(rows, svc):
    """rows: (label, result or None, reason, round)."""
    ops = svc["ops"]
    label = dict(zip(ops, svc["labels"]))
    head = ["client"]
    head += [f"CPU µs/req {label[op]}" for op in ops]
    head += [f"wall µs/req {label[op]}" for op in ops]
    labels = " / ".join(svc["labels"])
    head += [f"CPU × stratus ({labels})", f"wall × stratus ({labels})",
             "startup ms (in-process)", "exec → ready ms", "startup CPU ms", "first call ms"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, r, reason, rnd in rows:
        # Ratios are to stratus in the same round.
        base = next((b for _, b, _, br in rows if b and b["client"] == "stratus" and br == rnd), None)
        if r is None:
            out.append("| " + " | ".join([name, reason] + [""] * (len(head) - 2)) + " |")
            continue
        cells = [name]
        cells += [fmt(r["ops"][op]["cpu_us"]) for op in ops]
        cells += [fmt(r["ops"][op]["wall_us"]) for op in ops]
        for kind in ("cpu_us", "wall_us"):
            if base is None:
                cells.append("(no stratus result)")
            else:
                cells.append(" / ".join(f"{r['ops'][op][kind] / base['ops'][op][kind]:.2f}" for op in ops))
        cells += [fmt(r["startup_ms"], 2), fmt(r["exec_to_ready_ms"], 1), fmt(r["startup_cpu_us"] / 1e3, 1),
                  fmt(r["first_call_ms"], 1)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def phases(r, ops, startup):
    """One client's result in results.json's shape."""
    out = {op: {"wall_ms": r["ops"][op]["wall_us"] * r["ops"][op]["requests"] / 1e3,
                "cpu_us_per_req": r["ops"][op]["cpu_us"]} for op in ops}
    if startup:
        out["startup"] = {"wall_ms": r["exec_to_ready_ms"], "cpu_us_per_req": r["startup_cpu_us"]}
    return out


def write_json(path, rows, ops, merge):
    """results.json: each client's phases; with several rounds, the median of
    each number over the rounds (the mean of two). Merging keeps the phases
    the file has (the S3 run's, startup among them) and adds these."""
    runs = {}
    for _, r, _, _ in rows:
        if r:
            runs.setdefault(r["client"], []).append(phases(r, ops, startup=not merge))
    doc = {}
    if merge and os.path.exists(path):
        with open(path) as f:
            doc = json.load(f)
    for sdk, ps in runs.items():
        doc.setdefault(sdk, {}).update(
            {phase: {field: round(statistics.median(p[phase][field] for p in ps), 3)
                     for field in ("wall_ms", "cpu_us_per_req")}
             for phase in ps[0]})
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
    print(f"bench: wrote {path} ({', '.join(doc) or 'no client'})", file=sys.stderr, flush=True)


def main():
    clients, json_path, service, merge = parse(sys.argv[1:])
    svc = SERVICES[service]
    endpoint = os.environ.get(svc["endpoint"])
    if not endpoint:
        sys.exit(f"compare.py: {svc['endpoint']} is not set (run through bench/run)")
    n = int(os.environ.get("BENCH_N", "1000"))
    warm = warm_server if service == "s3" else warm_dynalite
    warm(endpoint, int(os.environ.get("BENCH_SERVER_WARMUP", "1000")))

    rounds = int(os.environ.get("BENCH_ROUNDS", "1"))

    rows = []  # (label, result or None, reason, round)
    for rnd in range(1, rounds + 1):
        for name, argv, reason in clients:
            label = name if rounds == 1 else f"{name} (round {rnd})"
            if argv is None:
                if rnd == 1:
                    rows.append((name, None, f"not available: {reason}", rnd))
                    print(f"bench: {name}: not available: {reason}", file=sys.stderr, flush=True)
                continue
            print(f"bench: {label} ...", file=sys.stderr, flush=True)
            result, reason = run(name, argv, n, f"bench-{name}-{rnd}", svc["ops"])
            rows.append((label, result, reason, rnd))
            if reason:
                print(f"bench: {label}: {reason}", file=sys.stderr, flush=True)

    print(table(rows, svc))
    print()
    seen = set()
    for _, r, _, _ in rows:
        if r and r["client"] not in seen:
            seen.add(r["client"])
            print(f"- {r['client']}: {r['sdk']}")
    print()
    print("Raw results (one JSON line per client and round):")
    print()
    print("```")
    for _, r, _, _ in rows:
        if r:
            print(json.dumps(r, sort_keys=True))
    print("```")
    if json_path:
        write_json(json_path, rows, svc["ops"], merge)
    # Every client that could run must have run: a failure is an error.
    return 1 if any(r is None and not reason.startswith("not available") for _, r, reason, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Run the bench/runtime clients one after another against the s3rver (or,
with --service dynamodb, the dynalite) the harness started, and print a
markdown table. With --service s3-listing, first fills one bucket with
BENCH_LIST_N objects (default 10,000) that every client then lists. Called by bench/run inside test/servers/harness.py; not meant
to be run by hand.

usage: compare.py [--service s3|dynamodb|s3-listing] [--json FILE [--merge]] [--run NAME COMMAND]... [--missing NAME REASON]...

COMMAND is one shell-quoted string. Each client prints one JSON line (see
README.md); a client that fails, or prints no such line, is reported with its
last line of stderr instead of numbers. With --json, also writes FILE as
{"<sdk>": {"<phase>": {"wall_ms": x, "cpu_us_per_req": y}}} for the clients
that ran (README.md says what each field means); --merge adds the phases to
those FILE already has. Python standard library only.
"""

import concurrent.futures
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
# column labels, and the environment variable with the server's endpoint;
# "optional": ops a client may leave out (an SDK without that API), and
# "startup": whether the clients report startup and first-call times.
SERVICES = {
    "s3": {"ops": ("put", "get", "head", "list"), "labels": ("Put", "Get", "Head", "List"),
           "endpoint": "STRATUS_TEST_S3RVER_ENDPOINT", "optional": (), "startup": True},
    "dynamodb": {"ops": ("put_item", "get_item"), "labels": ("PutItem", "GetItem"),
                 "endpoint": "STRATUS_TEST_DYNALITE_ENDPOINT", "optional": (), "startup": True},
    # Listing one bucket of BENCH_LIST_N objects: through the resource
    # collection (bucket.objects.all(), ListObjects underneath), the client's
    # ListObjects paginator (the same requests: the collection's own cost is
    # the ratio of the two) and its ListObjectsV2 paginator. Only stratus and
    # boto3 have the first two.
    "s3-listing": {"ops": ("objects_all", "list_objects_pages", "list_objects_v2_pages"),
                   "labels": ("objects.all()", "ListObjects paginator", "ListObjectsV2 paginator"),
                   "endpoint": "STRATUS_TEST_S3RVER_ENDPOINT",
                   "optional": ("objects_all", "list_objects_pages"), "startup": False},
}
PAGE = 100  # the clients' ListObjectsV2 MaxKeys
LIST_PAGE = 1000  # S3's (and s3rver's) default MaxKeys: the listing phase sets none
LIST_BUCKET = "bench-listing"


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


def connect(endpoint, timeout=30):
    url = urllib.parse.urlsplit(endpoint)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)


def s3_call(conn, what, method, path, body=None):
    """One unsigned request to s3rver (it accepts anonymous ones): the body of
    its answer, or RuntimeError naming `what` was being done."""
    conn.request(method, path, body=body)
    res = conn.getresponse()
    data = res.read()
    if res.status >= 300:
        raise RuntimeError(f"{what}: {method} {path}: HTTP {res.status}")
    return data


def warm_server(endpoint, count):
    """Unsigned PUT/GET/HEAD and ListObjectsV2 with the standard library, so
    that s3rver's JIT is warm before the first measured client."""
    conn = connect(endpoint)

    def call(method, path, body=None):
        return s3_call(conn, "server warm-up", method, path, body)

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


def fill_bucket(endpoint, bucket, count, threads=4):
    """The listing phase's bucket: `count` objects obj/00000000... with a
    16-byte body, put unsigned with the standard library on a few connections
    at once (s3rver accepts anonymous requests), then listed once to warm
    s3rver's listing."""
    what = f"filling {bucket}"
    conn = connect(endpoint)
    s3_call(conn, what, "PUT", f"/{bucket}")
    conn.close()  # idle for longer than s3rver's keep-alive while the objects go in

    def put_range(first):
        c = connect(endpoint, timeout=60)
        for i in range(first, count, threads):
            s3_call(c, what, "PUT", f"/{bucket}/obj/{i:08d}", f"listing-{i:08d}".encode())
        c.close()

    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        for done in [pool.submit(put_range, k) for k in range(threads)]:
            done.result()
    listed, marker = 0, ""
    conn = connect(endpoint)
    while True:
        page = ElementTree.fromstring(s3_call(conn, what, "GET", f"/{bucket}?" + urllib.parse.urlencode({"marker": marker})))
        keys = [k.text for k in page.iterfind("{*}Contents/{*}Key")]
        listed += len(keys)
        if page.findtext("{*}IsTruncated") != "true" or not keys:
            break
        marker = keys[-1]
    conn.close()
    if listed != count:
        raise RuntimeError(f"filling {bucket}: put {count} objects, ListObjects shows {listed}")
    print(f"bench: put {count} objects into {bucket} in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)


def warm_dynalite(endpoint, count):
    """Unsigned PutItem/GetItem with the standard library into a table of
    their own, so that dynalite's code is warm before the first measured
    client (dynalite checks only that an Authorization header is well formed)."""
    conn = connect(endpoint)
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


def run(name, argv, n, bucket, svc):
    # BENCH_BUCKET names the S3 clients' bucket, BENCH_TABLE the DynamoDB
    # clients' table; the listing clients all list BENCH_LIST_BUCKET.
    ops = svc["ops"]
    env = dict(os.environ, BENCH_BUCKET=bucket, BENCH_TABLE=bucket, BENCH_LIST_BUCKET=LIST_BUCKET,
               BENCH_LIST_N=str(n))
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
            if op in svc["optional"] and op not in result["ops"]:
                continue
            float(result["ops"][op]["cpu_us"])
            float(result["ops"][op]["wall_us"])
            int(result["ops"][op]["requests"])
        if svc["startup"]:
            float(result["startup_cpu_us"])
        if int(result["n"]) != n:
            return None, f"failed: ran {result['n']} requests of each kind, not {n}"
        pages = max(1, -(-n // PAGE))
        if "list" in ops and int(result["ops"]["list"]["requests"]) != pages:
            return None, f"failed: listed {n} keys in {result['ops']['list']['requests']} pages, not {pages}"
        pages = max(1, -(-n // LIST_PAGE))
        for op in ops:
            got = result["ops"].get(op)
            if op.startswith(("objects_", "list_objects")) and got and int(got["requests"]) != pages * int(got["passes"]):
                return None, (f"failed: {op}: {got['requests']} requests in {got['passes']} passes over {n} objects, "
                              f"not {pages} a pass")
    except (IndexError, KeyError, TypeError, ValueError) as e:
        return None, f"failed: no valid JSON result line ({type(e).__name__}: {e})"
    if svc["startup"]:
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
    head += [f"CPU × stratus ({labels})", f"wall × stratus ({labels})"]
    # The collection's own cost: its time over its client's paginator on the same requests.
    own = svc["optional"][:2] if len(svc["optional"]) >= 2 else None
    if own:
        head += [f"{label[own[0]]} ÷ {label[own[1]]} (CPU / wall)"]
    if svc["startup"]:
        head += ["startup ms (in-process)", "exec → ready ms", "startup CPU ms", "first call ms"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def cell(r, op, kind, base=None):
        if op not in r["ops"] or (base is not None and op not in base["ops"]):
            return "–"
        x = r["ops"][op][kind]
        return fmt(x) if base is None else f"{x / base['ops'][op][kind]:.2f}"

    for name, r, reason, rnd in rows:
        # Ratios are to stratus in the same round.
        base = next((b for _, b, _, br in rows if b and b["client"] == "stratus" and br == rnd), None)
        if r is None:
            out.append("| " + " | ".join([name, reason] + [""] * (len(head) - 2)) + " |")
            continue
        cells = [name]
        cells += [cell(r, op, "cpu_us") for op in ops]
        cells += [cell(r, op, "wall_us") for op in ops]
        for kind in ("cpu_us", "wall_us"):
            if base is None:
                cells.append("(no stratus result)")
            else:
                cells.append(" / ".join(cell(r, op, kind, base) for op in ops))
        if own:
            if all(op in r["ops"] for op in own):
                cells.append(" / ".join(f"{r['ops'][own[0]][k] / r['ops'][own[1]][k]:.2f}" for k in ("cpu_us", "wall_us")))
            else:
                cells.append("–")
        if svc["startup"]:
            cells += [fmt(r["startup_ms"], 2), fmt(r["exec_to_ready_ms"], 1), fmt(r["startup_cpu_us"] / 1e3, 1),
                      fmt(r["first_call_ms"], 1)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def phases(r, ops, startup):
    """One client's result in results.json's shape: wall_ms is one pass of
    the phase (the listing phase's clients make several and say how many)."""
    out = {op: {"wall_ms": r["ops"][op]["wall_us"] * r["ops"][op]["requests"] / r["ops"][op].get("passes", 1) / 1e3,
                "cpu_us_per_req": r["ops"][op]["cpu_us"]} for op in ops if op in r["ops"]}
    if startup:
        out["startup"] = {"wall_ms": r["exec_to_ready_ms"], "cpu_us_per_req": r["startup_cpu_us"]}
    return out


def write_json(path, rows, ops, merge, startup):
    """results.json: each client's phases; with several rounds, the median of
    each number over the rounds (the mean of two). Merging keeps the phases
    the file has (the S3 run's, startup among them) and adds these."""
    runs = {}
    for _, r, _, _ in rows:
        if r:
            runs.setdefault(r["client"], []).append(phases(r, ops, startup=startup))
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
    if service == "s3-listing":
        n = int(os.environ.get("BENCH_LIST_N", "10000"))
        fill_bucket(endpoint, LIST_BUCKET, n)
    else:
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
            result, reason = run(name, argv, n, f"bench-{name}-{rnd}", svc)
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
        write_json(json_path, rows, svc["ops"], merge, startup=svc["startup"] and not merge)
    # Every client that could run must have run: a failure is an error.
    return 1 if any(r is None and not reason.startswith("not available") for _, r, reason, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

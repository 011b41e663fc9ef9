#!/usr/bin/env python3
"""The boto3 side of bench/run: CreateBucket, then N x PutObject (1 KiB),
GetObject and HeadObject, then ListObjectsV2 over those N keys at 100 per page,
on one keep-alive connection against the endpoint in
STRATUS_TEST_S3RVER_ENDPOINT. Prints one JSON line (bench/runtime/README.md).

Startup is timed from the first statement, so it includes importing boto3 but
not the interpreter's own start (bench/run's exec-to-ready column has that).
"""

import time

START = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

import boto3  # noqa: E402
import botocore  # noqa: E402
from botocore.config import Config  # noqa: E402


def fail(message):
    print(f"boto3: {message}", file=sys.stderr)
    sys.exit(1)


def env_count(name, default):
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit():
        fail(f"{name}={value!r} is not a count")
    return int(value)


def cpu_seconds():
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def body(i):
    """The 1 KiB object stored under key i: distinct per key."""
    tag = f"object-{i:08d};".encode()
    return (tag * (1024 // len(tag) + 1))[:1024]


def key(prefix, i):
    return f"{prefix}/{i:08d}"


PAGE = 100  # ListObjectsV2 MaxKeys in the measured pass
WARMUP_PAGE = 10  # in the warm-up pass, so that it follows a continuation token too


def settings(endpoint_variable, name_variable, default_name):
    """(endpoint, N, warm-up count, bucket or table name) from the environment."""
    endpoint = os.environ.get(endpoint_variable)
    if not endpoint:
        fail(f"{endpoint_variable} is not set (run through bench/run)")
    n = env_count("BENCH_N", 1000)
    if n == 0:
        fail("BENCH_N must be at least 1")
    return endpoint, n, env_count("BENCH_WARMUP", 20), os.environ.get(name_variable) or default_name


def measure(n, prefix, op):
    """op(prefix, i) for i in range(n): CPU and wall time per request."""
    c0, w0 = cpu_seconds(), time.perf_counter()
    for i in range(n):
        op(prefix, i)
    wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
    return {"cpu_us": cpu * 1e6 / n, "wall_us": wall * 1e6 / n, "requests": n}


def print_result(n, warmup, startup_ms, startup_cpu_us, first_call_ms, ready_unix_ns, ops):
    print(json.dumps({
        "client": "boto3",
        "sdk": f"boto3 {boto3.__version__}, botocore {botocore.__version__} "
               f"(Python {sys.version.split()[0]})",
        "n": n, "warmup": warmup, "startup_ms": startup_ms, "startup_cpu_us": startup_cpu_us,
        "first_call_ms": first_call_ms,
        "ready_unix_ns": ready_unix_ns, "ops": ops,
    }))


def main():
    endpoint, n, warmup, bucket = settings("STRATUS_TEST_S3RVER_ENDPOINT", "BENCH_BUCKET", "bench-boto3")

    client = boto3.session.Session().client(
        "s3",
        region_name="us-east-1",
        endpoint_url=endpoint,
        # s3rver's built-in key pair: it checks the key id exists.
        aws_access_key_id="S3RVER",
        aws_secret_access_key="S3RVER",
        config=Config(
            s3={"addressing_style": "path"},
            max_pool_connections=1,
            # The same work on the wire as the other clients: no optional CRC32
            # on uploads (stratus and Go SDK 1.17 compute none). bench/RESULTS.md.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )
    startup_ms = (time.perf_counter() - START) * 1e3
    ready_unix_ns = time.time_ns()
    startup_cpu_us = cpu_seconds() * 1e6  # the process's CPU from exec to here

    t = time.perf_counter()
    client.create_bucket(Bucket=bucket)
    first_call_ms = (time.perf_counter() - t) * 1e3

    def put(prefix, i):
        client.put_object(Bucket=bucket, Key=key(prefix, i), Body=body(i))

    def get(prefix, i):
        got = client.get_object(Bucket=bucket, Key=key(prefix, i))["Body"].read()
        if got != body(i):
            fail(f"GetObject {key(prefix, i)}: body differs from what was put ({len(got)} bytes)")

    def head(prefix, i):
        length = client.head_object(Bucket=bucket, Key=key(prefix, i))["ContentLength"]
        if length != 1024:
            fail(f"HeadObject {key(prefix, i)}: Content-Length {length}, want 1024")

    def list_keys(prefix, page_size, count):
        """Every key under prefix/, page_size per page, following continuation
        tokens; returns (keys, pages)."""
        keys, pages, token = [], 0, None
        while True:
            args = {"Bucket": bucket, "Prefix": prefix + "/", "MaxKeys": page_size}
            if token is not None:
                args["ContinuationToken"] = token
            page = client.list_objects_v2(**args)
            pages += 1
            contents = page.get("Contents", [])
            if len(contents) > page_size:
                fail(f"ListObjectsV2 {prefix}/: page {pages} has {len(contents)} keys, more than {page_size}")
            keys.extend(obj["Key"] for obj in contents)
            if not page.get("IsTruncated"):
                return keys, pages
            token = page.get("NextContinuationToken")
            if not token:
                fail(f"ListObjectsV2 {prefix}/: page {pages} is truncated but has no NextContinuationToken")
            if pages > count // page_size + 1:
                fail(f"ListObjectsV2 {prefix}/: more than {pages} pages for {count} keys")

    def check_listing(prefix, count, page_size, keys, pages):
        want = [key(prefix, i) for i in range(count)]
        if keys != want:
            fail(f"ListObjectsV2 {prefix}/: listed {len(keys)} keys, want the {count} that were put"
                 + ("" if len(keys) != count else " (same count, different keys or order)"))
        if pages != max(1, -(-count // page_size)):
            fail(f"ListObjectsV2 {prefix}/: {pages} pages for {count} keys at {page_size} a page")

    # Warm-up on keys of their own, not measured.
    for op in (put, get, head):
        for i in range(warmup):
            op("warmup", i)
    if warmup:
        check_listing("warmup", warmup, WARMUP_PAGE, *list_keys("warmup", WARMUP_PAGE, warmup))

    ops = {}
    ops["put"] = measure(n, "obj", put)
    ops["get"] = measure(n, "obj", get)
    ops["head"] = measure(n, "obj", head)
    # One pass over the N keys; each page is a request.
    c0, w0 = cpu_seconds(), time.perf_counter()
    keys, pages = list_keys("obj", PAGE, n)
    wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
    check_listing("obj", n, PAGE, keys, pages)
    ops["list"] = {"cpu_us": cpu * 1e6 / pages, "wall_us": wall * 1e6 / pages, "requests": pages}

    print_result(n, warmup, startup_ms, startup_cpu_us, first_call_ms, ready_unix_ns, ops)


def run_main(main):
    """main(), failing with the message of an SDK error."""
    try:
        main()
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        fail(str(e))


if __name__ == "__main__":
    run_main(main)

#!/usr/bin/env python3
"""The boto3 side of bench/run's listing phase: lists the BENCH_LIST_N objects
of BENCH_LIST_BUCKET (compare.py filled it) through the resource collection
`Bucket(name).objects.all()` (ListObjects underneath), through the client's
ListObjects paginator (the same requests, so the collection's own cost is the
ratio of the two) and through its ListObjectsV2 paginator, on one keep-alive
connection against STRATUS_TEST_S3RVER_ENDPOINT. One unmeasured pass of each,
then BENCH_LIST_PASSES (default 3) measured passes of each, interleaved.
Prints one JSON line (bench/runtime/README.md).
"""

import json
import sys
import time

import boto3
import botocore
from botocore.config import Config

from boto3_s3 import cpu_seconds, env_count, fail, run_main, settings

BODY_SIZE = 16  # compare.py puts "listing-%08d" under each key


def main():
    endpoint, _, _, bucket = settings("STRATUS_TEST_S3RVER_ENDPOINT", "BENCH_LIST_BUCKET", "bench-listing")
    n = env_count("BENCH_LIST_N", 10000)
    passes = env_count("BENCH_LIST_PASSES", 3)
    if n == 0 or passes == 0:
        fail("BENCH_LIST_N and BENCH_LIST_PASSES must be at least 1")

    s3 = boto3.Session(
        region_name="us-east-1",
        # s3rver's built-in key pair: it checks the key id exists.
        aws_access_key_id="S3RVER",
        aws_secret_access_key="S3RVER",
    ).resource(
        "s3",
        endpoint_url=endpoint,
        config=Config(s3={"addressing_style": "path"}, max_pool_connections=1,
                      request_checksum_calculation="when_required",
                      response_checksum_validation="when_required"),
    )
    client = s3.meta.client  # the paginators use the resource's own client and connection

    # Each API as (pages, objects): pages() yields one list of (key, size) per
    # request, for the unmeasured pass that counts them; objects() is what is
    # timed, the way a user iterates.
    def objects_all():
        for obj in s3.Bucket(bucket).objects.all():
            yield obj.key, obj.size

    def objects_all_pages():
        for page in s3.Bucket(bucket).objects.pages():
            yield [(obj.key, obj.size) for obj in page]

    def paginator(operation):
        def pages():
            for page in client.get_paginator(operation).paginate(Bucket=bucket):
                yield [(obj["Key"], obj["Size"]) for obj in page.get("Contents", [])]

        def objects():
            for page in client.get_paginator(operation).paginate(Bucket=bucket):
                for obj in page.get("Contents", []):
                    yield obj["Key"], obj["Size"]

        return pages, objects

    apis = {"objects_all": (objects_all_pages, objects_all),
            "list_objects_pages": paginator("list_objects"),
            "list_objects_v2_pages": paginator("list_objects_v2")}

    want = [f"obj/{i:08d}" for i in range(n)]

    def check(name, listed):
        keys = [k for k, _ in listed]
        if keys != want:
            fail(f"{name}: listed {len(keys)} objects, want the {n} in {bucket}"
                 + ("" if len(keys) != n else " (same count, different keys or order)"))
        bad = next((k for k, size in listed if size != BODY_SIZE), None)
        if bad is not None:
            fail(f"{name}: {bad} has size {dict(listed)[bad]}, want {BODY_SIZE}")

    # Unmeasured: warms every path and counts each API's requests a pass.
    requests = {}
    for name, (pages, _) in apis.items():
        listed, count = [], 0
        for page in pages():
            listed.extend(page)
            count += 1
        check(name, listed)
        requests[name] = count

    totals = {name: [0.0, 0.0] for name in apis}  # CPU s, wall s
    for _ in range(passes):
        for name, (_, objects) in apis.items():
            c0, w0 = cpu_seconds(), time.perf_counter()
            listed = list(objects())
            wall, cpu = time.perf_counter() - w0, cpu_seconds() - c0
            check(name, listed)
            totals[name][0] += cpu
            totals[name][1] += wall

    ops = {}
    for name, (cpu, wall) in totals.items():
        reqs = requests[name] * passes
        ops[name] = {"cpu_us": cpu * 1e6 / reqs, "wall_us": wall * 1e6 / reqs, "requests": reqs, "passes": passes}
    print(json.dumps({
        "client": "boto3",
        "sdk": f"boto3 {boto3.__version__}, botocore {botocore.__version__} (Python {sys.version.split()[0]})",
        "n": n, "ops": ops,
    }))


if __name__ == "__main__":
    run_main(main)

#!/usr/bin/env python3
"""The boto3 side of bench/run's DynamoDB phase: CreateTable (waiting until
ACTIVE), then N x PutItem and N x GetItem (consistent reads) of items with a
few attributes, on one keep-alive connection against the endpoint in
STRATUS_TEST_DYNALITE_ENDPOINT. Prints one JSON line (bench/runtime/README.md).

Startup is timed from the first statement, so it includes importing boto3.
"""

import time

START = time.perf_counter()

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

from boto3_s3 import cpu_seconds, fail, key, measure, print_result, run_main, settings  # noqa: E402


def text(i):
    """100 characters distinct per key."""
    tag = f"value-{i:08d};"
    return (tag * (100 // len(tag) + 1))[:100]


def item(prefix, i):
    return {"pk": {"S": key(prefix, i)}, "n": {"N": str(i)}, "text": {"S": text(i)},
            "even": {"BOOL": i % 2 == 0}}


def main():
    endpoint, n, warmup, table = settings("STRATUS_TEST_DYNALITE_ENDPOINT", "BENCH_TABLE", "bench-boto3")

    client = boto3.session.Session().client(
        "dynamodb",
        region_name="us-east-1",
        endpoint_url=endpoint,
        # dynalite checks only that the Authorization header is well formed.
        aws_access_key_id="AKIABENCH",
        aws_secret_access_key="bench-secret",
        config=Config(max_pool_connections=1),
    )
    startup_ms = (time.perf_counter() - START) * 1e3
    ready_unix_ns = time.time_ns()
    startup_cpu_us = cpu_seconds() * 1e6  # the process's CPU from exec to here

    t = time.perf_counter()
    client.create_table(TableName=table, AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                        ProvisionedThroughput={"ReadCapacityUnits": 1000, "WriteCapacityUnits": 1000})
    first_call_ms = (time.perf_counter() - t) * 1e3
    client.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 0.02, "MaxAttempts": 500})

    def put(prefix, i):
        client.put_item(TableName=table, Item=item(prefix, i))

    def get(prefix, i):
        got = client.get_item(TableName=table, Key={"pk": {"S": key(prefix, i)}}, ConsistentRead=True).get("Item")
        if got != item(prefix, i):
            fail(f"GetItem {key(prefix, i)}: the item differs from what was put ({len(got or {})} attributes)")

    # Warm-up on keys of their own, not measured.
    for op in (put, get):
        for i in range(warmup):
            op("warmup", i)

    ops = {}
    ops["put_item"] = measure(n, "item", put)
    ops["get_item"] = measure(n, "item", get)
    print_result(n, warmup, startup_ms, startup_cpu_us, first_call_ms, ready_unix_ns, ops)

if __name__ == "__main__":
    run_main(main)

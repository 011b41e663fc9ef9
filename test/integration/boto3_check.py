#!/usr/bin/env python3
"""boto3's half of the stratus/boto3 interoperability test (s3_boto3_interop.cpp).

usage: boto3_check.py ENDPOINT BUCKET

Reads back, with boto3, the objects stratus wrote under the prefix
"from-stratus." and checks every byte, the metadata and the content headers;
then writes the same set of objects under "from-boto3." for stratus to check.
(Not "from-stratus/": moto-auth refuses the signature of a ListObjectsV2 whose
prefix holds a '/', from boto3 as from stratus.) Both sides derive the
objects from the table OBJECTS below (s3_boto3_interop.cpp has the same table),
so neither trusts the other for what they should contain.

Credentials come from the harness (STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID and
STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY): the server is moto-auth, which
verifies the SigV4 signatures of both SDKs. Path-style addressing, us-east-1.

Exit status: 0 when every check passed, 1 when one failed (each failure is
printed), 2 for a usage error, 77 when boto3 cannot be imported.
"""

import hashlib
import os
import sys

MIB = 1024 * 1024


def pattern(name, size):
    """Block i of 32 bytes is SHA-256("<name>:<i>"); stratus::test::pattern_bytes."""
    out = bytearray()
    i = 0
    while len(out) < size:
        out += hashlib.sha256(f"{name}:{i}".encode()).digest()
        i += 1
    return bytes(out[:size])


def objects(writer):
    """The objects each SDK writes under from-<writer>., as s3_boto3_interop.cpp's table."""
    multipart = pattern("multipart", 6 * MIB + 7)
    return {
        "all-bytes.bin": dict(data=bytes(range(256)) * 4, content_type="application/octet-stream"),
        "large.bin": dict(data=pattern("large", 6 * MIB), content_type="application/x-large"),
        "multipart.bin": dict(data=multipart, content_type="application/x-multipart",
                              metadata={"parts": "2"}, parts=[multipart[:5 * MIB], multipart[5 * MIB:]]),
        "metadata.txt": dict(data=b"metadata check\n", content_type="text/plain; charset=utf-8",
                             metadata={"author": writer, "note": "hello world", "Mixed-Case": "Value Kept"},
                             cache_control="max-age=60",
                             content_disposition='attachment; filename="m.txt"'),
        "empty": dict(data=b"", content_type="binary/octet-stream"),
        "dir/sub dir/spaced key.txt": dict(data=b"spaced key\n", content_type="text/plain"),
    }


class Checker:
    def __init__(self):
        self.failures = 0
        self.checks = 0

    def check(self, ok, what):
        self.checks += 1
        if not ok:
            self.failures += 1
            print(f"boto3_check: FAILED: {what}", flush=True)


def verify(s3, bucket, prefix, specs, c):
    """Everything stratus wrote under prefix, read back with boto3."""
    listed = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for o in page.get("Contents", []):
            listed[o["Key"]] = o["Size"]
    expected = {prefix + k: len(v["data"]) for k, v in specs.items()}
    c.check(listed == expected, f"ListObjectsV2 under {prefix}: {listed} != {expected}")

    for name, spec in specs.items():
        key = prefix + name
        got = s3.get_object(Bucket=bucket, Key=key)
        body = got["Body"].read()
        data = spec["data"]
        c.check(len(body) == len(data), f"{key}: {len(body)} bytes, expected {len(data)}")
        c.check(hashlib.sha256(body).hexdigest() == hashlib.sha256(data).hexdigest(),
                f"{key}: the bytes differ from what stratus should have written")
        c.check(got["ContentLength"] == len(data), f"{key}: ContentLength {got['ContentLength']}")
        c.check(got["ContentType"] == spec["content_type"], f"{key}: ContentType {got['ContentType']!r}")
        meta = {k.lower(): v for k, v in spec.get("metadata", {}).items()}
        c.check(got["Metadata"] == meta, f"{key}: Metadata {got['Metadata']} != {meta}")
        for field, header in (("cache_control", "CacheControl"), ("content_disposition", "ContentDisposition")):
            if field in spec:
                c.check(got.get(header) == spec[field], f"{key}: {header} {got.get(header)!r} != {spec[field]!r}")
        if "parts" in spec:
            c.check(got["ETag"].endswith(f'-{len(spec["parts"])}"'), f"{key}: multipart ETag {got['ETag']}")
        else:
            md5 = '"' + hashlib.md5(data).hexdigest() + '"'
            c.check(got["ETag"] == md5, f"{key}: ETag {got['ETag']} != {md5}")
        if len(data) > 100:
            part = s3.get_object(Bucket=bucket, Key=key, Range="bytes=50-99")
            c.check(part["Body"].read() == data[50:100], f"{key}: bytes 50-99 differ")
            c.check(part["ContentRange"] == f"bytes 50-99/{len(data)}", f"{key}: {part['ContentRange']}")


def write(s3, bucket, prefix, specs):
    for name, spec in specs.items():
        key = prefix + name
        extra = {"ContentType": spec["content_type"]}
        if "metadata" in spec:
            extra["Metadata"] = spec["metadata"]
        if "cache_control" in spec:
            extra["CacheControl"] = spec["cache_control"]
        if "content_disposition" in spec:
            extra["ContentDisposition"] = spec["content_disposition"]
        if "parts" not in spec:
            s3.put_object(Bucket=bucket, Key=key, Body=spec["data"], **extra)
            continue
        up = s3.create_multipart_upload(Bucket=bucket, Key=key, **extra)
        done = []
        for n, part in enumerate(spec["parts"], start=1):
            r = s3.upload_part(Bucket=bucket, Key=key, UploadId=up["UploadId"], PartNumber=n, Body=part)
            done.append({"ETag": r["ETag"], "PartNumber": n})
        s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=up["UploadId"],
                                     MultipartUpload={"Parts": done})


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    endpoint, bucket = argv
    try:
        import boto3
        from botocore.config import Config
    except ImportError as e:
        print(f"boto3_check: SKIP: {e}", file=sys.stderr)
        return 77

    s3 = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=os.environ["STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}, retries={"mode": "standard"}))
    c = Checker()
    verify(s3, bucket, "from-stratus.", objects("stratus"), c)
    write(s3, bucket, "from-boto3.", objects("boto3"))
    print(f"boto3_check: boto3 {boto3.__version__}: {c.checks - c.failures} of {c.checks} checks passed "
          f"on stratus's objects; wrote {len(objects('boto3'))} objects under from-boto3.", flush=True)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

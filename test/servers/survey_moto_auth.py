#!/usr/bin/env python3
"""Measure which services moto verifies signatures for (the table in README.md).

usage: harness.py moto-auth -- python3 survey_moto_auth.py [SERVICE...]

For every botocore service that moto implements, it calls one read-only operation
that needs no parameters twice: signed with the right secret and with a wrong one.
A service is "verified" when the wrong secret gets SignatureDoesNotMatch (EC2:
AuthFailure) and the right one does not. When moto rejects the right secret too,
both calls are repeated with X-Amz-Content-SHA256 signed, as S3 clients send it. Prints a markdown table, then one summary line. A one-off
measuring tool, not a test: rerun it after upgrading moto.
"""

import hashlib
import os
import sys

import boto3
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["STRATUS_TEST_MOTO_AUTH_ENDPOINT"]
KEY = os.environ["STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID"]
SECRET = os.environ["STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY"]
CONFIG = Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30,
                s3={"addressing_style": "path"})
# botocore names whose moto backend is spelt differently (besides dropping '-').
MOTO_NAME = {"lambda": "awslambda"}


def moto_backends():
    from moto.backend_index import backend_url_patterns
    return {name for name, _ in backend_url_patterns}


# Operations moto implements, where the first List/Describe/Get it would pick is not.
PREFERRED = {
    "apigateway": "GetRestApis", "cloudfront": "ListDistributions", "ec2": "DescribeRegions",
    "lambda": "ListFunctions", "route53": "ListHostedZones", "sts": "GetCallerIdentity",
}
AUTH_ERRORS = ("SignatureDoesNotMatch", "AuthFailure", "InvalidSignatureException")
EMPTY_403 = "403 with empty body"  # how moto rejects route53 and cloudfront requests
REJECTED = AUTH_ERRORS + (EMPTY_403,)


def pick_operation(service, model):
    """A List/Describe/Get operation without required input, or None."""
    if service in PREFERRED:
        return PREFERRED[service]
    candidates = []
    for name in model.operation_names:
        op = model.operation_model(name)
        if op.input_shape is not None and op.input_shape.required_members:
            continue
        for rank, prefix in enumerate(("List", "Describe", "Get")):
            if name.startswith(prefix):
                candidates.append((rank, len(name), name))
    return min(candidates)[2] if candidates else None


def sign_payload_header(request, **kwargs):
    """Add X-Amz-Content-SHA256 before signing, as S3 clients do, so that it is signed."""
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()


def call(service, operation, secret, payload_header=False):
    client = boto3.session.Session().client(
        service, endpoint_url=ENDPOINT, region_name="us-east-1",
        aws_access_key_id=KEY, aws_secret_access_key=secret, config=CONFIG)
    if payload_header:
        client.meta.events.register("before-sign", sign_payload_header)
    try:
        getattr(client, xform_name(operation))()
        return "ok"
    except ClientError as e:
        error = e.response.get("Error", {})
        text = f"{error.get('Code', '')} {error.get('Message', '')}"
        for code in AUTH_ERRORS:
            if code in text:
                return code
        status = e.response["ResponseMetadata"].get("HTTPStatusCode")
        if status == 403 and not text.strip():
            return EMPTY_403
        return f"{status} {error.get('Code', '') or error.get('Message', '')[:40]}".strip()
    except Exception as e:  # e.g. ResponseParserError on moto's HTML 500 page
        text = str(e)
        for code in AUTH_ERRORS:
            if code in text:
                return code
        return "500 not implemented" if "500 Internal Server Error" in text else type(e).__name__


def verdict(right, wrong):
    if right in REJECTED and wrong in REJECTED:
        return "rejects the right secret too"
    if right.startswith("404") and wrong.startswith("404"):
        return "not routed at 127.0.0.1"
    if wrong in REJECTED:
        return "verified"
    if right == wrong == "ok":
        return "not verified"
    return "inconclusive"


def main(wanted):
    session = boto3.session.Session()
    backends = moto_backends()
    rows = []
    for service in sorted(session.get_available_services()):
        moto_name = MOTO_NAME.get(service, service.replace("-", ""))
        if moto_name not in backends or (wanted and service not in wanted):
            continue
        model = session._session.get_service_model(service)
        protocol = model.metadata["protocol"]
        operation = pick_operation(service, model)
        if operation is None:
            rows.append((service, protocol, "-", "-", "-", "not measured (no operation without parameters)"))
            continue
        right, wrong = call(service, operation, SECRET), call(service, operation, "w" * 40)
        result = verdict(right, wrong)
        if result == "rejects the right secret too":
            right = call(service, operation, SECRET, payload_header=True)
            wrong = call(service, operation, "w" * 40, payload_header=True)
            if verdict(right, wrong) == "verified":
                result = "verified only with x-amz-content-sha256 signed"
        rows.append((service, protocol, operation, right, wrong, result))
        print(f"{service}: {result}", file=sys.stderr, flush=True)

    print("| service | protocol | operation | right secret | wrong secret | verdict |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    counts = {}
    for row in rows:
        counts[row[5]] = counts.get(row[5], 0) + 1
    print("\n" + "; ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(set(sys.argv[1:])))

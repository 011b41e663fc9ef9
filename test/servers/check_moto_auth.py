#!/usr/bin/env python3
"""Self-test of harness.py's moto-auth server, and of what README.md says about it.

usage: harness.py moto-auth -- python3 check_moto_auth.py

Checks with boto3 that the key the harness exported works, that a wrong secret or
an unknown key is refused (S3, STS over query, SQS over JSON), and that moto's
documented gaps are still as README.md describes them: if moto changes, a check
here fails and names the README statement to update. Prints one line per check
and a closing 'N passed, N failed'.
"""

import datetime
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
from unittest import mock

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ.get("STRATUS_TEST_MOTO_AUTH_ENDPOINT", "")
KEY = os.environ.get("STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID", "")
SECRET = os.environ.get("STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY", "")
WRONG_SECRET = "w" * 40
CONFIG = Config(retries={"total_max_attempts": 1}, s3={"addressing_style": "path"})
ACCOUNT = "123456789012"  # moto's default account

results = []


def client(service, key=KEY, secret=SECRET, token=None, config=CONFIG):
    return boto3.session.Session().client(
        service, endpoint_url=ENDPOINT, region_name="us-east-1", config=config,
        aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token)


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}: {name}" + (f" ({detail})" if detail else ""), flush=True)


def refused(call):
    """(HTTP status, error text) of a call expected to fail; (200, '') if it succeeded.
    The text holds code and message: for JSON services moto's signature errors are
    an XML body that boto3 cannot parse, so the code is only in the message."""
    try:
        call()
        return 200, ""
    except ClientError as e:
        error = e.response.get("Error", {})
        return (e.response["ResponseMetadata"]["HTTPStatusCode"],
                f"{error.get('Code', '')} {error.get('Message', '')}")


def expect_refused(name, call, status, code):
    got_status, text = refused(call)
    check(name, got_status == status and code in text, f"got {got_status} {text[:80]!r}")


def replace_in_body(old, new):
    """A before-send hook that changes the body after it was signed."""
    def hook(request, **kwargs):
        body = request.body
        if isinstance(body, str):
            body = body.encode()
        elif hasattr(body, "read"):
            body = body.read()
        request.body = (body or b"").replace(old, new)
    return hook


def sign_payload_header(request, **kwargs):
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()


def main():
    check("harness exported endpoint and key",
          ENDPOINT.startswith("http://127.0.0.1:") and bool(KEY) and bool(SECRET),
          f"endpoint {ENDPOINT!r}")
    if not results[-1]:
        return finish()

    # First, before anything else spends a request: the bootstrap must have used up
    # every unchecked request, so this one is already checked.
    expect_refused("no unchecked request left after the bootstrap",
                   lambda: client("s3", key="AKIAUNKNOWNUNKNOWN00").list_buckets(),
                   403, "InvalidAccessKeyId")

    # S3 (rest-xml, S3SigV4Auth).
    s3 = client("s3")
    s3.create_bucket(Bucket="stratus-harness")
    s3.put_object(Bucket="stratus-harness", Key="k", Body=b"hello")
    body = s3.get_object(Bucket="stratus-harness", Key="k")["Body"].read()
    check("s3: right secret: create_bucket, put_object, get_object", body == b"hello")
    expect_refused("s3: wrong secret: put_object",
                   lambda: client("s3", secret=WRONG_SECRET).put_object(
                       Bucket="stratus-harness", Key="k", Body=b"x"),
                   403, "SignatureDoesNotMatch")
    expect_refused("s3: wrong secret: create_bucket",
                   lambda: client("s3", secret=WRONG_SECRET).create_bucket(Bucket="stratus-other"),
                   403, "SignatureDoesNotMatch")

    # STS (query protocol) and SQS (JSON protocol).
    arn = client("sts").get_caller_identity()["Arn"]
    check("sts: right secret: get_caller_identity", arn == f"arn:aws:iam::{ACCOUNT}:user/stratus-test",
          arn)
    expect_refused("sts: wrong secret: get_caller_identity",
                   lambda: client("sts", secret=WRONG_SECRET).get_caller_identity(),
                   403, "SignatureDoesNotMatch")
    url = client("sqs").create_queue(QueueName="stratus-harness")["QueueUrl"]
    check("sqs: right secret: create_queue", url.endswith("/stratus-harness"), url)
    expect_refused("sqs: wrong secret: create_queue",
                   lambda: client("sqs", secret=WRONG_SECRET).create_queue(QueueName="other"),
                   403, "SignatureDoesNotMatch")

    # README: the body is part of the signature for JSON/query services...
    sqs = client("sqs")
    sqs.meta.events.register("before-send", replace_in_body(b"hello", b"jello"))
    expect_refused("README: sqs: a body changed after signing is refused",
                   lambda: sqs.send_message(QueueUrl=url, MessageBody="hello"),
                   403, "SignatureDoesNotMatch")
    # ...but for S3 moto trusts x-amz-content-sha256 and never hashes the body.
    s3_tampered = client("s3")
    s3_tampered.meta.events.register("before-send", replace_in_body(b"hello", b"jello"))
    status, text = refused(lambda: s3_tampered.put_object(
        Bucket="stratus-harness", Key="tampered", Body=b"hello"))
    stored = s3.get_object(Bucket="stratus-harness", Key="tampered",
                           ChecksumMode="DISABLED")["Body"].read() if status == 200 else b""
    check("README: s3: a body changed after signing is accepted and stored", stored == b"jello",
          f"got {status} {text[:60]!r}")

    # README: moto does not check the clock.
    two_days_ago = datetime.datetime.utcnow() - datetime.timedelta(days=2)
    with mock.patch("botocore.auth.get_current_datetime", return_value=two_days_ago):
        status, text = refused(lambda: client("sts").get_caller_identity())
    check("README: a signature dated two days ago is accepted", status == 200, text[:80])

    # README: rest-json/rest-xml requests other than S3 with an empty body are refused
    # even with the right secret, unless x-amz-content-sha256 is signed.
    expect_refused("README: lambda: empty-body GET refused with the right secret",
                   lambda: client("lambda").list_functions(), 403, "SignatureDoesNotMatch")
    lam = client("lambda")
    lam.meta.events.register("before-sign", sign_payload_header)
    status, text = refused(lambda: lam.list_functions())
    check("README: lambda: empty-body GET accepted with x-amz-content-sha256 signed",
          status == 200, text[:80])

    # README: presigned URLs (query-string auth) are not supported: moto fails with 500.
    presigned = s3.generate_presigned_url("get_object", Params={"Bucket": "stratus-harness",
                                                                "Key": "k"})
    try:
        status = urllib.request.urlopen(presigned, timeout=10).status
    except urllib.error.HTTPError as e:
        status = e.code
    check("README: s3: presigned GET fails with 500", status == 500, f"got {status}")

    # README: temporary credentials from AssumeRole are verified, token included;
    # the role's policy applies.
    iam = client("iam")
    iam.create_role(RoleName="stratus-harness", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/stratus-test"}}]}))
    iam.put_role_policy(RoleName="stratus-harness", PolicyName="list", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}))
    creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/stratus-harness",
                                      RoleSessionName="harness")["Credentials"]
    role = (creds["AccessKeyId"], creds["SecretAccessKey"])
    status, text = refused(lambda: client("s3", *role, token=creds["SessionToken"]).list_buckets())
    check("README: assumed role: allowed action succeeds", status == 200, text[:80])
    expect_refused("README: assumed role: action outside its policy is denied",
                   lambda: client("s3", *role, token=creds["SessionToken"]).put_object(
                       Bucket="stratus-harness", Key="r", Body=b"1"),
                   403, "AccessDenied")
    expect_refused("README: assumed role: wrong session token is refused",
                   lambda: client("s3", *role, token="wrong").list_buckets(),
                   400, "InvalidToken")
    return finish()


def finish():
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

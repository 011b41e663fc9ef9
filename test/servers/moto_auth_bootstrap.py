#!/usr/bin/env python3
"""Create an administrator's access key in a moto server that checks signatures.

usage: moto_auth_bootstrap.py ENDPOINT

harness.py starts moto_server with INITIAL_NO_AUTH_ACTION_COUNT=CALLS: moto lets
exactly that many requests through unchecked and verifies every later one. This
script spends those requests on an IAM user, its access key and an inline policy
that allows everything, then prints {"access_key_id": ..., "secret_access_key": ...}
as one line of JSON. It talks to ENDPOINT (always 127.0.0.1) and nothing else.
"""

import json
import sys

# The number of requests below; harness.py imports it for INITIAL_NO_AUTH_ACTION_COUNT.
CALLS = 3

USER = "stratus-test"
ADMIN_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    # Imported here so that harness.py can read CALLS without boto3.
    import boto3
    from botocore.config import Config

    iam = boto3.session.Session().client(
        "iam",
        endpoint_url=sys.argv[1],
        region_name="us-east-1",
        aws_access_key_id="bootstrap",
        aws_secret_access_key="bootstrap",
        # A retried request would spend one of the unchecked requests twice.
        config=Config(retries={"total_max_attempts": 1}),
    )
    iam.create_user(UserName=USER)  # 1
    key = iam.create_access_key(UserName=USER)["AccessKey"]  # 2
    iam.put_user_policy(  # 3
        UserName=USER,
        PolicyName="administrator",
        PolicyDocument=json.dumps(ADMIN_POLICY),
    )
    print(json.dumps({
        "access_key_id": key["AccessKeyId"],
        "secret_access_key": key["SecretAccessKey"],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

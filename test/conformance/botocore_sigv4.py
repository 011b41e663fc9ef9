#!/usr/bin/env python3
"""Signs random requests with botocore, for stratus's signer to agree with.

    botocore_sigv4.py [--out FILE] [--count N] [--seed S] [--check PROGRAM]

Generates N requests from a fixed seed (the same file every run): reserved and
non-ASCII characters in paths, repeated and empty query keys, odd header
whitespace, session tokens, S3 and other services, Authorization headers and
presigned URLs. Signs each with botocore's SigV4Auth, S3SigV4Auth,
SigV4QueryAuth or S3SigV4QueryAuth at a fixed time per case, and writes one
JSON object per line: the inputs, the sigv4_params stratus needs to sign the
same way, and botocore's canonical request, string to sign and results.

With --check, runs PROGRAM FILE afterwards (stratus-sigv4-agreement) and exits
with its status. Exits 77 (meson's "skipped") when no Python with botocore is
found: this one, else Debian's /usr/bin/python3 (python3-botocore).
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
from unittest import mock
from urllib.parse import quote

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'support'))
from botocore_python import require_botocore  # noqa: E402

require_botocore('botocore_sigv4.py')
import botocore
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials


# The headers stratus never signs (botocore 1.43's SIGNED_HEADERS_BLACKLIST).
# Older botocore releases leave fewer out; only names both leave out are
# generated as "unsigned", and the others are never generated at all.
STRATUS_UNSIGNED = {
    'connection', 'expect', 'keep-alive', 'proxy-authenticate',
    'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade',
    'user-agent', 'x-amzn-trace-id',
}
BOTOCORE_UNSIGNED = set(botocore.auth.SIGNED_HEADERS_BLACKLIST)
UNSIGNED_VALUES = {
    'user-agent': ['Boto3/1.43.0 md/Botocore#1.43.0 ua/2.1', 'curl/8.0'],
    'expect': ['100-continue'],
    'x-amzn-trace-id': ['Root=1-5759e988-bd862e3fe1be46a994272793'],
    'connection': ['keep-alive', 'close'],
    'keep-alive': ['timeout=5'],
    'te': ['trailers'],
    'upgrade': ['h2c'],
}
UNSIGNED_NAMES = sorted((STRATUS_UNSIGNED & BOTOCORE_UNSIGNED) & set(UNSIGNED_VALUES))

SERVICES = ['sqs', 'dynamodb', 'execute-api', 'sts', 'ec2', 'lambda', 'kinesis', 'service', 'es', 'iam']
REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1', 'il-central-1']
BASE64ISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

# Path segments as an HTTP client may send them to a non-S3 service, which
# signs the path encoded once more: unreserved text, reserved characters
# that may stand raw in a path, escapes (they get double-encoded), and the raw
# spaces and UTF-8 the AWS suite also signs.
PLAIN_SEGMENTS = [
    'a', 'foo', 'Bar', 'x-y_z.w~v', '2015-08-30', '$delete', 'a=b', 'x;y', "it's",
    '(1)', 'a:b', 'user@host', '!', '*', 'a+b', 'a,b', '%20', '%2F', '%25', 'ab%2Bc',
    'example space', '\u1234', 'caf\u00e9', '\u65e5\u672c', '\U0001F600',
]
DOT_SEGMENTS = ['.', '..', '']
# S3 object keys before botocore's S3 serializer quotes them (safe '/~').
KEY_WORDS = [
    'photo.jpg', 'my-object', 'dir', 'a b', 'x+y', 'caf\u00e9', '\u65e5\u672c', 'q?x', 'h#1',
    '100%', 'a=b&c', 'semi;colon', '~tilde', 'UPPER', '..', '.', '', 'it\'s', '(p)',
]
QUERY_KEYS = [
    'Action', 'Param1', 'param1', 'Param2', 'a', 'Z', 'b-c', 'x.y', '~t', '\u1234', 'list-type',
    'prefix', 'Version', 'max-keys', 'caf\u00e9', 'k k', 'a/b', 'q+1',
]
QUERY_VALUES = [
    'value1', 'Value1', 'ListUsers', '2', '', 'a b', 'a+b', 'a/b/c', '=', '&', '\u1234',
    'x~y.z_w-v', '100%', 'caf\u00e9', 'A' * 30, "it's", '$1,000',
]
KEY_ONLY = ['acl', 'uploads', 'versioning', 'tagging', 'delete']
# Whitespace in header values is spaces and tabs only: Python's str.split(),
# which botocore collapses values with, also splits at Unicode spaces (U+00A0,
# U+2003, ...) and at \x1c-\x1f, which are not whitespace to HTTP; a newline
# would not survive as a header at all (folding is in the AWS suite instead).
HEADER_VALUES = [
    'value1', 'VALUE1', '  leading', 'trailing   ', '  a   b  c  ', 'a\tb', '\t tab \t', '"a   b   c"',
    '', '   ', 'caf\u00e9', '\u65e5\u672c  \u8a9e', 'x=1; y=2', 'a,b', 'text/plain; charset=utf-8',
]


def q(text):
    # The escaping AWS canonical forms use: everything but RFC 3986's
    # unreserved characters, uppercase hex, UTF-8.
    return quote(text, safe='-_.~')


def random_token(rnd):
    return ''.join(rnd.choice(BASE64ISH) for _ in range(rnd.randint(16, 120))) + rnd.choice(['', '=', '=='])


def random_time(rnd):
    special = [
        datetime.datetime(2015, 8, 30, 12, 36, 0),
        datetime.datetime(2024, 2, 29, 0, 0, 0),
        datetime.datetime(2015, 12, 31, 23, 59, 59),
        datetime.datetime(2038, 1, 19, 3, 14, 8),
    ]
    if rnd.random() < 0.2:
        return rnd.choice(special)
    start = datetime.datetime(2000, 1, 1)
    return start + datetime.timedelta(seconds=rnd.randint(0, 40 * 365 * 86400))


def random_host(rnd, presign):
    choice = rnd.randrange(7)
    if choice == 0:
        return 'example.amazonaws.com', None
    if choice == 1:
        return 'Bucket.S3.US-West-2.amazonaws.com', None
    if choice == 2:
        return '127.0.0.1', rnd.choice([4566, 9000])
    if choice == 3:
        return '[::1]', 8080
    if choice == 4:
        return 'localhost', 8080
    if choice == 5 and not presign:
        # botocore returns a presigned URL with ':443' kept as written, while
        # stratus's url drops a default port (same signature, other text);
        # so explicit default ports appear only with Authorization headers.
        return 'sqs.us-east-1.amazonaws.com', 443
    return 'my-bucket.s3.amazonaws.com', None


def random_path(rnd, s3):
    n = rnd.randint(0, 5)
    if s3:
        # What botocore's S3 serializer produces. Raw spaces and raw UTF-8
        # are left out: S3SigV4Auth signs a path as written, such a path
        # cannot go on a request line as written, and stratus escapes it.
        parts = [quote(rnd.choice(KEY_WORDS), safe='~') for _ in range(n)]
        path = '/' + '/'.join(parts)
        if rnd.random() < 0.2:
            path += '/'
        if rnd.random() < 0.1:
            path = '/' + path  # a key starting with '/'
        return path
    parts = []
    for _ in range(n):
        parts.append(rnd.choice(DOT_SEGMENTS) if rnd.random() < 0.25 else rnd.choice(PLAIN_SEGMENTS))
    path = '/' + '/'.join(parts)
    if rnd.random() < 0.2:
        path += '/'
    return path


def random_query(rnd, presign):
    # Only queries in canonical encoding: botocore signs the query text as
    # written (SigV4Auth._canonical_query_string_url), while stratus, like
    # the services, decodes and encodes it again. Raw reserved characters,
    # lowercase escapes or a raw '+' would test that difference, not SigV4.
    # Empty pieces ("a=1&&b=2") are left out too: botocore signs one as "=",
    # stratus drops it.
    pairs = []
    for _ in range(rnd.choice([0, 0, 1, 2, 3, 5])):
        r = rnd.random()
        if r < 0.15:
            pairs.append(rnd.choice(KEY_ONLY))
        elif r < 0.25:
            pairs.append(q(rnd.choice(QUERY_KEYS)) + '=')
        else:
            pairs.append(q(rnd.choice(QUERY_KEYS)) + '=' + q(rnd.choice(QUERY_VALUES)))
    if not presign and pairs and rnd.random() < 0.3:
        # Repeated keys, sorted by value. Not for presigned URLs:
        # SigV4QueryAuth keeps one value per key.
        key = pairs[0].partition('=')[0]
        pairs.append(key + '=' + q(rnd.choice(QUERY_VALUES)))
        pairs.append(key + '=' + q(rnd.choice(QUERY_VALUES)))
    if presign:
        seen, unique = set(), []
        for p in pairs:
            k = p.partition('=')[0]
            if k not in seen:
                seen.add(k)
                unique.append(p)
        pairs = unique
    rnd.shuffle(pairs)
    return '&'.join(pairs)


def random_headers(rnd, presign, s3, netloc):
    headers = []
    for _ in range(rnd.randint(0, 6)):
        r = rnd.random()
        if r < 0.3:
            name = rnd.choice(['My-Header1', 'my-header1', 'MY-HEADER1', 'X-Amz-Meta-Foo', 'x-amz-meta-bar'])
            headers.append((name, rnd.choice(HEADER_VALUES)))
        elif r < 0.45:
            headers.append(
                (
                    'Content-Type',
                    rnd.choice(
                        [
                            'application/x-amz-json-1.0',
                            'application/x-www-form-urlencoded; charset=utf-8',
                            'text/plain',
                        ]
                    ),
                )
            )
        elif r < 0.55 and UNSIGNED_NAMES:
            name = rnd.choice(UNSIGNED_NAMES)
            headers.append((rnd.choice([name, name.title()]), rnd.choice(UNSIGNED_VALUES[name])))
        elif r < 0.62:
            headers.append(('X-Amz-Target', 'DynamoDB_20120810.ListTables'))
        elif r < 0.67:
            headers.append(('Host', netloc.upper() if rnd.random() < 0.5 else netloc))
        elif r < 0.72:
            # A Date header makes botocore sign Date instead of X-Amz-Date.
            headers.append(('Date', 'Mon, 01 Jan 2001 00:00:00 GMT'))
        elif r < 0.77:
            headers.append(('X-Amz-Date', '20010101T000000Z'))
        elif r < 0.82 and not presign:
            # A stale Authorization: sign() replaces it. Presigning ignores it,
            # where SigV4QueryAuth would sign it as a header.
            headers.append(('Authorization', 'AWS4-HMAC-SHA256 Credential=stale'))
        elif r < 0.87:
            headers.append(('X-Amz-Security-Token', 'stale-token'))
        elif r < 0.92:
            headers.append(
                ('X-Amz-Content-SHA256', rnd.choice(['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'ab' * 32]))
            )
        else:
            headers.append(('Content-MD5', '1B2M2Y8AsgTpgAmY7PhCfg=='))
    return headers


def random_body(rnd, method, presign):
    # SigV4QueryAuth moves a body into the query (it expects a query-protocol
    # form); stratus hashes it and leaves the query to its caller. So
    # presigned requests have no body.
    if presign or method in ('GET', 'HEAD', 'DELETE') or rnd.random() < 0.2:
        return ''
    return rnd.choice(
        [
            'Param1=value1',
            '{"TableName": "t\u00e9st"}',
            'x' * rnd.randint(1, 3000),
            '\u65e5\u672c\u8a9e\n\tline 2',
        ]
    )


class FixedTime:
    """Makes botocore's clock say `when` (naive UTC), for old and new releases."""

    def __init__(self, when):
        self.when = when
        self.patches = []

    def __enter__(self):
        when = self.when
        if hasattr(botocore.auth, 'get_current_datetime'):
            self.patches.append(mock.patch.object(botocore.auth, 'get_current_datetime', lambda *a, **k: when))
        else:

            class Fixed(datetime.datetime):
                @classmethod
                def utcnow(cls):
                    return when

            self.patches.append(mock.patch('botocore.auth.datetime.datetime', Fixed))
        for p in self.patches:
            p.start()
        return self

    def __exit__(self, *exc):
        for p in reversed(self.patches):
            p.stop()


def make_case(rnd, index):
    s3 = rnd.random() < 0.4
    presign = rnd.random() < 0.3
    service = 's3' if s3 else rnd.choice(SERVICES)
    region = rnd.choice(REGIONS)
    when = random_time(rnd)
    scheme = 'https' if rnd.random() < 0.85 else 'http'
    host, port = random_host(rnd, presign)
    netloc = host if port is None else f'{host}:{port}'
    method = rnd.choice(['GET', 'GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'get' if not presign else 'GET'])
    path = random_path(rnd, s3)
    query = random_query(rnd, presign)
    headers = random_headers(rnd, presign, s3, netloc)
    body = random_body(rnd, method, presign)
    access_key = 'AKID' + ''.join(rnd.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') for _ in range(16))
    secret_key = ''.join(rnd.choice(BASE64ISH) for _ in range(40))
    # An empty token is left out: botocore presigns it as an empty
    # X-Amz-Security-Token, stratus reads empty as "no token".
    token = random_token(rnd) if rnd.random() < 0.35 else None
    unsigned = (not presign) and rnd.random() < 0.2
    expires = rnd.choice([1, 60, 900, 3600, 86400, 604800]) if presign else None

    url = f'{scheme}://{netloc}{path}' + (f'?{query}' if query else '')
    creds = botocore.credentials.Credentials(access_key, secret_key, token)
    if presign:
        cls = botocore.auth.S3SigV4QueryAuth if s3 else botocore.auth.SigV4QueryAuth
        signer = cls(creds, service, region, expires=expires)
    else:
        cls = botocore.auth.S3SigV4Auth if s3 else botocore.auth.SigV4Auth
        signer = cls(creds, service, region)

    request = botocore.awsrequest.AWSRequest(method=method, url=url, data=body.encode('utf-8'))
    for name, value in headers:
        request.headers[name] = value  # HTTPHeaders appends: repeats stay
    if unsigned:
        if s3:
            request.context['client_config'] = botocore.config.Config(s3={'payload_signing_enabled': False})
        else:
            request.context['payload_signing_enabled'] = False

    captured = {}
    canonical_request = signer.canonical_request
    string_to_sign = signer.string_to_sign

    def capture_cr(req):
        captured['canonical_request'] = canonical_request(req)
        return captured['canonical_request']

    def capture_sts(req, cr):
        captured['string_to_sign'] = string_to_sign(req, cr)
        return captured['string_to_sign']

    signer.canonical_request = capture_cr
    signer.string_to_sign = capture_sts
    with FixedTime(when):
        signer.add_auth(request)

    epoch = int((when - datetime.datetime(1970, 1, 1)).total_seconds())
    case = {
        'id': index,
        'kind': 'presign' if presign else 'header',
        'signer': cls.__name__,
        'time': epoch,
        'amz_date': when.strftime('%Y%m%dT%H%M%SZ'),
        'access_key': access_key,
        'secret_key': secret_key,
        'token': token or '',
        'region': region,
        'service': service,
        'params': {
            'double_uri_encode': not s3,
            'normalize_path': not s3,
            'unsigned_payload': unsigned or (presign and s3),
            # Presigning ignores it (there is no header to add); S3 callers
            # pass the same params either way.
            'add_content_sha256_header': s3,
        },
        'method': method,
        'scheme': scheme,
        'host': host.strip('[]'),
        'port': port or 0,
        'path': path,
        'query': query,
        'headers': [list(h) for h in headers],
        'body': body,
        'expected': {
            'canonical_request': captured['canonical_request'],
            'string_to_sign': captured['string_to_sign'],
        },
    }
    if presign:
        case['expires'] = expires
        case['expected']['url'] = request.url
    else:
        case['expected']['authorization'] = request.headers['Authorization']
        case['expected']['headers'] = [[n, v] for n, v in request.headers.items()]
    return case


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='sigv4_botocore.jsonl')
    ap.add_argument('--count', type=int, default=400)
    ap.add_argument('--seed', type=int, default=20150830)
    ap.add_argument('--check', metavar='PROGRAM')
    ap.add_argument('check_args', nargs='*', help='passed on to PROGRAM')
    args = ap.parse_args()

    rnd = random.Random(args.seed)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    kinds = {}
    with open(args.out, 'w', encoding='utf-8') as f:
        for i in range(args.count):
            case = make_case(rnd, i)
            kinds[case['signer']] = kinds.get(case['signer'], 0) + 1
            f.write(json.dumps(case, ensure_ascii=False) + '\n')
    summary = ', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))
    print(f'botocore {botocore.__version__} signed {args.count} requests ({summary}) into {args.out}')
    sys.stdout.flush()
    if args.check:
        sys.exit(subprocess.call([args.check] + args.check_args + [args.out]))


if __name__ == '__main__':
    main()

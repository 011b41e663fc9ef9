#!/usr/bin/env python3
"""Evaluates the rule-set library functions with botocore, for stratus to agree with.

    botocore_functions.py [--out FILE] [--count N] [--seed S]
                          [--partitions FILE] [--check PROGRAM]

Writes one JSON object per line, {"fn": ..., "args": [...], "expect": ...},
for isValidHostLabel, aws.isVirtualHostableS3Bucket, parseURL, aws.parseArn,
substring, uriEncode and aws.partition: first a fixed list of edge cases,
then N seeded random inputs per function (the same file every run).
"expect" is what botocore's RuleSetStandardLibrary returns (null for None),
or {"raises": "<exception>"} when it raises.

With --check, runs PROGRAM FILE afterwards (stratus-endpoint-functions-
agreement) and exits with its status. Exits 77 (meson's "skipped") when no
Python with botocore is found: this one, else Debian's /usr/bin/python3.
"""

import argparse
import gzip
import ipaddress
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'support'))
from botocore_python import require_botocore  # noqa: E402

require_botocore('botocore_functions.py')
import botocore
from botocore.endpoint_provider import RuleSetStandardLibrary


# --- edge cases --------------------------------------------------------------

UNICODE_DIGITS = '\u0661\u0662\u0663'  # Arabic-Indic 1 2 3: Python's \d matches them

HOST_LABELS = [
    '', 'a', 'ab', 'abc', 'A', 'ABC', 'aBc', 'a-b', '-a', 'a-', '-', '--', 'a--b',
    'a' * 63, 'a' * 64, 'a' * 62 + '-', '-' + 'a' * 62, '0', '09', '0-9',
    'a.b', 'a..b', '.a', 'a.', '.', '..', 'a.b.c', 'a.-b', 'a-.b',
    'a' * 63 + '.b', 'b.' + 'a' * 64, 'a' * 63 + '.' + 'a' * 63,
    '1.2.3.4', '192.168.0.1', '1.2.3', '1.2.3.4.5', '999.999.999.999', '1234.1.1.1',
    '1.2.3.a', 'a1.2.3.4', '01.02.03.04',
    'a_b', 'a b', ' a', 'a ', 'a/b', 'a:b', 'a@b', 'xn--bcher-kva', 'my-bucket.s3',
    'MyBucket', 'my.Bucket', 'bucket-', 'bu', 'b', 'a.bc', 'ab.c', 'a.b.c.d',
    '\u00e9', 'ab\u00e9', '\u00e9\u00e9\u00e9', 'caf\u00e9.com', '\u00c9AB',
    UNICODE_DIGITS, 'ab' + UNICODE_DIGITS[0], 'abc\n', 'abc-\n', 'ab\n', 'abc\t',
]

URLS = [
    'https://example.com', 'http://example.com', 'https://example.com/', 'http://example.com/',
    'ftp://example.com', 'file:///etc/passwd', 'example.com', '//example.com', 'https:example.com',
    'https:/example.com', 'https://example.com?x=1', 'https://example.com/?x', 'https://example.com/?',
    'https://example.com#frag', 'https://example.com/a#f?x=1', 'https://example.com?#', 'https://example.com/a?#',
    'https://example.com:8443', 'https://example.com:8443/', 'https://example.com:0', 'https://example.com:65535',
    'https://example.com:65536', 'https://example.com:99999', 'https://example.com:-1', 'https://example.com:abc',
    'https://example.com:', 'https://example.com:080', 'https://example.com:00080', 'https://example.com:000080',
    'https://example.com:8 0', 'https://example.com:+80', 'https://example.com:\u0668\u0660',
    'https://user@example.com', 'https://user:pw@example.com:1/x', 'https://user:pw@example.com',
    'https://a@b@example.com', 'https://user:99999@example.com',
    'http://127.0.0.1', 'http://127.0.0.1:80/a', 'http://127.0.0.1/', 'https://999.1.1.1', 'https://1.2.3',
    'https://1.2.3.4.5', 'https://1234.1.1.1', 'https://1.2.3.4:443/path', 'https://user@1.2.3.4',
    'https://[::1]', 'https://[::1]/', 'https://[::1]:8080/p', 'https://[::1]:', 'https://[::1]x',
    'https://[2001:db8::1]', 'https://[2001:DB8::1]', 'https://[2001:0db8:0000:0000:0000:0000:0000:0001]',
    'https://[::ffff:1.2.3.4]', 'https://[1:2:3:4:5:6:7:8]', 'https://[1:2:3:4:5:6:7::]',
    'https://[fe80::1%25en0]', 'https://[fe80::1%en0]', 'https://[fe80::1%25]', 'https://[fe80::1%]',
    'https://[fe80::1%25e!n]', 'https://[fe80::1%2541]',
    'https://[::1', 'https://::1]', 'https://[1.2.3.4]', 'https://[v1.x]', 'https://[example.com]',
    'https://::1', 'https://[:::1]', 'https://a[::1]',
    'https://', 'http://', 'http:///path', 'https:///', 'https://:80', 'https://@',
    'https://example.com/a/./b/../c', 'https://example.com//a//b/', 'https://example.com/a/b',
    'https://example.com/a/b/', 'https://example.com/.', 'https://example.com/..', 'https://example.com/../..',
    'https://example.com/./', 'https://example.com/a/..', 'https://example.com/a/../', 'https://example.com///',
    'https://example.com/a b', 'https://example.com/%20', 'https://example.com/%2F', 'https://example.com/~a_b-c.d',
    'https://example.com/\u00e9', 'https://example.com/a+b', 'https://example.com/a=b&c', 'https://example.com/a!$\'()*,',
    'https://example.com/a;b', 'https://example.com/a;b/c', 'https://example.com/a/b;c', 'https://example.com;x',
    'https://example.com:80:90', 'https://a:b:c', 'https://example.com:80:',
    'HTTP://example.com', 'Https://example.com', 'HTTPS://EXAMPLE.COM/A',
    ' https://example.com', '\x01https://example.com', 'https://example.com ', 'https://exa\tmple.com',
    'https://example.com/a\nb', 'https://example.com/\r',
    'https://exa mple.com', 'https://ex\u00e4mple.com', 'https://example.com\u2100',
]

ARNS = [
    'arn:aws:s3:::bucket', 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap',
    'arn:aws:s3:us-east-1:123456789012:accesspoint:ap', 'arn:aws:s3-outposts:us-west-2:123:outpost/op-1/accesspoint/ap',
    'arn::s3:::b', 'arn:aws::::b', 'arn:aws:s3:::', 'arn:aws:s3::', 'arn:aws:s3:::a:', 'arn:aws:s3:::a/',
    'arn:aws', 'arn:aws:s3', 'arn:aws:s3:r', 'arn:aws:s3:r:a', 'arn:', 'arn', '', ':', ':::::',
    'ARN:aws:s3:::b', 'notarn:aws:s3:::b', ' arn:aws:s3:::b', 'arn:aws:s3:::a/b:c/d', 'arn:aws:s3:::a//b',
    'arn:aws:s3:::/', 'arn:aws:s3:::://', 'arn:aws:s3:::a:b:c:d:e', 'arn:aws:iam::123456789012:user/x',
    'arn:aws-cn:s3:cn-north-1:1:b', 'arn:aws:s3:\u00e9:1:b', 'arn:a:b:c:d:e:f:g/h',
]

SUBSTRINGS = [
    ('abcdef', 0, 4, False), ('abcdef', 0, 4, True), ('abcdef', 2, 6, False), ('abcdef', 2, 6, True),
    ('abcdef', 0, 6, False), ('abcdef', 0, 7, False), ('abcdef', 0, 7, True), ('abcdef', 3, 3, False),
    ('abcdef', 4, 3, True), ('abcdef', 5, 6, True), ('', 0, 0, False), ('', 0, 1, False), ('a', 0, 1, True),
    ('ab\u00e9', 0, 1, False), ('\u00e9abcd', 0, 1, True), ('abc\x7f', 0, 4, False), ('us-east-1', 0, 4, False),
    ('abcdef', -1, 2, False), ('abcdef', -2, -1, True),
]

REGIONS_EXTRA = [
    'us-west-9', 'us-east-99', 'eu-central-9', 'ap-northeast-9', 'sa-east-9', 'ca-west-9', 'me-south-9',
    'af-south-9', 'il-central-9', 'mx-central-9', 'cn-north-9', 'cn-northwest-9', 'us-gov-east-9',
    'us-iso-west-9', 'us-isob-west-9', 'us-isof-south-9', 'eu-isoe-west-9', 'eusc-de-east-9', 'eusc-fr-east-1',
    'mars-east-1', '', 'aws-global', 'aws-cn-global', 'aws-us-gov-global', 'us-east-1-fips', 'fips-us-east-1',
    'us_east_1', 'us-east', 'us--1', 'US-EAST-1', 'CN-NORTH-1', 'cn-north-1a', 'cn-north_x-1', 'cn-n0rth-1',
    'us-gov-west', 'us-gov-west-1', 'us-iso-east-1', 'local', 'us-east-1 ', ' us-east-1',
    'us-east-1\n', 'cn-north-1\n', 'cn-n\u00f6rth-1', 'cn-north-' + UNICODE_DIGITS[0], 'us-gov-\u00e9ast-1',
]

URI_ENCODE = [
    '', 'abc', 'a b', 'a+b', 'a/b', 'a%2Fb', '%', '-._~', '!*\'();:@&=+$,/?#[]', 'caf\u00e9',
    '\u4e2d\u6587', '\U0001f600', '\x00\x01\x1f\x7f', '"<>\\^`{|}', 'arn:aws:s3:::b/k',
]


# --- random inputs -----------------------------------------------------------

def pick(rnd, weighted):
    total = sum(w for _, w in weighted)
    x = rnd.uniform(0, total)
    for v, w in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][0]


def rand_text(rnd, alphabet, lo, hi):
    return ''.join(rnd.choice(alphabet) for _ in range(rnd.randint(lo, hi)))


def rand_label(rnd):
    n = pick(rnd, [(rnd.randint(1, 8), 6), (rnd.randint(60, 65), 2), (0, 1), (rnd.randint(2, 3), 2)])
    return rand_text(rnd, 'abcxyz0129---ABZ_ \u00e9', n, n) if rnd.random() < 0.3 else rand_text(
        rnd, 'abcdmnoxyz0123456789-', n, n)


def rand_host_label(rnd):
    kind = rnd.random()
    if kind < 0.15:
        return '.'.join(str(rnd.randint(0, 1200)) for _ in range(rnd.choice([3, 4, 4, 4, 5])))
    if kind < 0.6:
        return '.'.join(rand_label(rnd) for _ in range(rnd.randint(1, 4)))
    return rand_text(rnd, 'abcxyz019-.ABZ_ /:\u00e9', 0, 70)


def rand_host(rnd):
    kind = rnd.random()
    if kind < 0.35:
        return '.'.join(rand_text(rnd, 'abcxyz0189-', 1, 8) for _ in range(rnd.randint(1, 4)))
    if kind < 0.55:
        return '.'.join(str(rnd.randint(0, 1100)) for _ in range(rnd.choice([3, 4, 4, 4, 5])))
    if kind < 0.8:
        groups = [format(rnd.randint(0, 0xFFFF), 'x') for _ in range(8)]
        form = rnd.random()
        if form < 0.3:
            a = rnd.randint(0, 7)
            b = rnd.randint(a, 8)
            inner = ':'.join(groups[:a]) + '::' + ':'.join(groups[b:])
        elif form < 0.5:
            inner = ':'.join(groups[:rnd.randint(6, 9)])
        elif form < 0.65:
            inner = '::ffff:' + '.'.join(str(rnd.randint(0, 300)) for _ in range(4))
        else:
            inner = ':'.join(groups[:rnd.randint(1, 3)]) + '::' + groups[0]
        # Only the hosts Python's urlsplit accepts in brackets: it raises on
        # the others (an edge case above shows that).
        try:
            if not isinstance(ipaddress.ip_address(inner), ipaddress.IPv6Address):
                raise ValueError
        except ValueError:
            inner = '::' + groups[0]
        return '[' + inner + ']'
    return rand_text(rnd, 'abcXYZ09-._~', 1, 12)


def rand_path(rnd):
    segs = [pick(rnd, [('a', 3), ('bc', 2), ('', 2), ('.', 2), ('..', 2), ('a b', 1), ('%2F', 1), ('~x', 1),
                       ('\u00e9', 1), ('a+b', 1), ('x.y', 1), ('A_Z-0', 1), ('!$&\'()*,=@:', 1)])
            for _ in range(rnd.randint(0, 6))]
    return ('/' if rnd.random() < 0.9 else '') + '/'.join(segs) + ('/' if rnd.random() < 0.3 else '')


def rand_url(rnd):
    scheme = pick(rnd, [('https', 6), ('http', 4), ('ftp', 1), ('', 1), ('h2', 1), ('s3', 1)])
    sep = pick(rnd, [('://', 12), (':', 1), ('', 1)])
    userinfo = pick(rnd, [('', 10), ('user@', 1), ('u:p@', 1)])
    host = rand_host(rnd)
    port = pick(rnd, [('', 8), (':80', 1), (':443', 1), (':0', 1), (':65535', 1), (':65536', 1), (':99999', 1),
                      (':', 1), (':x1', 1), (':080', 1)])
    path = rand_path(rnd) if rnd.random() < 0.7 else ''
    query = pick(rnd, [('', 10), ('?', 1), ('?a=b', 1)])
    frag = pick(rnd, [('', 10), ('#', 1), ('#f', 1)])
    return scheme + sep + userinfo + host + port + path + query + frag


def rand_arn(rnd):
    fields = [pick(rnd, [('arn', 12), ('ARN', 1), ('', 1), ('xarn', 1)])]
    for _ in range(pick(rnd, [(5, 10), (rnd.randint(0, 4), 2), (rnd.randint(6, 8), 2)])):
        fields.append(pick(rnd, [(rand_text(rnd, 'abcz019-', 1, 8), 6), ('', 2),
                                 (rand_text(rnd, 'ab/:_-.', 1, 6), 2), ('123456789012', 1)]))
    return ':'.join(fields)


def rand_substring(rnd):
    s = rand_text(rnd, 'abcxyz-019 ' + ('\u00e9' if rnd.random() < 0.15 else ''), 0, 12)
    start = rnd.randint(0, len(s) + 2)
    stop = rnd.randint(0, len(s) + 3)
    return (s, start, stop, rnd.random() < 0.5)


def rand_region(rnd, regions):
    kind = rnd.random()
    if kind < 0.2:
        return rnd.choice(regions)
    if kind < 0.85:
        prefix = rnd.choice(['us', 'eu', 'ap', 'sa', 'ca', 'me', 'af', 'il', 'mx', 'cn', 'us-gov', 'us-iso',
                             'us-isob', 'us-isof', 'eu-isoe', 'eusc-de', 'eusc', 'xx', 'u', 'usa', 'gov'])
        word = pick(rnd, [(rnd.choice(['east', 'west', 'north', 'south', 'central', 'northwest', 'southeast']), 8),
                          (rand_text(rnd, 'ab_09', 1, 5), 2), ('', 1), ('a-b', 1)])
        num = pick(rnd, [(str(rnd.randint(1, 20)), 8), ('', 1), ('x', 1), ('1a', 1)])
        return prefix + '-' + word + '-' + num
    return rand_text(rnd, 'abcnsuw-019_ ', 0, 16)


def rand_uri(rnd):
    return rand_text(rnd, ''.join(chr(c) for c in range(0x20, 0x7f)) + '\u00e9\u4e2d\U0001f600\t', 0, 20)


# --- evaluation --------------------------------------------------------------

def evaluate(lib, fn, args):
    method = {
        'isValidHostLabel': lib.is_valid_host_label,
        'aws.isVirtualHostableS3Bucket': lib.aws_is_virtual_hostable_s3_bucket,
        'parseURL': lib.parse_url,
        'aws.parseArn': lib.aws_parse_arn,
        'substring': lib.substring,
        'uriEncode': lib.uri_encode,
        'aws.partition': lib.aws_partition,
    }[fn]
    try:
        r = method(*args)
    except Exception as e:  # what a rule set would see: resolution fails
        return {'raises': f'{type(e).__name__}: {e}'}
    if fn == 'aws.partition':
        keys = ('name', 'dnsSuffix', 'dualStackDnsSuffix', 'implicitGlobalRegion', 'supportsFIPS',
                'supportsDualStack')
        r = {k: r.get(k) for k in keys}
    return r


def load_partitions(path):
    if os.path.isdir(path):
        for name in ('partitions.json', 'partitions.json.gz'):
            if os.path.exists(os.path.join(path, name)):
                path = os.path.join(path, name)
                break
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        return json.load(f)


def cases(rnd, count, regions):
    for s in HOST_LABELS:
        for sub in (False, True):
            yield 'isValidHostLabel', [s, sub]
            yield 'aws.isVirtualHostableS3Bucket', [s, sub]
    for u in URLS:
        yield 'parseURL', [u]
    for a in ARNS:
        yield 'aws.parseArn', [a]
    for s in SUBSTRINGS:
        yield 'substring', list(s)
    for s in URI_ENCODE:
        yield 'uriEncode', [s]
    for r in regions + REGIONS_EXTRA:
        yield 'aws.partition', [r]
    for _ in range(count):
        yield 'isValidHostLabel', [rand_host_label(rnd), rnd.random() < 0.5]
        yield 'aws.isVirtualHostableS3Bucket', [rand_host_label(rnd), rnd.random() < 0.5]
        yield 'parseURL', [rand_url(rnd)]
        yield 'parseURL', [rand_url(rnd)]
        yield 'aws.parseArn', [rand_arn(rnd)]
        yield 'substring', list(rand_substring(rnd))
        yield 'uriEncode', [rand_uri(rnd)]
        yield 'aws.partition', [rand_region(rnd, regions)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default='endpoint_functions_botocore.jsonl')
    ap.add_argument('--count', type=int, default=500, help='random inputs per function (parseURL: twice as many)')
    ap.add_argument('--seed', type=int, default=20221025)
    ap.add_argument('--partitions', default=os.path.join(os.path.dirname(__file__), '..', '..', '..',
                                                         'service-models', 'partitions.json'),
                    help='partitions.json (or a models directory holding it)')
    ap.add_argument('--check', metavar='PROGRAM')
    args = ap.parse_args()

    partitions = load_partitions(args.partitions)
    regions = [r for p in partitions['partitions'] for r in p.get('regions', {})]
    rnd = random.Random(args.seed)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    counts = {}
    with open(args.out, 'w', encoding='utf-8') as f:
        for fn, fargs in cases(rnd, args.count, regions):
            # A fresh library per case: aws.partition writes into its data.
            lib = RuleSetStandardLibrary(partitions)
            expect = evaluate(lib, fn, fargs)
            counts[fn] = counts.get(fn, 0) + 1
            f.write(json.dumps({'fn': fn, 'args': fargs, 'expect': expect}) + '\n')
    summary = ', '.join(f'{n} {k}' for k, n in sorted(counts.items()))
    print(f'botocore {botocore.__version__} evaluated {sum(counts.values())} calls ({summary}) into {args.out}')
    sys.stdout.flush()
    if args.check:
        sys.exit(subprocess.call([args.check, args.out]))


if __name__ == '__main__':
    main()

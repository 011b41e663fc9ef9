#!/usr/bin/env python3
"""Generates the services of a botocore data/ directory and compiles each header.

    services_sweep.py --gen STRATUS_GEN --root SOURCE_ROOT [-j N] [--mem MB]
                      [--no-pch] [--keep DIR] [--resources DIR] [MODELS_DIR [SERVICE...]]

Every service of MODELS_DIR (default: SOURCE_ROOT/service-models), or those
named, is generated with stratus-gen, then each header is compiled
-fsyntax-only in a TU of its own, as user code compiles it (the runtime
separately compiled, -Wall -Wextra -Werror), with $CXX (default g++); the
TU instantiates every waiter's path matchers, which only a use compiles.

With --resources DIR, the jobs are instead the boto3 resource models of
DIR (<service>/<version>/resources-1.json, every version): each is generated
with the newest service model of MODELS_DIR (--resources of stratus-gen) and
compiled with STRATUS_CHECK_RESOURCES, which instantiates every member
template of the resource layer.

Speed: the runtime headers every generated header includes are precompiled
once (about 2 s of each TU otherwise); --no-pch turns that off. The PCH
hides a generated header's missing include of one of them, so
test/generator/syntax.sh keeps compiling a few headers without it. Jobs run
in parallel (-j, default nproc), biggest header first, and within a memory
budget (--mem, default 80% of MemAvailable), estimated from the header's
size: EC2's needs about 1.4 GB, so two of the biggest do not run at once on
a small machine.

Prints one line per service (time, ok/FAIL and the first 30 lines of a
failure's errors) and ends with "N passed, M failed"; exits 1 on any
failure, 2 on bad usage, 77 (meson's "skipped") when MODELS_DIR is absent.
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ERROR_LINES = 30

# Every generated header includes these (the protocol's header aside); they
# are what the PCH holds.
COMMON_INCLUDES = ['concepts', 'cstdint', 'map', 'optional', 'string', 'string_view', 'utility', 'vector',
                   'stratus/endpoints/rule_set.hpp', 'stratus/model.hpp', 'stratus/service_client.hpp',
                   'stratus/services/partitions.hpp', 'stratus/resource.hpp', 'stratus/waiter.hpp']


def estimate_mb(header_bytes):
    # g++ 12 -fsyntax-only with the PCH, peak RSS: sts (74 KB of header)
    # 221 MB, connect (2.4 MB) 885 MB, quicksight (2.7 MB) 1.33 GB,
    # sagemaker (3.3 MB) 1.13 GB, ec2 (4.7 MB) 1.42 GB. An overestimate only
    # costs parallelism when memory is short.
    return 300 + header_bytes // 2500


def available_mb():
    try:
        with open('/proc/meminfo') as f:
            for line in f:
                if line.startswith('MemAvailable:'):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def first_lines(text, n=ERROR_LINES):
    lines = text.rstrip('\n').split('\n')
    if len(lines) > n:
        lines = lines[:n] + [f'... ({len(lines) - n} more lines)']
    return '\n'.join('    ' + line for line in lines)


def resource_models(root):
    """{"s3/2006-03-01": path} for every resources-1.json under root/<service>/<version>/."""
    found = {}
    for service in sorted(os.listdir(root)):
        sdir = os.path.join(root, service)
        if not os.path.isdir(sdir):
            continue
        for version in sorted(os.listdir(sdir)):
            path = os.path.join(sdir, version, 'resources-1.json')
            if os.path.isfile(path):
                found[f'{service}/{version}'] = path
    return found


def generate(args, models, services, out, resources=None):
    """Generates each service (or each resource model) into out; returns {job: header path} and the failures."""
    headers, failed = {}, {}
    for s in services:
        extra = []
        s_service = s.split('/')[0]
        cpp = s_service.replace('-', '_')
        if resources:
            # Each version in a folder of its own, under the header's usual
            # name: customization headers include it by that name.
            extra = ['--resources', resources[s]]
            path = os.path.join(out, s.replace('/', '_'), 'stratus', 'services', cpp + '.hpp')
        else:
            path = os.path.join(out, 'stratus', 'services', cpp + '.hpp')
        r = run([args.gen, 'generate', models, s_service, path] + extra)
        if r.returncode == 0:
            headers[s] = path
        else:
            failed[s] = r.stdout
    partitions = os.path.join(out, 'stratus', 'services', 'partitions.hpp')
    source = models if os.path.isfile(os.path.join(models, 'partitions.json')) else \
        os.path.join(args.root, 'service-models')
    r = run([args.gen, 'partitions', source, partitions])
    if r.returncode != 0:
        sys.exit(f'services_sweep.py: stratus-gen partitions {source} failed:\n{r.stdout}')
    return headers, failed


# Waiter matchers are member templates: only a use compiles them, so the TU
# instantiates every waiter's (waiters::all) for its operation's output.
WAITERS = re.compile(r'^namespace stratus::services::(\w+) \{$(?=.*^namespace waiters \{$)', re.M | re.S)


def translation_unit(header):
    text = f'#include <stratus/services/{os.path.basename(header)}>\n'
    with open(header, errors='replace') as f:
        m = WAITERS.search(f.read())
    if m:
        text += ('\ntemplate <class... W>\nvoid sweep_waiters(stratus::type_list<W...>)\n{\n'
                 '    (..., (void)W::path_matches(0, typename W::operation::output{}));\n}\n'
                 f'template void sweep_waiters(stratus::services::{m.group(1)}::waiters::all);\n')
    return text


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--gen', required=True, help='the stratus-gen program')
    p.add_argument('--root', required=True, help='the source tree (its include/)')
    p.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    p.add_argument('--mem', type=int, help='memory budget in MB (default: 80%% of MemAvailable)')
    p.add_argument('--no-pch', action='store_true', help='do not precompile the runtime headers')
    p.add_argument('--keep', help='generate into this directory and keep it')
    p.add_argument('--resources', help='sweep the resource models of this directory instead')
    p.add_argument('models', nargs='?', help='default: service-models/ of the source tree')
    p.add_argument('services', nargs='*')
    args = p.parse_args()
    if args.models is None:
        args.models = os.path.join(args.root, 'service-models')

    if not os.path.isdir(args.models):
        print(f'SKIP: no models directory {args.models} (set STRATUS_TESTDATA or give MODELS_DIR)')
        return 77
    cxx = os.environ.get('CXX', 'g++')
    if shutil.which(cxx) is None:
        print(f'SKIP: the compiler {cxx} is not installed')
        return 77
    services = args.services
    resources = None
    if args.resources:
        if not os.path.isdir(args.resources):
            print(f'SKIP: no resource models directory {args.resources} (set STRATUS_TESTDATA)')
            return 77
        resources = resource_models(args.resources)
        services = [s for s in resources if not args.services or s.split('/')[0] in args.services]
    if not services:
        r = run([args.gen, 'list', args.models])
        if r.returncode != 0:
            sys.exit(f'services_sweep.py: stratus-gen list {args.models} failed:\n{r.stdout}')
        services = r.stdout.split()
    budget = args.mem
    if budget is None:
        avail = available_mb()
        budget = avail * 4 // 5 if avail else None

    work = args.keep or tempfile.mkdtemp(prefix='stratus-sweep-')
    started = time.monotonic()
    try:
        out = os.path.join(work, 'include')
        headers, failures = generate(args, args.models, services, out, resources)
        gen_seconds = time.monotonic() - started
        flags = [cxx, '-std=c++20', '-Wall', '-Wextra', '-Werror', '-DSTRATUS_SEPARATE_COMPILATION',
                 '-I' + os.path.join(args.root, 'include'), '-I' + out]
        if resources:
            flags.append('-DSTRATUS_CHECK_RESOURCES')
        pch_seconds = 0.0
        if not args.no_pch:
            pch_started = time.monotonic()
            pch = os.path.join(work, 'sweep_pch.hpp')
            with open(pch, 'w') as f:
                f.writelines(f'#include <{h}>\n' for h in COMMON_INCLUDES)
            # g++ finds sweep_pch.hpp.gch and clang++ sweep_pch.hpp.pch for -include sweep_pch.hpp.
            suffix = '.pch' if 'clang' in os.path.basename(cxx) else '.gch'
            r = run(flags + ['-x', 'c++-header', pch, '-o', pch + suffix])
            pch_seconds = time.monotonic() - pch_started
            if r.returncode == 0:
                flags += ['-include', pch, '-Winvalid-pch']
            else:
                print('the runtime headers do not precompile; going on without a PCH:\n' + first_lines(r.stdout),
                      flush=True)
        flags.append('-fsyntax-only')

        for s, text in sorted(failures.items()):
            print(f'FAIL {s} (stratus-gen generate)\n{first_lines(text)}', flush=True)
        passed = 0
        pending = sorted(headers, key=lambda s: -os.path.getsize(headers[s]))
        running = {}  # Popen -> (service, start, estimated MB, TU path)
        while pending or running:
            in_use = sum(v[2] for v in running.values())
            while pending and len(running) < args.jobs:
                pick = None
                for s in pending:
                    need = estimate_mb(os.path.getsize(headers[s]))
                    if budget is None or not running or in_use + need <= budget:
                        pick = s
                        break
                if pick is None:
                    break
                pending.remove(pick)
                tu = os.path.join(work, pick.replace('/', '_') + '.cpp')
                with open(tu, 'w') as f:
                    f.write(translation_unit(headers[pick]))
                # Into a file, not a pipe: a long error output must not block the compiler.
                with open(tu + '.log', 'w') as log:
                    own = ['-I' + os.path.dirname(os.path.dirname(os.path.dirname(headers[pick])))]
                    proc = subprocess.Popen(flags[:1] + own + flags[1:] + [tu], stdout=log, stderr=subprocess.STDOUT)
                running[proc] = (pick, time.monotonic(), need, tu)
                in_use += need
            done = [proc for proc in running if proc.poll() is not None]
            if not done:
                time.sleep(0.05)
                continue
            proc = done[0]
            s, start, _, tu = running.pop(proc)
            seconds = time.monotonic() - start
            with open(tu + '.log', errors='replace') as log:
                text = log.read()
            rc = proc.returncode
            if rc == 0 and not text.strip():
                passed += 1
                print(f'ok   {s} ({seconds:.1f} s)', flush=True)
            else:
                failures[s] = text
                print(f'FAIL {s} ({seconds:.1f} s)\n{first_lines(text or f"exit status {rc}")}', flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    total = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    what = args.resources or args.models
    print(f'{what}: {len(services)} {"resource models" if resources else "services"} in {total:.0f} s, {usage.ru_utime + usage.ru_stime:.0f} s CPU '
          f'(generation {gen_seconds:.0f} s, PCH {pch_seconds:.0f} s, {args.jobs} jobs, {cxx})')
    if failures:
        print('failed: ' + ' '.join(sorted(failures)))
    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Self-test of harness.py: servers answer, the environment is clean, exit codes
pass through, servers stop on every path out, missing servers skip, a lost port
race is retried.

usage: python3 test_harness.py

Runs harness.py as a child process, as meson does. Checks whose server is not
installed are skipped; exits 77 if all are. Prints one line per check and a
closing 'N passed, N failed'.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESS = HERE / "harness.py"
PY = sys.executable

sys.path.insert(0, str(HERE))
import harness  # noqa: E402

results = []  # True, False, or None for skipped


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'PASS' if ok else 'FAIL'}: {name}" + ("" if ok or not detail else f" ({detail})"),
          flush=True)


def skip(name, why):
    results.append(None)
    print(f"SKIP: {name} ({why})", flush=True)


def installed(name):
    return not harness.SERVERS[name].missing()


def run(servers, code, env=None, timeout=90):
    """harness.py SERVERS -- python3 -c CODE; returns the CompletedProcess."""
    return subprocess.run([PY, str(HARNESS), servers, "--", PY, "-c", code],
                          env=env, capture_output=True, text=True, timeout=timeout)


def port_closed(endpoint, wait=3.0):
    """True once nothing accepts connections at endpoint (http://host:port)."""
    host, port = endpoint.rsplit("/", 1)[1].split(":")
    deadline = time.monotonic() + wait
    while True:
        try:
            socket.create_connection((host, int(port)), timeout=0.5).close()
        except OSError:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


# The command run under the harness in most checks: dump what it was given.
DUMP_ENV = ("import json, os; print(json.dumps({k: v for k, v in os.environ.items() "
            "if k.startswith(('AWS_', 'STRATUS_TEST_'))}))")

# Real requests to each server, from inside the harness.
PROBES = {
    "moto": """
import os, urllib.request
body = urllib.request.urlopen(os.environ['STRATUS_TEST_MOTO_ENDPOINT'] + '/').read()
assert b'ListAllMyBucketsResult' in body, body
""",
    "s3rver": """
import os, urllib.request
body = urllib.request.urlopen(os.environ['STRATUS_TEST_S3RVER_ENDPOINT'] + '/').read()
assert b'ListAllMyBucketsResult' in body, body
""",
    "dynalite": """
import json, os, urllib.request
request = urllib.request.Request(os.environ['STRATUS_TEST_DYNALITE_ENDPOINT'] + '/', data=b'{}',
    headers={'X-Amz-Target': 'DynamoDB_20120810.ListTables',
             'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Date': '20260101T000000Z',
             'Authorization': 'AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/dynamodb/'
                              'aws4_request, SignedHeaders=host;x-amz-date, Signature=00'})
assert json.load(urllib.request.urlopen(request)) == {'TableNames': []}
""",
}


def check_servers_answer():
    for name, code in PROBES.items():
        if not installed(name):
            skip(f"{name} answers a real request", "not installed")
            continue
        done = run(name, code)
        check(f"{name} answers a real request", done.returncode == 0, done.stderr[-500:])


def check_environment():
    if not installed("moto"):
        return skip("environment", "moto not installed")
    env = dict(os.environ, AWS_PROFILE="developer", AWS_ACCESS_KEY_ID="AKIAREAL",
               AWS_REGION="eu-west-1", STRATUS_TEST_S3RVER_ENDPOINT="http://stale:1")
    done = run("moto", DUMP_ENV, env=env)
    seen = json.loads(done.stdout) if done.returncode == 0 else {}
    check("environment: moto endpoint exported",
          seen.get("STRATUS_TEST_MOTO_ENDPOINT", "").startswith("http://127.0.0.1:"), done.stderr)
    check("environment: caller's AWS_* and stale STRATUS_TEST_* removed",
          not {"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_REGION",
               "STRATUS_TEST_S3RVER_ENDPOINT"} & seen.keys(), seen)
    check("environment: AWS_EC2_METADATA_DISABLED=true",
          seen.get("AWS_EC2_METADATA_DISABLED") == "true", seen)
    files = [seen.get("AWS_CONFIG_FILE"), seen.get("AWS_SHARED_CREDENTIALS_FILE")]
    check("environment: AWS config files were empty temporary files, now removed",
          all(f and Path(f).name.startswith("aws-") and not Path(f).exists() for f in files),
          files)
    check("environment: servers stopped after the command",
          port_closed(seen.get("STRATUS_TEST_MOTO_ENDPOINT", "http://127.0.0.1:1")))


def check_exit_codes():
    if not installed("moto"):
        return skip("exit codes", "moto not installed")
    code = ("import os, sys; print(os.environ['STRATUS_TEST_MOTO_ENDPOINT']); "
            "sys.stdout.flush(); sys.exit(3)")
    done = run("moto", code)
    check("exit code: COMMAND's code is the harness's", done.returncode == 3, done.returncode)
    check("exit code: servers stopped after a failing command",
          port_closed(done.stdout.strip() or "http://127.0.0.1:1"))
    check("exit code: server log shown when the command fails", "moto log" in done.stderr,
          done.stderr[-300:])
    done = run("moto", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)")
    check("exit code: a command ended by signal N gives 128+N", done.returncode == 128 + 15,
          done.returncode)
    done = subprocess.run([PY, str(HARNESS), "moto", "--", "/nonexistent/command"],
                          capture_output=True, text=True, timeout=60)
    check("exit code: 127 for a command that does not exist", done.returncode == 127,
          done.returncode)
    done = subprocess.run([PY, str(HARNESS), "nosuchserver", "--", "true"],
                          capture_output=True, text=True, timeout=60)
    check("usage: an unknown server is refused", done.returncode not in (0, 77) and
          "unknown server" in done.stderr, done.stderr)


def check_signal(sig, name):
    """Send sig to the harness (and its command, as a terminal or meson would)
    while the command runs; the servers must be gone afterwards."""
    if not installed("moto"):
        return skip(f"{name} stops the servers", "moto not installed")
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "endpoint"
        code = (f"import os, time; open({str(marker)!r}, 'w').write("
                "os.environ['STRATUS_TEST_MOTO_ENDPOINT'] + ' ' + os.environ['AWS_CONFIG_FILE']); "
                "time.sleep(60)")
        p = subprocess.Popen([PY, str(HARNESS), "moto", "--", PY, "-c", code],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not marker.exists():
            p.kill()
            return check(f"{name} stops the servers", False, "command never started")
        endpoint, config = marker.read_text().split()
        started = time.monotonic()
        os.killpg(p.pid, sig)  # the whole group, as meson's timeout and Ctrl-C do
        p.communicate(timeout=30)
        took = time.monotonic() - started
        closed = port_closed(endpoint)
        expected = None if sig == signal.SIGKILL else 128 + sig
        check(f"{name} stops the servers" + (f" and exits {expected}" if expected else ""),
              closed and (expected is None or p.returncode == expected),
              f"rc {p.returncode}, port closed {closed}")
        if sig == signal.SIGKILL:
            shutil.rmtree(Path(config).parent, ignore_errors=True)  # nobody left to do it
        else:
            # meson allows 0.5 s between its SIGTERM and SIGKILL; 2 s leaves room for a
            # loaded machine (the servers die with the harness anyway).
            check(f"{name}: quick cleanup ({took:.2f} s), temp dir removed",
                  took < 2.0 and not Path(config).parent.exists(), f"{took:.2f} s")


def check_missing():
    """No moto_server / node on PATH: exit 77 and say how to install."""
    env = dict(os.environ, PATH="/nonexistent")
    for name in ("moto", "moto-auth", "s3rver", "dynalite"):
        done = subprocess.run([PY, str(HARNESS), name, "--", "/bin/true"],
                              env=env, capture_output=True, text=True, timeout=60)
        check(f"missing {name}: exit 77 naming what is missing and scripts/setup",
              done.returncode == 77 and "SKIP" in done.stderr and "scripts/setup" in done.stderr,
              f"rc {done.returncode}: {done.stderr}")


def check_port_race():
    """The first port handed to the server is already served by someone else: the
    harness must notice (the answer is not from its server) and retry."""
    if not installed("moto"):
        return skip("port race", "moto not installed")
    code = f"""
import http.server, socket, sys, threading
sys.path.insert(0, {str(HERE)!r})
import harness
squatter = http.server.HTTPServer(('127.0.0.1', 0), http.server.BaseHTTPRequestHandler)
threading.Thread(target=squatter.serve_forever, daemon=True).start()
ports = [squatter.server_address[1]]
real = harness.free_port
harness.free_port = lambda: ports.pop() if ports else real()
sys.exit(harness.main(['moto', '--', sys.executable, '-c',
    'import os, urllib.request; urllib.request.urlopen(os.environ["STRATUS_TEST_MOTO_ENDPOINT"] + "/moto-api/")']))
"""
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True, timeout=90)
    check("port race: a port answered by another process is retried",
          done.returncode == 0 and "retrying" in done.stderr, done.stderr[-500:])


def check_startup_failure():
    """A server that dies at once: exit 99 with its log after START_ATTEMPTS tries."""
    with tempfile.TemporaryDirectory() as tmp:
        fake = Path(tmp) / "moto_server"
        fake.write_text("#!/bin/sh\necho 'cannot start: broken on purpose' >&2\nexit 1\n")
        fake.chmod(0o755)
        env = dict(os.environ, PATH=f"{tmp}:{os.environ.get('PATH', '')}")
        done = subprocess.run([PY, str(HARNESS), "moto", "--", "/bin/true"], env=env,
                              capture_output=True, text=True, timeout=60)
        check("startup failure: exit 99 with the server's log tail",
              done.returncode == 99 and "broken on purpose" in done.stderr,
              f"rc {done.returncode}: {done.stderr[-300:]}")


def main():
    check_servers_answer()
    check_environment()
    check_exit_codes()
    check_signal(signal.SIGTERM, "SIGTERM")
    check_signal(signal.SIGINT, "SIGINT")
    check_signal(signal.SIGKILL, "SIGKILL")
    check_missing()
    check_port_race()
    check_startup_failure()
    passed = results.count(True)
    failed = results.count(False)
    skipped = results.count(None)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if failed:
        return 1
    return 77 if skipped and not passed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Run a command against freshly started AWS emulators on 127.0.0.1.

usage: harness.py SERVER[,SERVER...] [SERVER...] -- COMMAND [ARGS...]

SERVER is one of moto, moto-auth, s3rver, dynalite (see SERVERS below and
README.md). Each starts on a free port of 127.0.0.1 with its own temporary data
directory; once all answer, COMMAND runs with their endpoints in its
environment, and the servers are stopped whatever happens. The exit code is
COMMAND's (128+N if a signal N ended it), 77 if a server is not installed (meson
reports the test as skipped), 99 if a server would not start (meson: error).

Environment read by the harness itself:
  STRATUS_HARNESS_TIMEOUT  seconds a server may take to answer (default 30)
  STRATUS_HARNESS_KEEP=1   keep the temporary directory with the servers' logs
  STRATUS_HARNESS_VERBOSE=1  say how long each server took to answer

Python standard library only; the moto-auth bootstrap runs in a Python that has
boto3 (this one, or the one moto_server runs on).
"""

import ctypes
import http.client
import importlib.util
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

HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent
SETUP = HERE.parent.parent / "scripts" / "setup"
NODE_MODULES = HERE / "node_modules"

EXIT_SKIP = 77
EXIT_ERROR = 99
POLL_SECONDS = 0.05
START_ATTEMPTS = 3  # a free port can be taken between our probe and the server's bind
LOG_TAIL_LINES = 40

sys.path.insert(0, str(HERE))
import moto_auth_bootstrap  # noqa: E402  (stdlib-only at import time)


class HarnessError(Exception):
    """A server could not be started; the message says why."""


class UsageError(Exception):
    pass


class Interrupted(Exception):
    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def log(message):
    print(f"harness: {message}", file=sys.stderr, flush=True)


# --- the servers ----------------------------------------------------------------


class Server:
    """How to find, start, probe and describe one kind of server."""

    name = ""
    probe_path = "/"

    def missing(self):
        """What is not installed, as a list of sentences (empty when ready to run)."""
        return []

    def argv(self, port, data_dir):
        raise NotImplementedError

    def env(self, base):
        return base

    def exports(self, endpoint, data_dir, env):
        raise NotImplementedError


class Moto(Server):
    name = "moto"
    probe_path = "/moto-api/"  # answered without touching moto's count of unchecked requests

    def missing(self):
        if shutil.which("moto_server"):
            return []
        return ["moto_server is not on PATH (Python package moto[server] 5.2)"]

    def argv(self, port, data_dir):
        return [shutil.which("moto_server"), "-H", HOST, "-p", str(port)]

    def exports(self, endpoint, data_dir, env):
        return {"STRATUS_TEST_MOTO_ENDPOINT": endpoint}


class MotoAuth(Moto):
    """moto verifying SigV4 signatures and IAM policies, with one admin key."""

    name = "moto-auth"

    def missing(self):
        found = super().missing()
        if not found and bootstrap_python() is None:
            found.append("no Python with boto3 for the moto-auth bootstrap")
        return found

    def env(self, base):
        return dict(base, INITIAL_NO_AUTH_ACTION_COUNT=str(moto_auth_bootstrap.CALLS))

    def exports(self, endpoint, data_dir, env):
        script = HERE / "moto_auth_bootstrap.py"
        try:
            done = subprocess.run([bootstrap_python(), str(script), endpoint], env=env,
                                  capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            raise HarnessError("moto-auth: the bootstrap did not finish within 60 s")
        if done.returncode != 0:
            raise HarnessError(f"moto-auth: the bootstrap failed (exit {done.returncode}):\n"
                               f"{done.stdout}{done.stderr}")
        key = json.loads(done.stdout)
        return {
            "STRATUS_TEST_MOTO_AUTH_ENDPOINT": endpoint,
            "STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID": key["access_key_id"],
            "STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY": key["secret_access_key"],
        }


class NodeServer(Server):
    package = ""
    script = ""

    def missing(self):
        found = []
        if not shutil.which("node"):
            found.append("node is not on PATH (Debian package nodejs)")
        if not (NODE_MODULES / self.package / "package.json").is_file():
            found.append(f"{NODE_MODULES / self.package} is missing (npm ci in {HERE})")
        return found


class S3rver(NodeServer):
    name = "s3rver"
    package = "s3rver"

    def argv(self, port, data_dir):
        # s3rver 3.7 makes continuation tokens with DES, which OpenSSL 3 keeps in its
        # legacy provider.
        return [shutil.which("node"), "--openssl-legacy-provider",
                str(NODE_MODULES / "s3rver" / "bin" / "s3rver.js"),
                "--address", HOST, "--port", str(port), "--directory", str(data_dir),
                "--silent"]

    def exports(self, endpoint, data_dir, env):
        return {"STRATUS_TEST_S3RVER_ENDPOINT": endpoint}


class Dynalite(NodeServer):
    name = "dynalite"
    package = "dynalite"

    def argv(self, port, data_dir):
        # In memory (no --path). Tables stay CREATING/DELETING/UPDATING for 50 ms
        # instead of 500: long enough that a test must wait for ACTIVE, short enough
        # not to slow the suite down.
        return [shutil.which("node"), str(HERE / "dynalite_server.js"),
                "--host", HOST, "--port", str(port),
                "--createTableMs", "50", "--deleteTableMs", "50", "--updateTableMs", "50"]

    def exports(self, endpoint, data_dir, env):
        return {"STRATUS_TEST_DYNALITE_ENDPOINT": endpoint}


SERVERS = {s.name: s for s in (Moto(), MotoAuth(), S3rver(), Dynalite())}

# Every variable some server exports, cleared first so that a stale value from the
# caller's environment never points a test at a server this run did not start.
EXPORTED = (
    "STRATUS_TEST_MOTO_ENDPOINT",
    "STRATUS_TEST_MOTO_AUTH_ENDPOINT",
    "STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID",
    "STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY",
    "STRATUS_TEST_S3RVER_ENDPOINT",
    "STRATUS_TEST_DYNALITE_ENDPOINT",
)


def bootstrap_python():
    """A Python that can import boto3: this one, else the one moto_server runs on."""
    if importlib.util.find_spec("boto3") is not None:
        return sys.executable
    moto_server = shutil.which("moto_server")
    if moto_server:
        try:
            with open(moto_server, "rb") as f:
                first = f.readline().decode(errors="replace")
        except OSError:
            return None
        if first.startswith("#!"):
            interpreter = first[2:].split()[0] if first[2:].split() else ""
            if interpreter and "python" in Path(interpreter).name and os.access(interpreter, os.X_OK):
                check = subprocess.run([interpreter, "-c", "import boto3"],
                                       capture_output=True)
                if check.returncode == 0:
                    return interpreter
    return None


# --- processes ------------------------------------------------------------------


def _load_prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None  # not Linux: the process group kill in stop() still applies


_prctl = _load_prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Run in the child before exec: its own process group, and SIGKILL when the
    harness dies, even by SIGKILL (meson's timeout ends with one)."""
    os.setpgid(0, 0)
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def answers(port, path):
    """True when something answers HTTP on HOST:port (any status)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        conn.request("GET", path)
        conn.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def listens_on(pid, port):
    """Whether process pid holds the socket listening on HOST:port; True when /proc
    cannot tell. Guards against a port taken by someone else in the meantime."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    if not inodes:
        return True
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return True
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                return True
        except OSError:
            continue
    return False


def tail(path, lines=LOG_TAIL_LINES):
    try:
        text = Path(path).read_text(errors="replace")
    except OSError:
        return "(no log)"
    kept = text.splitlines()[-lines:]
    return "\n".join("    " + line for line in kept) if kept else "    (log is empty)"


class Running:
    """One started server: its process, port and files."""

    def __init__(self, server, root, env):
        self.server = server
        self.dir = Path(tempfile.mkdtemp(prefix=f"{server.name}-", dir=root))
        self.env = env
        self.process = None
        self.port = None
        self.log_path = None
        self.data_dir = None
        self.started = None
        self.attempt = 0

    @property
    def endpoint(self):
        return f"http://{HOST}:{self.port}"

    def start(self):
        self.attempt += 1
        self.port = free_port()
        data_dir = self.dir / f"data-{self.attempt}"
        data_dir.mkdir()
        self.log_path = self.dir / f"server-{self.attempt}.log"
        with open(self.log_path, "wb") as log_file:
            self.process = subprocess.Popen(
                self.server.argv(self.port, data_dir), cwd=data_dir,
                env=self.server.env(self.env), stdin=subprocess.DEVNULL,
                stdout=log_file, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        self.data_dir = data_dir
        self.started = time.monotonic()

    def wait_ready(self, timeout):
        """Poll until the server answers; restart on a lost port race."""
        while True:
            deadline = self.started + timeout
            while True:
                code = self.process.poll()
                if code is not None:
                    break
                if answers(self.port, self.server.probe_path):
                    if listens_on(self.process.pid, self.port):
                        return
                    code = "port taken by another process"
                    self.stop()
                    break
                if time.monotonic() > deadline:
                    raise HarnessError(
                        f"{self.server.name} did not answer on {self.endpoint} within "
                        f"{timeout:g} s; log {self.log_path}:\n{tail(self.log_path)}")
                time.sleep(POLL_SECONDS)
            if self.attempt >= START_ATTEMPTS:
                raise HarnessError(
                    f"{self.server.name} stopped before answering ({code}) "
                    f"{self.attempt} times; last log {self.log_path}:\n{tail(self.log_path)}")
            log(f"{self.server.name} on port {self.port} stopped before answering ({code}); retrying")
            self.start()

    def stop(self):
        """End the server's whole process group: SIGTERM, then SIGKILL after 0.3 s
        (meson gives the harness 0.5 s between its own SIGTERM and SIGKILL). The
        data is temporary: nothing needs a graceful shutdown."""
        p = self.process
        if p is None:
            return
        for sig, grace in ((signal.SIGTERM, 0.3), (signal.SIGKILL, 2.0)):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        self.process = None


# --- main -----------------------------------------------------------------------


def clean_environment(root):
    """The caller's environment without anything that could reach real AWS or the
    developer's AWS configuration."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k not in EXPORTED}
    empty_config = root / "aws-config"
    empty_credentials = root / "aws-credentials"
    empty_config.touch()
    empty_credentials.touch()
    env["AWS_CONFIG_FILE"] = str(empty_config)
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(empty_credentials)
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    # A proxy configured for the outside world must not see loopback traffic.
    for name in ("NO_PROXY", "no_proxy"):
        kept = [h for h in env.get(name, "").split(",") if h]
        env[name] = ",".join(kept + [h for h in (HOST, "localhost") if h not in kept])
    return env


def parse_args(argv):
    if "--" not in argv:
        raise UsageError("missing '--' before COMMAND")
    split = argv.index("--")
    names = [n for arg in argv[:split] for n in arg.split(",") if n]
    command = argv[split + 1:]
    if not names or not command:
        raise UsageError("need at least one SERVER and a COMMAND")
    unknown = [n for n in names if n not in SERVERS]
    if unknown:
        raise UsageError(f"unknown server {', '.join(unknown)}; known: {', '.join(SERVERS)}")
    return list(dict.fromkeys(names)), command


def run(names, command):
    missing = [(name, what) for name in names for what in SERVERS[name].missing()]
    if missing:
        for name, what in missing:
            log(f"SKIP: {name}: {what}")
        log(f"install the test servers with: {SETUP}")
        return EXIT_SKIP

    keep = os.environ.get("STRATUS_HARNESS_KEEP") == "1"
    timeout = float(os.environ.get("STRATUS_HARNESS_TIMEOUT", "30"))
    root = Path(tempfile.mkdtemp(prefix="stratus-harness-"))
    servers = []
    child = None
    try:
        env = clean_environment(root)
        servers = [Running(SERVERS[name], root, env) for name in names]
        for s in servers:  # all start at once, then we wait for each
            s.start()
        exports = {}
        for s in servers:
            s.wait_ready(timeout)
            exports.update(s.server.exports(s.endpoint, s.data_dir, env))
            if os.environ.get("STRATUS_HARNESS_VERBOSE") == "1" or keep:
                log(f"{s.server.name} ready on {s.endpoint} "
                    f"{time.monotonic() - s.started:.2f} s after its start")
        env.update(exports)
        try:
            child = subprocess.Popen(command, env=env)
        except OSError as e:
            log(f"cannot run {command[0]}: {e.strerror}")
            return 127 if isinstance(e, FileNotFoundError) else 126
        code = child.wait()
        child = None
        if code != 0:
            for s in servers:
                log(f"{s.server.name} log ({s.endpoint}), last lines:\n{tail(s.log_path, 20)}")
        return 128 - code if code < 0 else code
    except HarnessError as e:
        log(str(e))
        return EXIT_ERROR
    finally:
        # A second Ctrl-C must not cut the cleanup short.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=0.3)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for s in servers:
            s.stop()
        if keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def main(argv):
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    try:
        names, command = parse_args(argv)
    except UsageError as e:
        print("\n\n".join(__doc__.strip().split("\n\n")[:2]), file=sys.stderr)
        log(str(e))
        return 2

    def interrupted(signum, frame):
        raise Interrupted(signum)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)
    try:
        return run(names, command)
    except Interrupted as e:
        log(f"{e}: servers stopped")
        return 128 + e.signum


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

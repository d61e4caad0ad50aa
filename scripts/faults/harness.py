"""Shared pieces of the fault scripts: a throwaway PostgreSQL, `motcua serve` processes, an
intake load over loopback that remembers what was acknowledged, and the checks afterwards.

Python 3 standard library only. Everything runs on 127.0.0.1, under a temporary directory that
is removed at the end (also on Ctrl-C), and every process started here is stopped here.
"""

import atexit
import http.client
import json
import os
import pathlib
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
PG_BIN = pathlib.Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PASSWORD = "mat-khau-tiep-nhan"

_cleanups = []


def on_exit(fn):
    """Runs `fn` when the script ends, last registered first."""
    _cleanups.append(fn)


def _cleanup(*_):
    while _cleanups:
        fn = _cleanups.pop()
        try:
            fn()
        except Exception as e:  # cleaning up must go on
            print(f"cleanup: {e}", file=sys.stderr)


atexit.register(_cleanup)
for _sig in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_sig, lambda *a: sys.exit(130))


def log(text):
    print(text, flush=True)


def binary():
    """The motcua binary: $MOTCUA_BIN, else the debug build in $CARGO_TARGET_DIR or target/."""
    if os.environ.get("MOTCUA_BIN"):
        return os.environ["MOTCUA_BIN"]
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    exe = target / "debug" / "motcua"
    if not exe.exists():
        sys.exit(f"no binary at {exe}: build it (cargo build -p motcua) or set MOTCUA_BIN")
    return str(exe)


def workdir(name):
    d = pathlib.Path(tempfile.mkdtemp(prefix=f"motcua-{name}-"))
    os.chmod(d, 0o755)
    on_exit(lambda: shutil.rmtree(d, ignore_errors=True))
    return d


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def motcua(db, *args, stdin=""):
    """Runs `motcua args…` on `db`; returns stdout, raises with stderr on failure."""
    env = dict(os.environ, MOTCUA_DATABASE_URL=db)
    r = subprocess.run([binary(), *args], input=stdin, capture_output=True, text=True, env=env,
                       timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"motcua {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def demo_desk_and_procedure():
    units = json.loads((ROOT / "data/demo/units.json").read_text())["units"]
    desk = next(u["code"] for u in units if u["kind"] in ("ward", "commune"))
    procs = json.loads((ROOT / "data/demo/procedures.json").read_text())["procedures"]
    return desk, procs[0]["code"]


def install(db):
    """A fresh installation: schema, demo units and catalogue, a desk officer and a leader."""
    demo = ROOT / "data/demo"
    motcua(db, "migrate")
    motcua(db, "import", "units", str(demo / "units.json"))
    motcua(db, "import", "procedures", str(demo / "procedures.json"))
    desk, _ = demo_desk_and_procedure()
    users = (("tiepnhan", "tiep_nhan"), ("lanhdao", "lanh_dao"), ("chuyenvien", "chuyen_vien"),
             ("baocao", "cchc"))
    for user, role in users:
        motcua(db, "user", "create", "--username", user, "--role", role, "--unit", desk,
               stdin=PASSWORD + "\n")


class Postgres:
    """A throwaway PostgreSQL cluster in a temporary directory, on its own loopback port."""

    def __init__(self, name):
        self.dir = workdir(f"pg-{name}")
        self.data = self.dir / "data"
        self.port = free_port()
        self.root = os.geteuid() == 0
        if self.root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                  "--no-sync", quiet=True)
        on_exit(self.remove)
        self.start()
        self.psql("postgres", "CREATE DATABASE motcua")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/motcua"

    def _run(self, *cmd, quiet=False):
        cmd = [str(c) for c in cmd]
        if self.root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        out = subprocess.DEVNULL if quiet else None
        subprocess.run(cmd, check=True, stdout=out, timeout=120)

    def start(self):
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-o", opts, "-l", self.dir / "log",
                  "-w", "start", quiet=True)

    def stop(self, mode="fast"):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", quiet=True)

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            try:
                self.stop("immediate")
            except Exception:
                pass

    def psql(self, db, sql):
        r = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                            "-d", db, "-AtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                           capture_output=True, text=True, check=True, timeout=120)
        return [line for line in r.stdout.splitlines() if line]


class Server:
    """`motcua serve` on a free loopback port."""

    def __init__(self, db, cwd, name="server"):
        self.db, self.cwd, self.name = db, cwd, name
        self.port = free_port()
        self.proc = None
        on_exit(self.kill)

    def start(self, wait=True):
        env = dict(os.environ, MOTCUA_DATABASE_URL=self.db, MOTCUA_LOG="warn")
        self.log = open(self.cwd / f"{self.name}.log", "a")
        self.proc = subprocess.Popen([binary(), "serve", "--bind", f"127.0.0.1:{self.port}"],
                                     cwd=self.cwd, env=env, stdout=self.log, stderr=self.log)
        started = time.monotonic()
        if wait:
            self.wait_ready()
        return started

    def wait_ready(self, path="/healthz", timeout=60):
        """Seconds until `path` answers 200."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            try:
                if request(self.port, "GET", path)[0] == 200:
                    return time.monotonic() - t0
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"{self.name} not ready after {timeout} s")

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)


def request(port, method, path, body=None, headers=None, timeout=10):
    """One HTTP request on a fresh connection: (status, parsed JSON or None, headers)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        h = {"Connection": "close", **(headers or {})}
        if data is not None:
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        raw = r.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return r.status, parsed, {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()


def token(port, user="tiepnhan"):
    status, body, _ = request(port, "POST", "/api/v1/auth/token",
                              {"username": user, "password": PASSWORD})
    if status != 200:
        raise RuntimeError(f"sign-in of {user}: {status} {body}")
    return body["token"]


class Load:
    """Intake workers over loopback. Each request carries its own idempotency key and is
    retried with the same key until it is acknowledged (201) or the load stops, so a retry
    after an outage never makes a second dossier. Remembers every acknowledged code."""

    def __init__(self, ports, token_of, workers=16):
        self.ports, self.token_of, self.workers = ports, token_of, workers
        self.desk, self.procedure = demo_desk_and_procedure()
        self.acked = []  # (code, key, monotonic time of the answer, of the request)
        self.statuses = {}
        self.samples = {}  # status -> (body, Retry-After) of its first answer
        self.errors = 0
        self.lock = threading.Lock()
        self.stop_flag = threading.Event()
        self.threads = []
        self.started = 0
        self.run_id = os.urandom(4).hex()  # keys of two loads never meet

    def start(self):
        self.started = time.monotonic()
        for w in range(self.workers):
            t = threading.Thread(target=self._work, args=(w,), daemon=True)
            t.start()
            self.threads.append(t)

    def stop(self):
        self.stop_flag.set()
        for t in self.threads:
            t.join(timeout=30)

    def _work(self, w):
        i = 0
        while not self.stop_flag.is_set():
            key = f"{self.run_id}-w{w}-{i}"
            body = {"procedure_code": self.procedure, "receiving_unit": self.desk,
                    "applicant": {"kind": "citizen", "name": f"Người nộp {w}-{i}",
                                  "phone": f"09{(w * 1000000 + i) % 100000000:08d}"}}
            while not self.stop_flag.is_set():
                port = self.ports[(w + i) % len(self.ports)]
                sent = time.monotonic()
                try:
                    status, resp, headers = request(port, "POST", "/api/v1/dossiers", body, {
                        "Authorization": f"Bearer {self.token_of(port)}",
                        "Idempotency-Key": key}, timeout=15)
                except (OSError, http.client.HTTPException):
                    with self.lock:
                        self.errors += 1
                    time.sleep(0.05)
                    continue
                with self.lock:
                    self.statuses[status] = self.statuses.get(status, 0) + 1
                    if status not in (200, 201):
                        self.samples.setdefault(status, (resp, headers.get("retry-after")))
                if status in (200, 201) and resp and resp.get("code"):
                    with self.lock:
                        self.acked.append((resp["code"], key, time.monotonic(), sent))
                    break
                time.sleep(0.05)
            i += 1

    def acked_since(self, t):
        with self.lock:
            return [a for a in self.acked if a[2] >= t]

    def first_ack_after(self, t, timeout=120):
        """Seconds from `t` to the first acknowledgement of a request sent after it (None if
        none came)."""
        t_end = time.monotonic() + timeout
        while time.monotonic() < t_end:
            with self.lock:
                later = [a for a in self.acked if a[3] >= t]
            if later:
                return min(a[2] for a in later) - t
            time.sleep(0.01)
        return None


def check(acked, stored_codes):
    """acknowledged / lost / duplicates: an acknowledged code missing from the database is lost;
    a code acknowledged for two different requests (keys) is a duplicate."""
    by_code = {}
    for code, key, *_ in acked:
        by_code.setdefault(code, set()).add(key)
    stored = set(stored_codes)
    lost = sorted(c for c in by_code if c not in stored)
    duplicates = sorted(c for c, keys in by_code.items() if len(keys) > 1)
    return {"acknowledged": len(by_code), "lost": len(lost), "duplicates": len(duplicates),
            "lost_codes": lost[:5], "duplicate_codes": duplicates[:5]}


def gaps(codes):
    """Missing numbers in each unit's daily sequence (codes are <unit>-<yymmdd>-<n>)."""
    seqs = {}
    for c in codes:
        prefix, _, n = c.rpartition("-")
        seqs.setdefault(prefix, []).append(int(n))
    missing = 0
    for numbers in seqs.values():
        missing += max(numbers) - len(set(numbers))
    return missing


def sqlite_codes(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return [r[0] for r in conn.execute("SELECT code FROM dossiers")]
    finally:
        conn.close()


def sqlite_integrity(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def print_row(cells, widths):
    log("  ".join(str(c).ljust(w) for c, w in zip(cells, widths)))


def secs(value):
    """A duration for the report: `1.23 s`, or `none` when nothing came."""
    return "none" if value is None else f"{value:.2f} s"

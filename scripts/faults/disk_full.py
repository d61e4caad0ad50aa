#!/usr/bin/env python3
"""Disk full under SQLite: the database lives on a small tmpfs (mounted here, which needs root);
intakes go on while a filler file takes the free space, then the filler is removed.

Prints the answers clients got while the disk was full, whether the server stayed up and
signing in still worked, the time from freeing space to the next acknowledgement, and
acknowledged / lost / duplicates with `PRAGMA integrity_check` at the end. Where mounting a
tmpfs is not permitted it says so and stops (nothing else simulates ENOSPC faithfully for a
running server: `ulimit -f` kills the process with SIGXFSZ instead).

    sudo python3 scripts/faults/disk_full.py [--size-mib 48] [--full-seconds 8]
"""

import argparse
import os
import subprocess
import sys
import time

import harness as h


def fill(path, chunk):
    """Writes zeros to `path` until the file system is full."""
    try:
        with open(path, "wb", buffering=0) as f:
            while True:
                f.write(b"\0" * chunk)
    except OSError:
        pass


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size-mib", type=int, default=48)
    p.add_argument("--full-seconds", type=float, default=8)
    a = p.parse_args()
    wd = h.workdir("disk-full")
    mnt = wd / "mnt"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={a.size_mib}m", "tmpfs", str(mnt)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        h.log(f"disk full: not run, mounting a tmpfs is not permitted here ({r.stderr.strip()})")
        sys.exit(0)
    h.on_exit(lambda: subprocess.run(["umount", "-l", str(mnt)], check=False))
    db_path = mnt / "motcua.db"
    db = f"sqlite://{db_path}"
    h.install(db)
    server = h.Server(db, wd)
    server.start()
    tok = h.token(server.port)
    load = h.Load([server.port], lambda _port: tok, workers=8)
    load.start()
    time.sleep(2)

    filler = mnt / "filler"
    fill(filler, 1 << 20)
    fill(mnt / "filler2", 4096)  # the last pages too
    full_at = time.monotonic()
    before, errors = dict(load.statuses), load.errors
    time.sleep(a.full_seconds)
    during = {k: v - before.get(k, 0) for k, v in load.statuses.items() if v - before.get(k, 0)}
    acked_full = len(load.acked_since(full_at + 1))
    alive = h.request(server.port, "GET", "/healthz")[0]
    ready = h.request(server.port, "GET", "/readyz")[0]
    try:
        h.token(server.port)
        sign_in = "works"
    except RuntimeError as e:
        sign_in = f"fails ({e})"
    h.log(f"disk full for {a.full_seconds:.0f} s: answers {during}, connection errors "
          f"{load.errors - errors}, acknowledged while full {acked_full}; /healthz {alive}, "
          f"/readyz {ready}; signing in {sign_in}")
    for status, (body, retry) in sorted(load.samples.items()):
        h.log(f"  first {status}: Retry-After {retry}, body {body}")

    for f in (filler, mnt / "filler2"):
        if f.exists():
            os.remove(f)
    freed = time.monotonic()
    recovery = load.first_ack_after(freed)
    h.log(f"space freed: next acknowledgement after {h.secs(recovery)}")
    time.sleep(2)
    load.stop()
    server.kill(h.signal.SIGTERM)
    stored = h.sqlite_codes(db_path)
    res = h.check(load.acked, stored)
    h.log(f"disk full: acknowledged {res['acknowledged']}, lost {res['lost']}, duplicates "
          f"{res['duplicates']}, gaps {h.gaps(stored)}, integrity {h.sqlite_integrity(db_path)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""SIGKILL of `motcua serve` during concurrent intakes, on SQLite and on PostgreSQL.

Each round lets 32 workers post intakes for a moment, kills the server without warning, starts
it again and waits for the next acknowledgement. At the end every acknowledged code is looked
up in the database. Prints acknowledged / lost / duplicates / gaps / recovery time.

    python3 scripts/faults/kill_under_load.py [--rounds 5] [--burst 1.5] [--backend sqlite|postgres|both]
"""

import argparse
import statistics
import time

import harness as h


def run(backend, rounds, burst, workers):
    wd = h.workdir(f"kill-{backend}")
    pg = None
    if backend == "postgres":
        pg = h.Postgres("kill")
        db = pg.url
    else:
        db = f"sqlite://{wd / 'motcua.db'}"
    h.install(db)
    server = h.Server(db, wd)
    server.start()
    tok = h.token(server.port)
    load = h.Load([server.port], lambda _port: tok, workers=workers)
    load.start()
    recoveries = []
    for _ in range(rounds):
        time.sleep(burst)
        killed = time.monotonic()
        server.kill()
        server.start(wait=False)
        recovery = load.first_ack_after(killed)
        recoveries.append(recovery if recovery is not None else float("inf"))
    time.sleep(burst)
    load.stop()
    server.kill()
    if pg:
        stored = pg.psql("motcua", "SELECT code FROM dossiers")
    else:
        stored = h.sqlite_codes(wd / "motcua.db")
    result = h.check(load.acked, stored)
    result["gaps"] = h.gaps(stored)
    result["stored"] = len(stored)
    result["recovery_median_s"] = round(statistics.median(recoveries), 2)
    result["recovery_max_s"] = round(max(recoveries), 2)
    if not pg:
        result["integrity"] = h.sqlite_integrity(wd / "motcua.db")
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--burst", type=float, default=1.5)
    p.add_argument("--workers", type=int, default=32)
    p.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    a = p.parse_args()
    backends = ["sqlite", "postgres"] if a.backend == "both" else [a.backend]
    h.log(f"SIGKILL under load: {a.rounds} kills, {a.workers} workers, {a.burst} s between kills")
    for backend in backends:
        r = run(backend, a.rounds, a.burst, a.workers)
        h.log(f"{backend}: acknowledged {r['acknowledged']}, lost {r['lost']}, duplicates "
              f"{r['duplicates']}, gaps {r['gaps']}, stored {r['stored']}, recovery median "
              f"{r['recovery_median_s']} s, max {r['recovery_max_s']} s"
              + (f", integrity {r['integrity']}" if "integrity" in r else ""))
        if r["lost"] or r["duplicates"]:
            h.log(f"  lost: {r['lost_codes']} duplicates: {r['duplicate_codes']}")


if __name__ == "__main__":
    main()

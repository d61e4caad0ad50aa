#!/usr/bin/env python3
"""PostgreSQL restarted, then stopped for 40 s, while intakes go on.

Starts its own throwaway PostgreSQL (never the shared one), one `motcua serve` on it, and 16
intake workers that retry each request with its idempotency key until acknowledged. Restarts
PostgreSQL, waits, stops it for --outage seconds, starts it again. Prints, for each fault, the
answers clients got meanwhile and the time until the next acknowledgement; at the end
acknowledged / lost / duplicates over the whole run.

    python3 scripts/faults/postgres_outage.py [--outage 40]
"""

import argparse
import time

import harness as h


def answers(load, before):
    now = dict(load.statuses)
    return {k: v - before.get(k, 0) for k, v in now.items() if v - before.get(k, 0)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--outage", type=float, default=40)
    p.add_argument("--workers", type=int, default=16)
    a = p.parse_args()
    wd = h.workdir("pg-outage")
    pg = h.Postgres("outage")
    h.install(pg.url)
    server = h.Server(pg.url, wd)
    server.start()
    tok = h.token(server.port)
    load = h.Load([server.port], lambda _port: tok, workers=a.workers)
    load.start()
    time.sleep(3)

    before, errors = dict(load.statuses), load.errors
    t = time.monotonic()
    pg.stop("fast")
    pg.start()
    back = time.monotonic() - t
    recovery = load.first_ack_after(time.monotonic())
    h.log(f"restart: PostgreSQL down {back:.1f} s; answers meanwhile {answers(load, before)}, "
          f"connection errors {load.errors - errors}; next acknowledgement "
          f"{h.secs(recovery)} after it was back")
    time.sleep(3)

    before, errors = dict(load.statuses), load.errors
    pg.stop("fast")
    stopped = time.monotonic()
    ready = []
    while time.monotonic() - stopped < a.outage:
        status = h.request(server.port, "GET", "/readyz")[0]
        ready.append((round(time.monotonic() - stopped, 1), status))
        time.sleep(1)
    pg.start()
    t_back = time.monotonic()
    recovery = load.first_ack_after(t_back)
    not_ready = next((s for s, code in ready if code == 503), None)
    h.log(f"stop for {a.outage:.0f} s: answers meanwhile {answers(load, before)}, connection "
          f"errors {load.errors - errors}; /readyz 503 after {not_ready} s; next "
          f"acknowledgement {h.secs(recovery)} after PostgreSQL was back")
    for status, (body, retry) in sorted(load.samples.items()):
        h.log(f"  first {status}: Retry-After {retry}, body {body}")
    time.sleep(3)
    load.stop()
    server.kill()
    stored = pg.psql("motcua", "SELECT code FROM dossiers")
    r = h.check(load.acked, stored)
    h.log(f"postgres outage: acknowledged {r['acknowledged']}, lost {r['lost']}, duplicates "
          f"{r['duplicates']}, gaps {h.gaps(stored)}, stored {len(stored)}")


if __name__ == "__main__":
    main()

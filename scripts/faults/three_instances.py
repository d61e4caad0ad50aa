#!/usr/bin/env python3
"""Three `motcua serve` instances on one (throwaway) PostgreSQL: concurrent intakes through all
three, then the same action sent at once from the three instances on the same dossiers, then
the same report read from each.

Prints: acknowledged / lost / duplicates of the intakes; for the simultaneous actions, how many
were accepted, refused as conflicts, and how far each dossier moved; whether the three reports
are identical.

    python3 scripts/faults/three_instances.py [--dossiers 10] [--seconds 5]
"""

import argparse
import datetime
import json
import threading
import time

import harness as h


def act(port, tok, code, action, version):
    """Sends `action` decided on `version` of the dossier, as a screen showing it would."""
    return h.request(port, "POST", f"/api/v1/dossiers/{code}/actions", action,
                     {"Authorization": f"Bearer {tok}", "If-Match": f'"{version}"'})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dossiers", type=int, default=10)
    p.add_argument("--seconds", type=float, default=5)
    a = p.parse_args()
    wd = h.workdir("three")
    pg = h.Postgres("three")
    h.install(pg.url)
    servers = [h.Server(pg.url, wd, f"server{i}") for i in range(3)]
    for s in servers:
        s.start()
    ports = [s.port for s in servers]
    tokens = {port: h.token(port) for port in ports}
    load = h.Load(ports, tokens.__getitem__, workers=24)
    load.start()
    time.sleep(a.seconds)
    load.stop()
    stored = pg.psql("motcua", "SELECT code FROM dossiers")
    r = h.check(load.acked, stored)
    h.log(f"intakes through 3 instances: acknowledged {r['acknowledged']}, lost {r['lost']}, "
          f"duplicates {r['duplicates']}, gaps {h.gaps(stored)}")

    # The same step completed at once from the three instances.
    leader = {port: h.token(port, "lanhdao") for port in ports}
    codes = [c for c, *_ in load.acked[: a.dossiers]]
    outcomes = {}
    moved = []
    for code in codes:
        _, before, _ = h.request(ports[0], "GET", f"/api/v1/dossiers/{code}", None,
                                 {"Authorization": f"Bearer {leader[ports[0]]}"})
        barrier = threading.Barrier(3)
        results = []

        def one(port):
            barrier.wait()
            results.append(act(port, tokens[port], code, {"action": "complete_step"},
                               before["version"])[0])

        threads = [threading.Thread(target=one, args=(port,)) for port in ports]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for status in results:
            outcomes[status] = outcomes.get(status, 0) + 1
        _, after, _ = h.request(ports[0], "GET", f"/api/v1/dossiers/{code}", None,
                                {"Authorization": f"Bearer {leader[ports[0]]}"})
        moved.append((after.get("current_step") or 0) - (before.get("current_step") or 0)
                     if after.get("current_step") is not None else None)
    h.log(f"complete_step sent at once from 3 instances on {len(codes)} dossiers: answers "
          f"{outcomes}; steps moved per dossier {moved}")

    today = datetime.date.today().isoformat()
    report = {port: h.token(port, "baocao") for port in ports}
    bodies = []
    for port in ports:
        status, body, _ = h.request(port, "GET", f"/api/v1/reports/tthc?from={today}&to={today}",
                                    None, {"Authorization": f"Bearer {report[port]}"})
        bodies.append((status, json.dumps(body, sort_keys=True)))
    same = len({b for _, b in bodies}) == 1
    h.log(f"report read from each instance: statuses {[s for s, _ in bodies]}, identical {same}")
    for s in servers:
        s.kill()


if __name__ == "__main__":
    main()

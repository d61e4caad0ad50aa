#!/usr/bin/env python3
"""Backup drill: back up SQLite (`motcua backup`) and PostgreSQL (`pg_dump`) while intakes go on,
restore each into a fresh instance (`motcua restore`; a second throwaway PostgreSQL cluster with
`pg_restore` and the sequence move of docs/operations.md), and compare every dossier and event
acknowledged before the backup started. Prints the counts.

    python3 scripts/faults/drill_backup.py [--backend sqlite|postgres|both] [--seconds 3]
"""

import argparse
import subprocess
import time

import harness as h

EVENTS = "SELECT dossier_code, seq, at, actor, type, {data} FROM dossier_events"
DOSSIERS = "SELECT code, status, version, {data} FROM dossiers"


def rows_sqlite(path, sql):
    conn = h.sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return {r[0]: r for r in conn.execute(sql)} if "FROM dossiers" in sql else \
            [tuple(str(x) for x in r) for r in conn.execute(sql)]
    finally:
        conn.close()


def compare(before_codes, live_dossiers, copy_dossiers, live_events, copy_events):
    """Missing and differing dossiers, missing and differing events, of `before_codes`."""
    missing = [c for c in before_codes if c not in copy_dossiers]
    differing = [c for c in before_codes if c in copy_dossiers
                 and copy_dossiers[c] != live_dossiers.get(c)]
    wanted = set(before_codes)

    def by_code(events):
        out = {}
        for e in events:
            if e[0] in wanted:
                out.setdefault(e[0], []).append(e)
        return out

    live_ev, copy_ev = by_code(live_events), by_code(copy_events)
    events = sum(len(v) for v in live_ev.values())
    bad_events = sum(1 for c, ev in live_ev.items() if sorted(copy_ev.get(c, [])) != sorted(ev))
    return {"dossiers": len(before_codes), "missing": len(missing), "differing": len(differing),
            "events": events, "dossiers_with_event_differences": bad_events}


def verdict(nxt, last_live, backup_last, margin):
    n = int(nxt.rpartition("-")[2])
    issued_after = last_live - backup_last
    ok = "no code given twice" if n > last_live else "CODES GIVEN TWICE: the margin is too small"
    return (f"{issued_after} codes were issued after the backup, margin {margin}; the next code "
            f"after the restore is number {n}, the live instance had reached {last_live}: {ok}")


def report(backend, took, r, extra):
    h.log(f"{backend}: backup took {took:.2f} s under load; acknowledged before the backup: "
          f"{r['dossiers']} dossiers, {r['events']} events; in the restored instance: missing "
          f"{r['missing']}, differing {r['differing']}, dossiers whose events differ "
          f"{r['dossiers_with_event_differences']}; {extra}")


def start_load(db, wd, seconds):
    server = h.Server(db, wd)
    server.start()
    tok = h.token(server.port)
    load = h.Load([server.port], lambda _port: tok, workers=16)
    load.start()
    time.sleep(seconds)
    return server, load


def drill_sqlite(seconds, margin):
    wd = h.workdir("drill-sqlite")
    live = wd / "motcua.db"
    db = f"sqlite://{live}"
    h.install(db)
    server, load = start_load(db, wd, seconds)
    t0 = time.monotonic()
    before = [c for c, _, t, *_ in load.acked if t < t0]
    out = h.motcua(db, "backup", "--out", str(wd / "copy.db"))
    took = time.monotonic() - t0
    time.sleep(seconds)
    load.stop()
    server.kill(h.signal.SIGTERM)
    fresh = wd / "fresh"
    fresh.mkdir()
    restored_db = f"sqlite://{fresh / 'motcua.db'}"
    t_restore = time.monotonic()
    restored = h.motcua(restored_db, "restore", "--from", str(wd / "copy.db"),
                        "--sequence-margin", str(margin))
    took_restore = time.monotonic() - t_restore
    r = compare(before,
                rows_sqlite(live, DOSSIERS.format(data="data")),
                rows_sqlite(fresh / "motcua.db", DOSSIERS.format(data="data")),
                rows_sqlite(live, EVENTS.format(data="data")),
                rows_sqlite(fresh / "motcua.db", EVENTS.format(data="data")))
    # The fresh instance serves, and its next code is past every code the live one gave.
    server2 = h.Server(restored_db, fresh)
    server2.start()
    nxt = next_code(server2.port)
    server2.kill()
    last_live = max(int(c.rpartition("-")[2]) for c in h.sqlite_codes(live))
    backup_last = max(int(c.rpartition("-")[2])
                      for c in rows_sqlite(wd / "copy.db", DOSSIERS.format(data="data")))
    for line in (out + restored).splitlines():
        if "Nội dung:" in line or "Đã dời" in line:
            h.log("  " + line.strip())
    report("sqlite", took, r, f"restore took {took_restore:.2f} s; "
           + verdict(nxt, last_live, backup_last, margin))


def next_code(port):
    load = h.Load([port], lambda _p, t=h.token(port): t, workers=1)
    load.start()
    load.first_ack_after(0, timeout=30)
    load.stop()
    return load.acked[0][0]


def drill_postgres(seconds, margin):
    wd = h.workdir("drill-pg")
    pg = h.Postgres("drill")
    h.install(pg.url)
    server, load = start_load(pg.url, wd, seconds)
    t0 = time.monotonic()
    before = [c for c, _, t, *_ in load.acked if t < t0]
    dump = wd / "motcua.dump"
    subprocess.run(["pg_dump", "-Fc", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres",
                    "-d", "motcua", "-f", str(dump)], check=True, timeout=600)
    took = time.monotonic() - t0
    time.sleep(seconds)
    load.stop()
    server.kill()
    fresh = h.Postgres("drill-restore")
    t_restore = time.monotonic()
    subprocess.run(["pg_restore", "-h", "127.0.0.1", "-p", str(fresh.port), "-U", "postgres",
                    "-d", "motcua", str(dump)], check=True, timeout=600)
    day = fresh.psql("motcua", "SELECT COALESCE(MAX(at)::date, CURRENT_DATE) FROM dossier_events")[0]
    fresh.psql("motcua", f"""
        INSERT INTO dossier_sequences (unit_code, day, last)
        SELECT u.code, d::date, 0 FROM units u,
               generate_series(DATE '{day}', CURRENT_DATE, INTERVAL '1 day') AS d
        ON CONFLICT (unit_code, day) DO NOTHING;
        UPDATE dossier_sequences SET last = last + {margin} WHERE day >= DATE '{day}';
        DELETE FROM sessions;""")
    took_restore = time.monotonic() - t_restore

    def dossiers(cluster):
        rows = cluster.psql("motcua", "SELECT code || '|' || status || '|' || version || '|' || "
                                      "data::text FROM dossiers")
        return {r.split("|", 1)[0]: r for r in rows}

    def events(cluster):
        rows = cluster.psql("motcua", "SELECT dossier_code || '|' || seq || '|' || at || '|' || "
                                      "actor || '|' || type || '|' || data::text FROM dossier_events")
        return [tuple(r.split("|", 1)) for r in rows]

    backup_last = max(int(c.rpartition("-")[2]) for c in dossiers(fresh))
    r = compare(before, dossiers(pg), dossiers(fresh), events(pg), events(fresh))
    server2 = h.Server(fresh.url, wd, "restored")
    server2.start()
    nxt = next_code(server2.port)
    server2.kill()
    last_live = max(int(c.rpartition("-")[2]) for c in pg.psql("motcua", "SELECT code FROM dossiers"))
    report("postgres", took, r, f"dump {dump.stat().st_size} bytes, restore took "
           f"{took_restore:.2f} s; "
           + verdict(nxt, last_live, backup_last, margin))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--seconds", type=float, default=3)
    # The drill's load gives one unit hundreds of codes a second, far more than any desk in a
    # day: its margin is larger than the product's default of 1000 accordingly.
    p.add_argument("--margin", type=int, default=10000)
    a = p.parse_args()
    if a.backend in ("sqlite", "both"):
        drill_sqlite(a.seconds, a.margin)
    if a.backend in ("postgres", "both"):
        drill_postgres(a.seconds, a.margin)


if __name__ == "__main__":
    main()

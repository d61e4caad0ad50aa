"""The periodic report of a province computed by DuckDB, for comparison with `motcua bench report`.

Usage: python bench-report-duckdb.py DB.sqlite FROM TO REPEAT OURS.json

Reads the statistics rows (`dossier_stats`) of the SQLite database, writes them once as CSV next
to it, loads the CSV into an in-memory DuckDB table (not timed), then times the same report as
motcua's: the 15 (intake, outcome) cells per competent unit, per field and in total, and the
other figures (online share, online payments and their amount, digitisation, electronic results,
reuse, ratings, apologies). Each dossier is placed as `crates/domain/src/stats/place.rs` does.
Prints `name value` lines and checks that every row agrees with motcua's JSON report.
"""

import csv
import datetime as dt
import json
import os
import sqlite3
import statistics
import sys
import time

import duckdb

DAY_MS = 86_400_000
ONLINE, FEE, PAID, DIGITISED, E_RESULT, REUSED, APOLOGY = 128, 1, 2, 4, 8, 16, 32
COLUMNS = "code,competent_unit,field,received_at,due_at,ended_at,flags,paid_online_vnd,rating"


def local_ms(day):
    """Local milliseconds since 1970-01-01 00:00 of midnight starting `day`."""
    return (day - dt.date(1970, 1, 1)).days * DAY_MS


def export_csv(db, path):
    if os.path.exists(path):
        return
    con = sqlite3.connect(db)
    tmp = path + ".part"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS.split(","))
        cur = con.execute(f"SELECT {COLUMNS} FROM dossier_stats")
        while True:
            rows = cur.fetchmany(100_000)
            if not rows:
                break
            w.writerows(rows)
    os.replace(tmp, path)


def query(start, end):
    """The report and figures in one statement; `end` is midnight after the last day."""
    return f"""
WITH placed AS (
    SELECT competent_unit, field, flags, paid_online_vnd, rating,
           CASE WHEN received_at >= {start}
                THEN CASE WHEN flags & {ONLINE} <> 0 THEN 0 ELSE 1 END
                ELSE 2 END AS intake,
           CASE WHEN ended_at < {end} THEN ended_at END AS ended,
           due_at
    FROM s
    WHERE received_at < {end}
      AND NOT (received_at < {start} AND ended_at IS NOT NULL AND ended_at < {start})
), classed AS (
    SELECT *,
           CASE WHEN ended IS NOT NULL AND due_at IS NOT NULL THEN
                     CASE WHEN ended > due_at THEN 2
                          WHEN ended // {DAY_MS} < due_at // {DAY_MS} THEN 0
                          ELSE 1 END
                WHEN ended IS NOT NULL THEN 1
                WHEN due_at IS NOT NULL AND due_at <= {end} THEN 4
                ELSE 3 END AS class
    FROM placed
)
SELECT competent_unit, field, intake, class, count(*) AS n,
       count(*) FILTER (WHERE intake < 2 AND flags & {ONLINE} <> 0) AS online,
       count(*) FILTER (WHERE intake < 2 AND flags & {FEE} <> 0) AS fee_bearing,
       count(*) FILTER (WHERE intake < 2 AND flags & {FEE} <> 0 AND flags & {PAID} <> 0) AS paid,
       sum(paid_online_vnd) FILTER (WHERE intake < 2 AND flags & {FEE} <> 0 AND flags & {PAID} <> 0) AS paid_vnd,
       count(*) FILTER (WHERE intake < 2 AND flags & {DIGITISED} <> 0) AS digitised,
       count(*) FILTER (WHERE intake < 2 AND flags & {REUSED} <> 0) AS reused,
       count(*) FILTER (WHERE class < 3 AND flags & {E_RESULT} <> 0) AS e_result,
       count(*) FILTER (WHERE class < 3 AND rating IS NOT NULL) AS rated,
       count(*) FILTER (WHERE class < 3 AND rating <= 2) AS satisfied,
       count(*) FILTER (WHERE class IN (2, 4) AND flags & {APOLOGY} <> 0) AS apologies
FROM classed
GROUP BY GROUPING SETS ((competent_unit, intake, class), (field, intake, class), (intake, class))
"""


def columns(cells):
    """The JSON groups of motcua's report from {(intake, class): n}."""
    c = lambda i, k: cells.get((i, k), 0)
    intake = lambda i: sum(c(i, k) for k in range(5))
    klass = lambda k: sum(c(i, k) for i in range(3))
    return {
        "received": {"total": sum(cells.values()), "online": intake(0),
                     "direct_postal": intake(1), "carried_over": intake(2)},
        "resolved": {"total": klass(0) + klass(1) + klass(2), "early": klass(0),
                     "on_time": klass(1), "late": klass(2)},
        "pending": {"total": klass(3) + klass(4), "not_due": klass(3), "overdue": klass(4)},
    }


def main():
    db, start_day, end_day, repeat, ours_path = sys.argv[1:6]
    start = local_ms(dt.date.fromisoformat(start_day))
    end = local_ms(dt.date.fromisoformat(end_day) + dt.timedelta(days=1))
    path = db + ".stats.csv"
    t = time.perf_counter()
    export_csv(db, path)
    print(f"duckdb_csv_export_s {time.perf_counter() - t:.1f}")
    con = duckdb.connect()
    con.execute("SET threads = 2")
    t = time.perf_counter()
    con.execute(f"CREATE TABLE s AS SELECT * FROM read_csv('{path}', header = true)")
    print(f"duckdb_load_s {time.perf_counter() - t:.1f}")
    sql = query(start, end)
    samples, rows = [], None
    for _ in range(int(repeat)):
        t = time.perf_counter()
        rows = con.execute(sql).fetchall()
        samples.append(time.perf_counter() - t)
    samples.sort()
    print(f"duckdb_version {duckdb.__version__}")
    print(f"duckdb_report_min_ms {samples[0] * 1000:.1f}")
    print(f"duckdb_report_p50_ms {statistics.median(samples) * 1000:.1f}")

    units, fields, total = {}, {}, {}
    paid = fee = paid_vnd = rated = satisfied = 0
    for row in rows:
        unit, field, intake, klass, n, _online, fb, pd, vnd = row[:9]
        _digitised, _reused, _e_result, rt, sat, _apologies = row[9:]
        key = (intake, klass)
        if unit is not None:
            units.setdefault(unit, {})[key] = n
        elif field is not None:
            fields.setdefault(field, {})[key] = n
        else:
            total[key] = n
            fee += fb
            paid += pd
            paid_vnd += vnd or 0
            rated += rt
            satisfied += sat

    with open(ours_path) as f:
        ours = json.load(f)
    mismatches = []
    mine = columns(total)
    for g in ("received", "resolved", "pending"):
        if ours[g] != mine[g]:
            mismatches.append(f"total {g}: motcua {ours[g]} duckdb {mine[g]}")
    for u in ours["units"]:
        want = columns(units.get(u["code"], {}))
        got = {g: u[g] for g in ("received", "resolved", "pending")}
        if got != want:
            mismatches.append(f"unit {u['code']}: motcua {got} duckdb {want}")
    for f in ours["fields"]:
        want = columns(fields.get(f["name"], {}))
        got = {g: f[g] for g in ("received", "resolved", "pending")}
        if got != want:
            mismatches.append(f"field {f['name']}: motcua {got} duckdb {want}")
    p = ours["figures"]["paid_online"]
    if (p["numerator"], p["denominator"], p["amount_vnd"]) != (paid, fee, paid_vnd):
        mismatches.append(f"paid online: motcua {p} duckdb {(paid, fee, paid_vnd)}")
    if ours["figures"]["ratings"]["rated"] != rated:
        mismatches.append(f"rated: motcua {ours['figures']['ratings']['rated']} duckdb {rated}")
    print(f"duckdb_received {mine['received']['total']}")
    print(f"duckdb_rows_compared {1 + len(ours['units']) + len(ours['fields'])}")
    if mismatches:
        print("\n".join(mismatches[:20]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

"""History import benchmark helpers for scripts/bench-import.sh.

  python3 scripts/bench-import.py lines N > FILE.jsonl
      N resolved dossiers of 100 wards and 20 procedures in the format of docs/history-import.md
      (fees, online payments, ratings; about 530 bytes a line), codes unique per ward and day.

  python3 scripts/bench-import.py floor IMPORTED.db
      What SQLite itself needs to store the same rows: copies the dossiers and statistics rows of
      a database filled by `motcua import dossiers` into a fresh database with the same schema and
      page size, in one transaction in WAL mode, with INSERT ... SELECT, then builds the same
      secondary indexes with CREATE INDEX. No parsing, no checks, no binding: a floor for the
      import on this machine.
"""
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timedelta


def lines(n):
    wards = [f"000.{20 + i // 50:02d}.{i % 50 + 1:02d}.H99" for i in range(100)]
    procedures = [f"1.{1000 + i:06d}" for i in range(20)]
    ratings = ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long", None]
    seq = {}
    start = datetime(2022, 1, 3, 8, 0)
    out = sys.stdout
    fmt = "%Y-%m-%dT%H:%M:%S+07:00"
    for k in range(n):
        ward = wards[k % 100]
        t = start + timedelta(seconds=k * 30)
        day = t.strftime("%y%m%d")
        seq[(ward, day)] = seq.get((ward, day), 0) + 1
        line = {
            "code": f"{ward}-{day}-{seq[(ward, day)]:04d}",
            "procedure_code": procedures[k % 20],
            "receiving_unit": ward,
            "channel": ["online", "direct", "postal"][k % 3],
            "applicant_name": "Nguyễn Văn An",
            "applicant_phone": f"09{k % 100000000:08d}",
            "received_at": t.strftime(fmt),
            "due_at": (t + timedelta(days=5)).strftime(fmt),
            "ended_at": (t + timedelta(days=2)).strftime(fmt),
            "outcome": "approved",
            "returned_at": (t + timedelta(days=2, hours=3)).strftime(fmt),
            "supplement_requests": [],
            "fee_vnd": [0, 8000, 15000][k % 3],
            "paid_online": k % 2 == 0,
            "digitized": True,
            "e_result": True,
            "apology_at": None,
            "rating": ratings[k % 5],
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def floor(source):
    target = source + ".floor"
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    src = sqlite3.connect(source)
    page = src.execute("PRAGMA page_size").fetchone()[0]
    tables = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('dossiers', 'dossier_stats')")]
    indexes = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('dossiers', 'dossier_stats')")]
    src.close()
    db = sqlite3.connect(target, isolation_level=None)
    db.execute(f"PRAGMA page_size = {page}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA cache_size = -65536")
    for sql in tables:
        db.execute(sql)
    db.execute("ATTACH ? AS src", (source,))
    started = time.time()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO main.dossiers SELECT * FROM src.dossiers")
    db.execute("INSERT INTO main.dossier_stats SELECT * FROM src.dossier_stats")
    inserted = time.time()
    db.execute("PRAGMA threads = 1")
    for sql in indexes:
        db.execute(sql)
    indexed = time.time()
    db.execute("COMMIT")
    done = time.time()
    rows = db.execute("SELECT count(*) FROM main.dossiers").fetchone()[0]
    db.close()
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    print(f"SQLite {sqlite3.sqlite_version}, {page}-byte pages: {rows} rows, "
          f"inserts {inserted - started:.1f} s, {len(indexes)} indexes {indexed - inserted:.1f} s, "
          f"commit {done - indexed:.1f} s, total {done - started:.1f} s "
          f"= {rows / (done - started):,.0f} rows/s")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "lines":
        lines(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "floor":
        floor(sys.argv[2])
    else:
        sys.exit(__doc__)

//! Bounded growth: thirty hours of intakes and sign-ins, compressed into seconds with the fake
//! clock, leave the WAL file and the sessions and idempotency tables bounded, as long as the
//! expired rows are purged every ten minutes (as `motcua serve` does).

use chrono::Duration;
use motcua_app::SessionKind;
use motcua_app::idempotency::{Channel, ClientKey};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1, WARD2, desk_request, fixture};
use std::path::{Path, PathBuf};

/// Steps of ten simulated minutes: thirty hours, past the 24-hour life of idempotency keys.
const STEPS: usize = 180;
/// Intakes per step, each with an idempotency key.
const INTAKES: usize = 4;
/// For the first steps, a reader holds a snapshot (a long report, a backup): the WAL cannot
/// start over meanwhile and grows past its limit.
const SNAPSHOT_STEPS: usize = 40;
/// The WAL size the store cuts the file back to (its `journal_size_limit`).
const WAL_LIMIT: u64 = 32 * 1024 * 1024;

fn wal(db: &Path) -> u64 {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    std::fs::metadata(PathBuf::from(p)).map_or(0, |m| m.len())
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compressed_load_leaves_the_wal_and_the_session_tables_bounded() {
    let f = fixture(Backend::Sqlite).await;
    let db = PathBuf::from(f.db.url.strip_prefix("sqlite:").unwrap());
    let desk = f.caller(Role::TiepNhan, WARD1);
    let signers = [
        f.actor(Role::TiepNhan, WARD1),
        f.actor(Role::TiepNhan, WARD2),
        f.actor(Role::LanhDao, WARD1),
    ];
    let snapshot = rusqlite::Connection::open(&db).unwrap();
    snapshot.execute_batch("BEGIN").unwrap();
    count(&snapshot, "SELECT COUNT(*) FROM dossiers");
    let mut peak = 0;
    for step in 0..STEPS {
        for i in 0..INTAKES {
            let key = ClientKey::parse(Channel::Api, &format!("k-{step}-{i}")).unwrap();
            let request = desk_request(MARRIAGE, None, "Trần Thị Bình");
            f.app.intake(&desk, request, Some(key)).await.unwrap();
        }
        // A browser sign-in every step, an API token every hour.
        let signer = &signers[step % signers.len()];
        f.app
            .open_session(signer, SessionKind::Browser)
            .await
            .unwrap();
        if step % 6 == 0 {
            f.app.open_session(signer, SessionKind::Api).await.unwrap();
        }
        f.app.purge_sessions().await.unwrap();
        peak = peak.max(wal(&db));
        if step + 1 == SNAPSHOT_STEPS {
            snapshot.execute_batch("COMMIT").unwrap();
        }
        f.advance(Duration::minutes(10));
    }
    let end = wal(&db);
    println!("WAL: peak {peak} bytes under the snapshot, {end} bytes at the end");
    // The snapshot made the WAL grow past the limit; it was cut back once it started over.
    assert!(peak > WAL_LIMIT, "peak {peak}");
    assert!(end <= WAL_LIMIT, "end {end}");
    f.store.checkpoint().await.unwrap();
    assert_eq!(wal(&db), 0);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let keys = count(&conn, "SELECT COUNT(*) FROM idempotency_keys");
    let dossiers = count(&conn, "SELECT COUNT(*) FROM dossiers");
    assert_eq!(dossiers, (STEPS * INTAKES) as i64);
    // Keys of the last 24 hours only: 144 steps, and the one the last purge saw as just
    // 24 hours old.
    assert_eq!(keys, (145 * INTAKES) as i64);
    // One browser session per signer (each sign-in ends the previous one), and the 30 API
    // tokens of these 30 hours (they live 30 days).
    let browser = count(
        &conn,
        "SELECT COUNT(*) FROM sessions WHERE kind = 'session'",
    );
    let api = count(&conn, "SELECT COUNT(*) FROM sessions WHERE kind = 'api'");
    assert_eq!((browser, api), (3, 30));
}

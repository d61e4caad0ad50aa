//! Two `motcua serve` processes on one PostgreSQL: 1,000 intakes, 100 at a time, codes unique and
//! gapless (docs/rules.md §6).

use crate::support::*;
use motcua_testkit::{Backend, TestDb};
use std::collections::BTreeSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgres_never_duplicate_a_code() {
    let db = TestDb::new(Backend::Postgres).await;
    let url = db.url.clone();
    install(&url);
    let (desk, procedure) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let dir = temp_dir("two");
    let a = Server::start(&url, &dir).await;
    let b = Server::start(&url, &dir).await;
    let token = token(a.port, "tiepnhan", "mat-khau-tiep-nhan").await;
    let auth = format!("Bearer {token}");
    // A hundred requests in flight at once: more only overflows the kernel's queue of pending
    // connections on a loaded two-core machine (resets), which tests the machine, not motcua.
    let in_flight = std::sync::Arc::new(tokio::sync::Semaphore::new(100));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let port = if i % 2 == 0 { a.port } else { b.port };
        let body = intake_body(&desk, &procedure, i);
        let auth = auth.clone();
        let in_flight = in_flight.clone();
        tasks.spawn(async move {
            let _slot = in_flight.acquire_owned().await.unwrap();
            let headers = [("Authorization", auth.as_str())];
            let r = request(port, "POST", "/api/v1/dossiers", Some(&body), &headers)
                .await
                .unwrap();
            assert_eq!(r.status, 201, "{}", r.body);
            r.json()["code"].as_str().unwrap().to_owned()
        });
    }
    let mut codes = BTreeSet::new();
    while let Some(code) = tasks.join_next().await {
        assert!(codes.insert(code.unwrap()), "duplicate code");
    }
    assert_eq!(codes.len(), 1000);
    // Same unit, same day: sequence numbers 1..=1000 exactly (dossiers received around midnight
    // would split across two days; then each day's numbers must still be gapless).
    let mut by_day: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
    for code in &codes {
        let mut parts = code.rsplitn(3, '-');
        let seq: u32 = parts.next().unwrap().parse().unwrap();
        let day = parts.next().unwrap().to_owned();
        assert_eq!(parts.next().unwrap(), desk);
        by_day.entry(day).or_default().push(seq);
    }
    for (day, mut seqs) in by_day {
        seqs.sort_unstable();
        let expected: Vec<u32> = (1..=u32::try_from(seqs.len()).unwrap()).collect();
        assert_eq!(seqs, expected, "gaps on {day}");
    }
}

//! SIGKILL during a burst of intakes: every dossier acknowledged with 201 survives, with events.

use crate::support::*;
use std::collections::BTreeSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_dossiers_survive_a_kill() {
    let dir = temp_dir("kill");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, procedure) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let mut server = Server::start(&url, &dir).await;
    let port = server.port;
    let auth = format!(
        "Bearer {}",
        token(port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..32 {
        let (tx, auth, desk, procedure) =
            (tx.clone(), auth.clone(), desk.clone(), procedure.clone());
        tasks.spawn(async move {
            for i in 0.. {
                let body = intake_body(&desk, &procedure, worker * 100_000 + i);
                let headers = [("Authorization", auth.as_str())];
                match request(port, "POST", "/api/v1/dossiers", Some(&body), &headers).await {
                    Ok(r) if r.status == 201 => {
                        let code = r.json()["code"].as_str().unwrap_or_default().to_owned();
                        if tx.send(code).is_err() {
                            return;
                        }
                    }
                    _ => return,
                }
            }
        });
    }
    drop(tx);
    // Let the burst run, then kill the server without warning.
    let mut acked = BTreeSet::new();
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_millis(1500) {
        if let Ok(Some(code)) =
            tokio::time::timeout(std::time::Duration::from_millis(50), rx.recv()).await
        {
            acked.insert(code);
        }
    }
    server.kill();
    while let Some(code) = rx.recv().await {
        acked.insert(code);
    }
    while tasks.join_next().await.is_some() {}
    assert!(
        acked.len() > 50,
        "only {} intakes before the kill",
        acked.len()
    );

    let server = Server::start(&url, &dir).await;
    assert_all_found(server.port, &acked, "lost after the kill").await;
}

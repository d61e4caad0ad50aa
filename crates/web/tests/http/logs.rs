//! One log line per request: method, path, status, latency and request id; never the query
//! string (it may carry a phone number) nor anything from the body.

use crate::both;
use crate::support::Server;
use motcua_testkit::{Backend, WARD1};
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracing_subscriber::fmt::MakeWriter;

both!(requests_are_logged_once_without_personal_data);

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

async fn requests_are_logged_once_without_personal_data(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(buffer.clone())
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let a = s
        .get(
            &format!("/api/v1/public/dossiers/{code}?phone=0912345678"),
            None,
        )
        .await;
    drop(guard);
    let id = a.headers["x-request-id"].to_str().unwrap();
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("request_id")).collect();
    assert_eq!(lines.len(), 1, "{log}");
    let line = lines[0];
    for part in [
        "method=GET",
        &format!("path=/api/v1/public/dossiers/{code}"),
        "status=200",
        "latency_ms=",
        id,
    ] {
        assert!(line.contains(part), "{part} missing in {line}");
    }
    assert!(
        !log.contains("0912345678") && !log.contains("phone") && !log.contains("Nguyễn"),
        "{log}"
    );
}

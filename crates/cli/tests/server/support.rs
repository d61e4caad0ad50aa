//! Running `motcua` processes and talking HTTP/1.1 to them over loopback, without extra crates.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The binary under test.
pub fn motcua() -> Command {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
}

/// Runs `motcua args…` against `db`, feeding `stdin`, and returns stdout; panics on failure.
pub fn run(db: &str, args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let mut child = motcua()
        .args(args)
        .env("MOTCUA_DATABASE_URL", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "motcua {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A free loopback port.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `motcua serve`; killed on drop.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Server {
    /// Starts a server on `db` and waits until `/healthz` answers.
    pub async fn start(db: &str, dir: &Path) -> Server {
        let port = free_port();
        let child = motcua()
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("MOTCUA_DATABASE_URL", db)
            .env("MOTCUA_LOG", "warn")
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = request(port, "GET", "/healthz", None, &[]).await
                && r.status == 200
            {
                return server;
            }
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub async fn request(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
    headers: &[(&str, &str)],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok(Response { status, body })
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// Sets up a fresh installation through the CLI: units, the demo catalogue, a desk officer.
/// Returns a bearer token for the officer on the server at `port`.
pub fn install(db: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    run(db, &["migrate"], "");
    run(
        db,
        &["import", "units", root.join("units.json").to_str().unwrap()],
        "",
    );
    run(
        db,
        &[
            "import",
            "procedures",
            root.join("procedures.json").to_str().unwrap(),
        ],
        "",
    );
}

/// Creates a user with `role` at `unit` through the CLI (password on stdin).
pub fn create_user(db: &str, username: &str, role: &str, unit: &str, password: &str) {
    run(
        db,
        &[
            "user",
            "create",
            "--username",
            username,
            "--role",
            role,
            "--unit",
            unit,
        ],
        &format!("{password}\n"),
    );
}

/// A bearer token.
pub async fn token(port: u16, username: &str, password: &str) -> String {
    let body = serde_json::json!({ "username": username, "password": password });
    let r = request(port, "POST", "/api/v1/auth/token", Some(&body), &[])
        .await
        .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["token"].as_str().unwrap().to_owned()
}

/// The first commune or ward of the demo units, and a procedure of the demo catalogue.
pub fn demo_desk_and_procedure() -> (String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    let units: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("units.json")).unwrap()).unwrap();
    let desk = units["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "ward" || u["kind"] == "commune")
        .unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let procedures: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("procedures.json")).unwrap())
            .unwrap();
    let procedure = procedures["procedures"][0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    (desk, procedure)
}

/// Posts `n` intakes at the demo's first desk (as `auth`, a bearer header) for applicants `from..from + n`; answers their codes.
pub async fn intakes(port: u16, auth: &str, from: usize, n: usize) -> Vec<String> {
    let (desk, procedure) = demo_desk_and_procedure();
    let mut codes = Vec::new();
    for i in from..from + n {
        let headers = [("Authorization", auth)];
        let body = intake_body(&desk, &procedure, i);
        let r = request(port, "POST", "/api/v1/dossiers", Some(&body), &headers)
            .await
            .unwrap();
        assert_eq!(r.status, 201, "{}", r.body);
        codes.push(r.json()["code"].as_str().unwrap().to_owned());
    }
    codes
}

/// An intake request body for applicant number `i`.
pub fn intake_body(desk: &str, procedure: &str, i: usize) -> serde_json::Value {
    serde_json::json!({
        "procedure_code": procedure,
        "receiving_unit": desk,
        "applicant": {
            "kind": "citizen",
            "name": format!("Người nộp {i}"),
            "phone": format!("09{:08}", i),
        }
    })
}

/// A fresh temporary directory.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("motcua-cli-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Asserts that the desk officer `tiepnhan` finds every code on the server at `port`, each with
/// at least its creation and reception events.
pub async fn assert_all_found<'a>(
    port: u16,
    codes: impl IntoIterator<Item = &'a String>,
    why: &str,
) {
    let auth = format!(
        "Bearer {}",
        token(port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let headers = [("Authorization", auth.as_str())];
    for code in codes {
        let path = format!("/api/v1/dossiers/{code}");
        let r = request(port, "GET", &path, None, &headers).await.unwrap();
        assert_eq!(r.status, 200, "{code} {why}");
        let events = r.json()["events"].as_array().map_or(0, Vec::len);
        assert!(events >= 2, "{code} has {events} events");
    }
}

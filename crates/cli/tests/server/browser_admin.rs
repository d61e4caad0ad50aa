//! Staff journeys in a real browser (headless Chromium driven over the DevTools protocol): an
//! administrator signs in with the form, opens «Người dùng», clicks «Khóa tài khoản» and
//! confirms, and sees the account marked locked, the user's API token stopping at once; a desk
//! officer passes a dossier on with the step form and prints its control sheet; a desk officer
//! accepts an online submission and sees it take the code of the reception day.

use crate::support::*;
use chrono::{Duration as Days, NaiveDateTime};
use motcua_app::clock::{Clock, SystemClock};
use motcua_app::store::Store;
use motcua_store::{SqliteOptions, SqliteStore};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// Headless Chromium speaking the DevTools protocol over a pipe: its fd 3 is our `stdin`, its
/// fd 4 our `stdout`; each message is JSON ended by a NUL byte.
struct Browser {
    child: Child,
    to: ChildStdin,
    from: BufReader<ChildStdout>,
    next: u64,
    session: Option<String>,
}

impl Browser {
    fn start(dir: &std::path::Path) -> Browser {
        let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let script = format!(
            "exec \"$0\" --headless --no-sandbox --disable-gpu --disable-background-networking \
             --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
             --remote-debugging-pipe --user-data-dir='{}' about:blank \
             3<&0 4>&1 0</dev/null 1>/dev/null 2>/dev/null",
            dir.join("profile-cdp").display()
        );
        let mut child = Command::new("sh")
            .args(["-c", &script, &bin])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("Chromium is required by the browser tests: {e}"));
        let to = child.stdin.take().unwrap();
        let from = BufReader::new(child.stdout.take().unwrap());
        Browser {
            child,
            to,
            from,
            next: 0,
            session: None,
        }
    }

    /// Sends `method` (to the attached page, if any) and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// [`Browser::call`], with the protocol's error as an error.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let mut message = json!({ "id": self.next, "method": method, "params": params });
        if let Some(s) = &self.session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = message.to_string().into_bytes();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        self.to.flush().unwrap();
        loop {
            let mut frame = Vec::new();
            let n = self.from.read_until(0, &mut frame).unwrap();
            assert!(n > 0, "Chromium closed the pipe");
            frame.pop();
            let answer: Value = serde_json::from_slice(&frame).unwrap();
            if answer["id"] == json!(self.next) {
                return match answer.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(answer["result"].clone()),
                };
            }
        }
    }

    /// Opens `url` in a new page and attaches to it.
    fn open(&mut self, url: &str) {
        let target = self.call("Target.createTarget", json!({ "url": url }));
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        self.session = attached["sessionId"].as_str().map(str::to_owned);
    }

    /// The value of `expression` in the page; an error while the page is (re)loading.
    fn try_eval(&mut self, expression: &str) -> Result<Value, Value> {
        let r = self.try_call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        )?;
        match r.get("exceptionDetails") {
            Some(e) => Err(e.clone()),
            None => Ok(r["result"]["value"].clone()),
        }
    }

    /// The value of `expression` in the loaded page.
    fn eval(&mut self, expression: &str) -> Value {
        self.try_eval(expression)
            .unwrap_or_else(|e| panic!("{expression}: {e}"))
    }

    /// Signs in with the form of `{base}/dang-nhap?next={page}` and waits for `page`.
    fn sign_in(&mut self, base: &str, page: &str, username: &str, password: &str) {
        self.open(&format!("{base}/dang-nhap?next={page}"));
        self.wait_for(&format!("/dang-nhap?next={page}"));
        self.eval(&format!(
            "document.getElementById('username').value = '{username}';\
             document.getElementById('password').value = '{password}';\
             document.getElementById('password').form.submit();"
        ));
        self.wait_for(page);
    }

    /// Waits until the loaded page's path and query are `target`.
    fn wait_for(&mut self, target: &str) {
        let started = Instant::now();
        let check = "document.readyState === 'complete' ? location.pathname + location.search : ''";
        loop {
            let at = self.try_eval(check).unwrap_or_default();
            if at == json!(target) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "still at {at} waiting for {target}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_locks_an_account_in_chromium() {
    let dir = temp_dir("browser-admin");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    create_user(
        &url,
        "quantri",
        "quan_tri",
        "000.00.00.H99",
        "mat-khau-quan-tri",
    );
    let server = Server::start(&url, &dir).await;
    let desk_token = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let base = format!("http://127.0.0.1:{}", server.port);
    let profile = dir.clone();

    let (before, after) = tokio::task::spawn_blocking(move || {
        let mut b = Browser::start(&profile);
        b.sign_in(&base, "/can-bo/nguoi-dung", "quantri", "mat-khau-quan-tri");
        let row = "document.getElementById('nguoi-dung-tiepnhan').innerText";
        let before = b.eval(row);
        // A person clicks «Khóa tài khoản», reads the warning, and confirms.
        b.eval("document.querySelector('#nguoi-dung-tiepnhan summary').click()");
        let open = b.eval("document.querySelector('#nguoi-dung-tiepnhan details').open");
        assert_eq!(open, json!(true));
        b.eval("document.querySelector('#nguoi-dung-tiepnhan button.danger').click()");
        b.wait_for("/can-bo/nguoi-dung?xong=khoa&ten=tiepnhan");
        let flash = b.eval("document.querySelector('p.notice').innerText");
        (before, json!({ "row": b.eval(row), "flash": flash }))
    })
    .await
    .unwrap();

    let before = before.as_str().unwrap();
    assert!(before.contains("Đang hoạt động"), "{before}");
    let row = after["row"].as_str().unwrap();
    assert!(row.contains("Đã khóa") && row.contains("Mở khóa"), "{row}");
    assert!(
        after["flash"]
            .as_str()
            .unwrap()
            .starts_with("Đã khóa tài khoản «tiepnhan»."),
        "{after}"
    );
    let r = request(
        server.port,
        "GET",
        "/api/v1/dossiers",
        None,
        &[("Authorization", desk_token.as_str())],
    )
    .await
    .unwrap();
    assert_eq!(r.status, 401, "the locked user's token stopped: {}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_officer_hands_a_dossier_over_and_prints_its_control_sheet_in_chromium() {
    let dir = temp_dir("browser-control-sheet");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let code = intakes(server.port, &auth, 3, 1).await.remove(0);
    let base = format!("http://127.0.0.1:{}", server.port);
    let profile = dir.clone();

    let (sheet, pdf) = tokio::task::spawn_blocking(move || {
        let page = format!("/can-bo/ho-so/{code}");
        let mut b = Browser::start(&profile);
        b.sign_in(&base, &page, "tiepnhan", "mat-khau-tiep-nhan");
        // The desk's step «Tiếp nhận, kiểm tra hồ sơ» is done: the officer passes it on.
        b.eval("document.querySelector('input[name=action][value=complete_step]').form.submit()");
        b.wait_for(&format!("{page}?xong=complete_step"));
        b.eval("document.querySelector('a[href$=\"/phieu-kiem-soat\"]').click()");
        b.wait_for(&format!("{page}/phieu-kiem-soat"));
        let sheet = b.eval("document.querySelector('article.paper').innerText");
        let pdf = b.call(
            "Page.printToPDF",
            json!({ "paperWidth": 8.27, "paperHeight": 11.69 }),
        );
        (sheet, pdf)
    })
    .await
    .unwrap();

    let sheet = sheet.as_str().unwrap();
    for text in [
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Tiếp nhận, kiểm tra hồ sơ",
        "Hồ sơ đến cơ quan giải quyết",
        "Người giao",
    ] {
        assert!(sheet.contains(text), "{text} missing in {sheet}");
    }
    let data = pdf["data"].as_str().unwrap();
    assert!(data.starts_with("JVBER"), "the printed sheet is a PDF");
}

/// Vietnamese local time now, read by the server's own clock.
fn local_now() -> NaiveDateTime {
    SystemClock.now()
}

/// An online submission of `procedure` to `desk` made at `at`, written into the SQLite database
/// `db` as a portal stores it: answers its submission number.
async fn submit_online(
    db: &std::path::Path,
    desk: &str,
    procedure: &str,
    at: NaiveDateTime,
) -> String {
    let store = SqliteStore::open(db, SqliteOptions::default())
        .await
        .unwrap();
    let procedures = store.procedures().await.unwrap();
    let procedure = procedures
        .iter()
        .find(|p| p.spec.code.as_str() == procedure)
        .unwrap();
    let new = motcua_testkit::online_submission(procedure, desk, at);
    let stored = store
        .insert_dossier(new, "cong-dich-vu-cong", None)
        .await
        .unwrap();
    stored.dossier.code.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_officer_accepts_an_online_submission_and_it_takes_the_reception_days_code_in_chromium()
 {
    let dir = temp_dir("browser-online");
    let path = dir.join("motcua.db");
    let url = format!("sqlite://{}", path.display());
    install(&url);
    let (desk, procedure) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    // Submitted three days ago, accepted today.
    let submitted = local_now() - Days::days(3);
    let number = submit_online(&path, &desk, &procedure, submitted).await;
    assert_eq!(
        number,
        format!("{desk}-{}-TT0001", submitted.format("%y%m%d"))
    );
    let server = Server::start(&url, &dir).await;
    let base = format!("http://127.0.0.1:{}", server.port);
    let profile = dir.clone();
    let before = local_now().date();
    let seen = number.clone();
    let (path_after, h1, facts) = tokio::task::spawn_blocking(move || {
        let page = format!("/can-bo/ho-so/{seen}");
        let mut b = Browser::start(&profile);
        b.sign_in(&base, &page, "tiepnhan", "mat-khau-tiep-nhan");
        assert_eq!(
            b.eval("document.querySelector('h1').innerText"),
            json!(format!("Hồ sơ {seen}"))
        );
        b.eval("document.querySelector('input[name=action][value=accept]').form.submit()");
        let started = Instant::now();
        while b
            .try_eval("document.readyState === 'complete' && location.search")
            .unwrap_or_default()
            != json!("?xong=accept")
        {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "never accepted"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        (
            b.eval("location.pathname"),
            b.eval("document.querySelector('h1').innerText"),
            b.eval("document.querySelector('dl.facts').innerText"),
        )
    })
    .await
    .unwrap();
    let after = local_now().date();
    let code = path_after
        .as_str()
        .unwrap()
        .strip_prefix("/can-bo/ho-so/")
        .unwrap()
        .to_owned();
    assert!(
        [before, after]
            .iter()
            .any(|d| code == format!("{desk}-{}-0001", d.format("%y%m%d"))),
        "{code} is the first code of the reception day"
    );
    assert_eq!(h1, json!(format!("Hồ sơ {code}")));
    let facts = facts.as_str().unwrap();
    assert!(facts.contains("Số nộp trực tuyến"), "{facts}");
    assert!(facts.contains(&number), "{facts}");
}

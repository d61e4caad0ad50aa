//! Pages in a real browser (headless Chromium): the citizen look-up, catalogue search and
//! printing; the leaders' dashboard behind a staff sign-in.

use crate::support::*;
use chrono::Datelike;
use motcua_app::clock::{Clock, SystemClock};
use std::process::Command;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Headless Chromium with the flags this machine needs and a fresh profile.
fn chromium(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = dir.join(format!("profile-{}", args.len()));
    let out = Command::new(&bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("Chromium is required by the browser tests ({bin}: {e}); scripts/ensure-chromium.sh installs it"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn dom(dir: &std::path::Path, url: &str) -> String {
    String::from_utf8(chromium(dir, &["--dump-dom", url]).stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_pages_render_in_chromium() {
    let dir = temp_dir("browser");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let code = intakes(server.port, &auth, 7, 1).await.remove(0);
    let base = format!("http://127.0.0.1:{}", server.port);
    let page_dir = dir.clone();

    let (lookup, wrong, catalogue, pdf) = tokio::task::spawn_blocking(move || {
        let lookup = dom(
            &page_dir,
            &format!("{base}/tra-cuu?ma={code}&so=0900000007"),
        );
        let wrong = dom(
            &page_dir,
            &format!("{base}/tra-cuu?ma={code}&so=0999999999"),
        );
        let catalogue = dom(&page_dir, &format!("{base}/thu-tuc?q=dang+ky+ket+hon"));
        let pdf = page_dir.join("thu-tuc.pdf");
        chromium(
            &page_dir,
            &[
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("{base}/thu-tuc/1.000894"),
            ],
        );
        (lookup, wrong, catalogue, std::fs::read(pdf).unwrap())
    })
    .await
    .unwrap();
    assert!(lookup.contains("lang=\"vi\""), "{lookup}");
    assert!(lookup.contains("Đã tiếp nhận"), "{lookup}");
    assert!(
        !lookup.contains("Người nộp 7"),
        "the look-up shows no personal data"
    );
    assert!(!wrong.contains("Đã tiếp nhận"), "{wrong}");
    assert!(catalogue.contains("Đăng ký kết hôn"), "{catalogue}");
    assert!(
        pdf.starts_with(b"%PDF"),
        "printing the procedure page gives a PDF"
    );
}

/// The text of the headline card labelled `label`.
fn card(html: &str, label: &str) -> String {
    let at = html
        .split(&format!("<span class=\"label\">{label}</span>"))
        .nth(1)
        .unwrap_or_else(|| panic!("card {label} in {html}"));
    let value = &at[at.find("<strong>").unwrap() + 8..];
    value[..value.find("</strong>").unwrap()].to_owned()
}

/// The cells (`<td>`) of the row whose header is `head` in table `id`.
fn row(html: &str, id: &str, head: &str) -> Vec<String> {
    let table = html
        .split(&format!("id=\"{id}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("table {id} in {html}"));
    let table = &table[..table.find("</table>").unwrap()];
    let tr = table
        .split("<tr>")
        .find(|tr| tr.contains(&format!(">{head}<")))
        .unwrap_or_else(|| panic!("row {head} in {table}"));
    tr[..tr.find("</tr>").unwrap()]
        .split("<td")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..];
            text[..text.find("</td>").unwrap()].to_owned()
        })
        .collect()
}

/// `1.234`, as the pages write counts.
fn integer(v: &serde_json::Value) -> String {
    let digits = v.as_u64().unwrap().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// One raw HTTP/1.1 exchange on a fresh connection: the whole answer, head and body.
async fn exchange(port: u16, request: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    raw
}

/// The value of cookie `name` set by the answer `raw`.
fn set_cookie(raw: &str, name: &str) -> String {
    let prefix = format!("set-cookie: {name}=");
    let line = raw
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {name} cookie: {raw}"));
    line[prefix.len()..].split(';').next().unwrap().to_owned()
}

/// The sign-in form's token and the value of the `motcua_login` cookie that carries it.
async fn sign_in_form(port: u16) -> (String, String) {
    let raw = exchange(
        port,
        "GET /dang-nhap HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .await;
    let field = "name=\"login_token\" value=\"";
    let at = raw.find(field).unwrap() + field.len();
    let token = raw[at..at + raw[at..].find('"').unwrap()].to_owned();
    (token, set_cookie(&raw, "motcua_login"))
}

/// The session cookie (`motcua_session=…`) of a staff sign-in through the page form.
async fn session_cookie(port: u16, username: &str, password: &str) -> String {
    let (token, login) = sign_in_form(port).await;
    let form =
        format!("username={username}&password={password}&next=%2Fcan-bo&login_token={token}");
    let raw = exchange(
        port,
        &format!(
            "POST /dang-nhap HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
             Cookie: motcua_login={login}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ),
    )
    .await;
    format!("motcua_session={}", set_cookie(&raw, "motcua_session"))
}

/// Serves `html` with `cookie` to every request on a port of its own, until aborted.
async fn serve_page(cookie: String, html: String) -> (u16, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut byte = [0_u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Set-Cookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    });
    (port, task)
}

/// A leader of the province signs in from Chromium and reads the dashboard of the current
/// calendar month: the SVG charts and the tables under them, with the numbers of the JSON API.
///
/// Chromium takes no cookie on its command line, so the browser signs in like a person filling
/// the sign-in form: the test reads a form token from `/dang-nhap`, and a page served by the
/// test on another port of the same host (the same site, so it may set the form's
/// `SameSite=Strict` cookie) hands the browser that cookie and a form with the token, the user
/// name and the password, submitted by the page's one line of script; the server answers with
/// the session cookie and a redirect to the dashboard, and `--virtual-time-budget` lets the
/// navigation finish before `--dump-dom`.
/// The dashboard itself needs no script: the same page fetched over plain HTTP with that session
/// (no browser, so nothing runs) already holds every chart and table, and its only script is the
/// deferred `print.js` that reveals the print button. (`--blink-settings=scriptEnabled=false`
/// cannot prove it: `--dump-dom` reads the page with a script and then prints nothing.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_renders_in_chromium_for_a_signed_in_leader() {
    let dir = temp_dir("browser-dashboard");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    let province = "000.00.00.H99";
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    create_user(
        &url,
        "lanhdaotinh",
        "lanh_dao",
        province,
        "mat-khau-lanh-dao",
    );
    let server = Server::start(&url, &dir).await;
    let desk_auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    intakes(server.port, &desk_auth, 0, 3).await;
    let today = SystemClock.now().date();
    let (year, month) = (today.year(), today.month());
    let page = format!("/can-bo/tong-quan?loai=thang&nam={year}&thang={month}");
    let leader = format!(
        "Bearer {}",
        token(server.port, "lanhdaotinh", "mat-khau-lanh-dao").await
    );
    let api = request(
        server.port,
        "GET",
        &format!("/api/v1/reports/dashboard?period=calendar-month:{year}-{month:02}"),
        None,
        &[("Authorization", leader.as_str())],
    )
    .await
    .unwrap();
    assert_eq!(api.status, 200, "{}", api.body);
    let api = api.json();
    assert_eq!(api["total"]["received"]["total"], 3, "{api}");

    let next = page.replace('&', "&amp;");
    let (form_token, form_cookie) = sign_in_form(server.port).await;
    let (helper, helper_task) = serve_page(
        format!("motcua_login={form_cookie}; Path=/dang-nhap; SameSite=Strict"),
        format!(
            "<!doctype html><meta charset=\"utf-8\"><body onload=\"document.forms[0].submit()\">\
             <form method=\"post\" action=\"http://127.0.0.1:{}/dang-nhap\">\
             <input name=\"username\" value=\"lanhdaotinh\">\
             <input name=\"password\" value=\"mat-khau-lanh-dao\">\
             <input name=\"login_token\" value=\"{form_token}\">\
             <input name=\"next\" value=\"{next}\"></form></body>",
            server.port
        ),
    )
    .await;
    let page_dir = dir.clone();
    let b = tokio::task::spawn_blocking(move || {
        let file = format!("http://127.0.0.1:{helper}/dang-nhap.html");
        // Headless Chromium sometimes dumps an empty page before the sign-in form's navigation
        // ends, more often on a loaded machine; a fresh profile and another try, a moment
        // later, then show the dashboard.
        let mut dom = String::new();
        for attempt in 0..5 {
            if attempt > 0 {
                std::thread::sleep(std::time::Duration::from_secs(1));
            }
            let dir = page_dir.join(format!("try-{attempt}"));
            std::fs::create_dir_all(&dir).unwrap();
            let out = chromium(&dir, &["--virtual-time-budget=15000", "--dump-dom", &file]);
            dom = String::from_utf8(out.stdout).unwrap();
            if dom.contains("<title>Tổng quan") {
                break;
            }
            eprintln!(
                "attempt {attempt}: no dashboard yet; Chromium said: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        dom
    })
    .await
    .unwrap();
    helper_task.abort();

    assert!(
        b.contains("<title>Tổng quan — Bộ phận Một cửa</title>"),
        "{b}"
    );
    assert!(
        b.contains("Ủy ban nhân dân tỉnh"),
        "the province's dashboard: {b}"
    );
    // Headline cards: the numbers of the API.
    let total = &api["total"];
    assert_eq!(
        card(&b, "Tiếp nhận trong kỳ"),
        integer(&total["received"]["total"])
    );
    assert_eq!(
        card(&b, "Đã giải quyết"),
        integer(&total["resolved"]["total"])
    );
    assert_eq!(
        card(&b, "Đang giải quyết"),
        integer(&total["pending"]["total"])
    );
    assert_eq!(card(&b, "Quá hạn hiện nay"), integer(&api["overdue_now"]));
    // The trend: this month's row of the table under the charts.
    let m = &api["months"][11];
    assert_eq!(
        row(&b, "bang-xu-huong", &format!("{month:02}/{year}"))[..3],
        [
            integer(&m["received"]["online"]),
            integer(&m["received"]["direct_postal"]),
            integer(&m["received"]["total"]),
        ]
    );
    // By field: the table row and the bar of the chart.
    let field = &api["fields"][0];
    let name = field["name"].as_str().unwrap();
    let received = integer(&field["received"]["total"]);
    assert_eq!(row(&b, "bang-linh-vuc", name)[0], received);
    assert!(
        b.contains(&format!("<title>{name}: {received}</title>")),
        "{b}"
    );
    // The ranking: the desk's ward first, with its dossiers.
    let first = &api["ranking"][0];
    assert_eq!(first["unit"]["code"], desk.as_str());
    let ward = first["unit"]["name"].as_str().unwrap();
    assert_eq!(row(&b, "bang-xep-hang", ward)[1], "3");
    let table = &b[b.find("id=\"bang-xep-hang\"").unwrap()..];
    assert_eq!(
        table.split("<tr>").nth(2).map(|tr| tr.contains(ward)),
        Some(true)
    );
    // The 766 groups, one table row each.
    let groups = &b[b.find("id=\"bang-nhom-766\"").unwrap()..];
    let groups = &groups[..groups.find("</table>").unwrap()];
    let count = api["index766"]["groups"].as_array().map_or(0, Vec::len);
    assert!(count > 0, "{api}");
    assert_eq!(groups.matches("<th scope=\"row\">").count(), count);
    // Charts drawn on the server as SVG images with a title.
    let svgs = b.matches("<svg ").count();
    assert!(svgs >= 6, "{b}");
    assert!(b.contains("role=\"img\" aria-label=\"Hồ sơ đã giải quyết theo tháng\""));

    // Without a browser, hence without any script: the same charts and tables.
    let cookie = session_cookie(server.port, "lanhdaotinh", "mat-khau-lanh-dao").await;
    let raw = request(
        server.port,
        "GET",
        &page,
        None,
        &[("Cookie", cookie.as_str())],
    )
    .await
    .unwrap();
    assert_eq!(raw.status, 200, "{}", raw.body);
    let html = &raw.body;
    assert_eq!(html.matches("<svg ").count(), svgs);
    for id in [
        "bang-xu-huong",
        "bang-linh-vuc",
        "bang-xep-hang",
        "bang-nhom-766",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert_eq!(
        card(html, "Tiếp nhận trong kỳ"),
        card(&b, "Tiếp nhận trong kỳ")
    );
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert_eq!(scripts.len(), 1, "{html}");
    assert!(
        scripts[0]
            .trim_start()
            .starts_with("src=\"/static/print.js")
    );
    assert!(scripts[0].contains(" defer>"));
    assert!(!html.contains(" onclick=") && !html.contains(" onload="));
}

//! The dashboard (Tổng quan): headline figures, charts drawn on the server with their tables,
//! the menu, and who may see it.

use crate::site::Site;
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use motcua_domain::dossier::Action;
use motcua_domain::org::Role;
use motcua_testkit::{BUILDING, MARRIAGE, PROVINCE, WARD1};

const NOVEMBER: &str = "/can-bo/tong-quan?loai=thang&nam=2026&thang=11";

/// At ward one on Wednesday 25/11/2026 09:00: two marriages (due Monday 30/11 09:00) and a
/// building permit (due Wednesday 02/12 09:00); the first marriage resolved on 27/11 (early).
/// The clock then stands at 02/12 08:00: the second marriage is overdue, the permit due today.
async fn three_dossiers(site: &Site) {
    let first = site
        .intake(MARRIAGE, "Nguyễn Văn An")
        .await
        .dossier
        .code
        .to_string();
    site.intake(MARRIAGE, "Trần Thị Bình").await;
    site.intake(BUILDING, "Lê Văn Cường").await;
    site.f.advance(Duration::days(2));
    let resolve = Action::Resolve {
        approved: true,
        reasons: String::new(),
        result_file: None,
    };
    site.f
        .app
        .act(
            &site.f.caller(Role::LanhDao, WARD1),
            &first,
            site.f.version(&first).await,
            resolve,
        )
        .await
        .unwrap();
    let morning = NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    site.f.set_now(morning);
}

/// The texts of the cells (`<td>` and `<th>`) of the table row whose header is `head`, in
/// table `id`.
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
    let tr = &tr[..tr.find("</tr>").unwrap()];
    tr.split("<td")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..];
            text[..text.find("</td>").unwrap()].to_owned()
        })
        .collect()
}

/// The text of the headline card labelled `label`.
fn card(html: &str, label: &str) -> String {
    let at = html
        .split(&format!("<span class=\"label\">{label}</span>"))
        .nth(1)
        .unwrap_or_else(|| panic!("card {label}"));
    let value = &at[at.find("<strong>").unwrap() + 8..];
    value[..value.find("</strong>").unwrap()].to_owned()
}

#[tokio::test]
async fn the_dashboard_shows_the_figures_of_the_province_in_charts_and_tables() {
    let site = Site::new().await;
    three_dossiers(&site).await;
    let s = site.login(Role::Cchc, PROVINCE).await;
    let page = site.get(NOVEMBER, Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(
        b.contains(
            "Ủy ban nhân dân tỉnh Thử Nghiệm</strong> — Tháng 11/2026 (01/11/2026 – 30/11/2026)"
        ),
        "{b}"
    );
    assert!(
        b.contains("href=\"/can-bo/tong-quan\">Tổng quan</a>"),
        "the menu"
    );

    // Headline: now (02/12 08:00) one overdue, one due today; November: 3 received, 1 resolved
    // early, 2 pending at its end, one of them overdue.
    assert_eq!(card(b, "Quá hạn hiện nay"), "1");
    assert_eq!(card(b, "Đến hạn hôm nay"), "1");
    assert_eq!(card(b, "Tiếp nhận trong kỳ"), "3");
    assert_eq!(card(b, "Đã giải quyết"), "1");
    assert_eq!(card(b, "Đang giải quyết"), "2");
    assert_eq!(card(b, "Tỷ lệ đúng hạn"), "100,00%");
    assert!(b.contains("1 / 1 hồ sơ đã giải quyết"));
    let report = "/can-bo/bao-cao?loai=khoang&amp;tu=2026-11-01&amp;den=2026-11-30&amp;don_vi=T01";
    assert!(b.contains(&format!("href=\"{report}\"")), "{b}");
    assert!(b.contains("href=\"/can-bo/chi-so-766?loai=thang&amp;nam=2026&amp;thang=11"));
    assert!(b.contains("href=\"/api/v1/reports/dashboard?period=calendar-month:2026-11\""));

    // Twelve calendar months up to November, oldest first.
    assert!(b.find(">12/2025<").unwrap() < b.find(">11/2026<").unwrap());
    assert!(!b.contains(">11/2025<"));
    assert_eq!(
        row(b, "bang-xu-huong", "11/2026"),
        ["0", "3", "3", "1", "0", "0", "1", "100,00%"]
    );
    assert_eq!(
        row(b, "bang-xu-huong", "10/2026"),
        ["0", "0", "0", "0", "0", "0", "0", "Không phát sinh"]
    );

    // By field.
    assert_eq!(
        row(b, "bang-linh-vuc", "Hộ tịch"),
        ["2", "1", "1", "0", "1", "1", "100,00%"]
    );
    assert_eq!(
        row(b, "bang-linh-vuc", "Xây dựng"),
        ["1", "0", "0", "0", "1", "0", "Không phát sinh"]
    );

    // Ranking of the three child units; ward one's figures (the permit is the department's),
    // linked to its own dashboard.
    let cells = row(b, "bang-xep-hang", "Ủy ban nhân dân phường Một");
    assert_eq!(cells[1..5], ["2", "1", "1", "100,00%"], "{cells:?}");
    let cells = row(b, "bang-xep-hang", "Sở Xây dựng");
    assert_eq!(cells[1..5], ["1", "0", "0", "Không phát sinh"], "{cells:?}");
    let link = "/can-bo/tong-quan?loai=thang&amp;nam=2026&amp;thang=11&amp;quy=4\
                &amp;tu=2026-11-01&amp;den=2026-11-30&amp;don_vi=T01.W1";
    assert!(b.contains(&format!("<a href=\"{link}\">")), "{b}");
    assert!(b.contains("Ủy ban nhân dân phường Hai"));
    assert!(b.contains("Sở Xây dựng"));
    // Ward two received nothing: its catalogue-only points do not rank it above ward one.
    let table = &b[b.find("id=\"bang-xep-hang\"").unwrap()..];
    assert!(
        table.find("phường Một").unwrap() < table.find("phường Hai").unwrap(),
        "{}",
        &table[..table.find("</table>").unwrap()]
    );

    // The 766 groups: as many table rows as groups, each with its points out of its maximum.
    let d = site
        .f
        .app
        .dashboard(
            &site.f.caller(Role::Cchc, PROVINCE),
            motcua_domain::stats::Period::calendar_month(2026, 11).unwrap(),
            None,
        )
        .await
        .unwrap();
    assert!(!d.index.groups.is_empty());
    for g in &d.index.groups {
        let head = format!("{} ({})", g.group.label_vi(), g.group.code());
        let cells = row(b, "bang-nhom-766", &head);
        let points = motcua_domain::stats::format::points;
        assert_eq!(
            cells,
            [
                points(g.points),
                points(g.counted_max),
                points(g.max_points)
            ]
        );
    }

    // Charts: SVG images with a title, drawn on the server, one per figure at least.
    assert!(b.matches("<svg ").count() >= 6, "{b}");
    assert!(b.contains("role=\"img\" aria-label=\"Hồ sơ đã giải quyết theo tháng\""));
    assert!(b.contains("<title>Hồ sơ đã giải quyết theo tháng</title>"));
    assert!(b.contains("<title>Hộ tịch: 2</title>"), "a bar per field");
    assert!(b.contains("<figcaption>"));
    assert!(!b.contains("&lt;svg"), "the charts are not escaped twice");
}

#[tokio::test]
async fn the_dashboard_of_a_ward_has_no_ranking_and_counts_its_own_dossiers_only() {
    let site = Site::new().await;
    three_dossiers(&site).await;
    let s = site.login(Role::LanhDao, PROVINCE).await;
    let page = site
        .get(&format!("{NOVEMBER}&don_vi=T01.W2"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(b.contains("<option value=\"T01.W2\" selected>"));
    assert_eq!(card(b, "Tiếp nhận trong kỳ"), "0");
    assert_eq!(card(b, "Quá hạn hiện nay"), "0");
    assert_eq!(card(b, "Tỷ lệ đúng hạn"), "Không phát sinh");
    assert!(b.contains("Ủy ban nhân dân phường Hai không có đơn vị trực thuộc."));
    assert!(!b.contains("id=\"bang-xep-hang\""));
    assert!(b.contains("Không có hồ sơ trong kỳ."));
    assert!(b.contains("Không có số liệu"), "an empty chart says so");
}

#[tokio::test]
async fn the_dashboard_is_refused_without_a_report_role_or_outside_the_subtree() {
    let site = Site::new().await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let home = site.get("/can-bo", Some(&desk)).await;
    assert!(!home.body.contains("/can-bo/tong-quan"), "no menu entry");
    let page = site.get("/can-bo/tong-quan", Some(&desk)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("xem báo cáo"), "{}", page.body);

    let leader = site.login(Role::LanhDao, WARD1).await;
    let own = site.get("/can-bo/tong-quan", Some(&leader)).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    for unit in ["T01", "T01.W2"] {
        let page = site
            .get(&format!("/can-bo/tong-quan?don_vi={unit}"), Some(&leader))
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{unit}");
        assert!(page.body.contains("xem báo cáo"), "{}", page.body);
    }
    let page = site.get("/can-bo/tong-quan", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_bad_period_or_unit_is_a_400_page_in_vietnamese() {
    let site = Site::new().await;
    let s = site.login(Role::Cchc, PROVINCE).await;
    for (query, message) in [
        ("loai=thang&thang=13", "Kỳ báo cáo không hợp lệ"),
        ("loai=thang&nam=abc", "«abc» không phải là số"),
        (
            "loai=khoang&tu=2026-12-01&den=2026-11-01",
            "Kỳ báo cáo không hợp lệ",
        ),
        ("don_vi=%3Cb%3E", "Kỳ báo cáo không hợp lệ"),
    ] {
        let page = site
            .get(&format!("/can-bo/tong-quan?{query}"), Some(&s))
            .await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            page.body
        );
        assert!(page.body.contains(message), "{query}: {}", page.body);
        assert!(!page.body.contains("<b>"), "escaped");
    }
}

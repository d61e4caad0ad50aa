//! Scope of intake, assignment, calendars and idempotency keys (issue: foundations), on both
//! databases: each case is refused on what the caller may not touch, with a clear message.

use chrono::NaiveDate;
use motcua_app::CalendarChange;
use motcua_app::idempotency::{Channel as KeyChannel, ClientKey};
use motcua_domain::calendar::{CalendarOverride, DayKind};
use motcua_domain::dossier::Action;
use motcua_domain::org::Role;
use motcua_testkit::desk_request as request;
use motcua_testkit::{BUILDING, Backend, DEPARTMENT, MARRIAGE, PROVINCE, WARD1, WARD2, fixture};

fn key(channel: KeyChannel, k: &str) -> Option<ClientKey> {
    Some(ClientKey::parse(channel, k).unwrap())
}

async fn competent_units_follow_the_catalogue(backend: Backend) {
    let f = fixture(backend).await;
    let desk = f.caller(Role::TiepNhan, WARD1);
    // A commune procedure received at ward 1, done regardless of residence: ward 2 may decide,
    // the department may not.
    let err = f
        .app
        .intake(&desk, request(MARRIAGE, Some(DEPARTMENT), "An"), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "competent_unit_not_allowed");
    assert!(err.to_string().contains(WARD2), "{err}");
    let ok = f
        .app
        .intake(&desk, request(MARRIAGE, Some(WARD2), "Bình"), None)
        .await
        .unwrap();
    assert_eq!(ok.dossier.facts.competent_unit.as_str(), WARD2);
    // The provincial procedure: the department, never the ward itself.
    let err = f
        .app
        .intake(&desk, request(BUILDING, Some(WARD1), "Cường"), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "competent_unit_not_allowed");
    let choices = f.app.intake_choices(&desk).await.unwrap();
    let codes: Vec<&str> = choices.competent.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, [PROVINCE, DEPARTMENT, WARD1, WARD2]);
    assert_eq!(choices.receiving.len(), 1);
}

async fn steps_go_only_to_people_of_the_holding_unit(backend: Backend) {
    let f = fixture(backend).await;
    let desk = f.caller(Role::TiepNhan, WARD1);
    let leader = f.caller(Role::LanhDao, WARD1);
    let d = f
        .app
        .intake(&desk, request(MARRIAGE, None, "Dũng"), None)
        .await
        .unwrap();
    let code = d.dossier.code.as_str();
    let people = f.app.assignees(&leader, code, false).await.unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.username.as_str()).collect();
    assert_eq!(names, ["chuyen_vien.t01", "chuyen_vien.w1"]);
    // Another ward's specialist and a name that does not exist get the same answer.
    for to in ["chuyen_vien.w2", "khong_ton_tai"] {
        let err = f
            .app
            .act(
                &leader,
                code,
                f.version(code).await,
                Action::Assign { to: to.into() },
            )
            .await
            .unwrap_err();
        assert_eq!(err.code(), "assignee_not_allowed", "{to}");
        assert!(!err.to_string().contains(to), "{err}");
    }
    let ok = f
        .app
        .act(
            &leader,
            code,
            f.version(code).await,
            Action::Assign {
                to: "chuyen_vien.w1".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        ok.dossier.steps[0].assignee.as_deref(),
        Some("chuyen_vien.w1")
    );
}

fn day(calendar: &str, y: i32, m: u32, d: u32) -> CalendarChange {
    CalendarChange {
        calendar: calendar.into(),
        day: CalendarOverride {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            kind: DayKind::Holiday,
            reason: "Nghỉ bổ sung".into(),
            reference: "Công văn 1/VPCP".into(),
        },
    }
}

async fn a_calendar_is_changed_only_by_its_units_administrator(backend: Backend) {
    let f = fixture(backend).await;
    let ward_admin = f.caller(Role::QuanTri, WARD1);
    let err = f
        .app
        .change_calendar_day(&ward_admin, day("ccvc", 2026, 11, 27))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let admin = f.caller(Role::QuanTri, PROVINCE);
    let err = f
        .app
        .change_calendar_day(&admin, day("khong-co", 2026, 11, 27))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unknown_calendar");
    let err = f
        .app
        .change_calendar_day(&admin, day("ccvc", 0, 1, 1))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "date_out_of_range");
    assert!(f.store.calendar_overrides("ccvc").await.unwrap().is_empty());
    f.app
        .change_calendar_day(&admin, day("ccvc", 2026, 11, 27))
        .await
        .unwrap();
    assert_eq!(f.store.calendar_overrides("ccvc").await.unwrap().len(), 1);
}

async fn idempotency_keys_are_per_user_channel_and_request(backend: Backend) {
    let f = fixture(backend).await;
    let w1 = f.caller(Role::TiepNhan, WARD1);
    let w2 = f.caller(Role::TiepNhan, WARD2);
    let first = f
        .app
        .intake(
            &w1,
            request(MARRIAGE, None, "Giang"),
            key(KeyChannel::Api, "k-1"),
        )
        .await
        .unwrap();
    // The same user and request again: the same dossier.
    let again = f
        .app
        .intake(
            &w1,
            request(MARRIAGE, None, "Giang"),
            key(KeyChannel::Api, "k-1"),
        )
        .await
        .unwrap();
    assert_eq!(again.dossier.code, first.dossier.code);
    // Another user with the same key: their own new dossier, never the first user's.
    let other = f
        .app
        .intake(
            &w2,
            request(MARRIAGE, None, "Hà"),
            key(KeyChannel::Api, "k-1"),
        )
        .await
        .unwrap();
    assert_ne!(other.dossier.code, first.dossier.code);
    assert_eq!(other.dossier.facts.applicant.name, "Hà");
    // The same user, the same key on the pages: another channel, another dossier.
    let page = f
        .app
        .intake(
            &w1,
            request(MARRIAGE, None, "Khánh"),
            key(KeyChannel::Page, "k-1"),
        )
        .await
        .unwrap();
    assert_ne!(page.dossier.code, first.dossier.code);
    // The same key with another request is refused; nothing is created.
    let err = f
        .app
        .intake(
            &w1,
            request(MARRIAGE, None, "Lan"),
            key(KeyChannel::Api, "k-1"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "idempotency_key_reused");
    assert_eq!(f.store.count_dossiers().await.unwrap(), 3);
    // Keys older than a day are purged.
    let purged = f
        .store
        .purge_idempotency_keys(f.now() + chrono::Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(purged, 3);
}

#[tokio::test]
async fn scope_sqlite() {
    competent_units_follow_the_catalogue(Backend::Sqlite).await;
    steps_go_only_to_people_of_the_holding_unit(Backend::Sqlite).await;
    a_calendar_is_changed_only_by_its_units_administrator(Backend::Sqlite).await;
    idempotency_keys_are_per_user_channel_and_request(Backend::Sqlite).await;
}

#[tokio::test]
async fn scope_postgres() {
    competent_units_follow_the_catalogue(Backend::Postgres).await;
    steps_go_only_to_people_of_the_holding_unit(Backend::Postgres).await;
    a_calendar_is_changed_only_by_its_units_administrator(Backend::Postgres).await;
    idempotency_keys_are_per_user_channel_and_request(Backend::Postgres).await;
}

#[test]
fn keys_are_printable_ascii_of_bounded_length() {
    assert!(ClientKey::parse(KeyChannel::Api, "a").is_ok());
    assert!(ClientKey::parse(KeyChannel::Api, "a b").is_ok());
    assert!(ClientKey::parse(KeyChannel::Api, &"a".repeat(200)).is_ok());
    assert!(ClientKey::parse(KeyChannel::Api, &"a".repeat(201)).is_err());
    assert!(ClientKey::parse(KeyChannel::Api, "").is_err());
    assert!(ClientKey::parse(KeyChannel::Api, " a").is_err());
    assert!(ClientKey::parse(KeyChannel::Api, "khóa").is_err());
}

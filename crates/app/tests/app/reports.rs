//! Reports over the fixture's units, from dossiers made through the use cases: who may read
//! them, which unit a dossier counts for, the 13 columns, the register and the 766 index.

use chrono::{Duration, NaiveDate};
use motcua_app::{App, AppError, Caller, FieldRows, IntakeRequest};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::classify::TimeClass;
use motcua_domain::dossier::{Action, Applicant, Channel, ReturnMethod, Status};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Role;
use motcua_domain::stats::{IndicatorId, Period};
use motcua_testkit::{
    BUILDING, Backend, DEPARTMENT, Fixture, MARRIAGE, PROVINCE, WARD1, WARD2, fixture,
};

fn code(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

fn request(procedure: &str, competent: Option<&str>, name: &str) -> IntakeRequest {
    IntakeRequest {
        procedure_code: procedure.into(),
        receiving_unit: None,
        competent_unit: competent.map(code),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: name.into(),
            id_number: None,
            phone: Some("0912345678".into()),
            email: None,
            address: Some("12 Trần Hưng Đạo".into()),
        },
        channel: Channel::Desk,
        return_method: ReturnMethod::Desk,
        digitised: false,
        reused_data: false,
        paid_at_desk: false,
    }
}

fn resolve(file: Option<&str>) -> Action {
    Action::Resolve {
        approved: true,
        reasons: String::new(),
        result_file: file.map(str::to_owned),
    }
}

/// Tháng 12/2026 (15/11 – 14/12/2026). Three dossiers received at ward one on 25/11 09:00:
/// two marriages for the ward (one resolved early on 27/11 with an electronic result, one left
/// open, due 30/11 09:00) and a building permit for the department, resolved late on 03/12.
/// The clock ends at 03/12/2026 10:00. Returns the codes in order.
async fn three_dossiers(f: &Fixture) -> [String; 3] {
    let desk = f.caller(Role::TiepNhan, WARD1);
    let mut codes = Vec::new();
    for (procedure, competent, name) in [
        (MARRIAGE, None, "Nguyễn Văn An"),
        (MARRIAGE, None, "Trần Thị Bình"),
        (BUILDING, Some(DEPARTMENT), "Lê Văn Cường"),
    ] {
        let view = f
            .app
            .intake(&desk, request(procedure, competent, name), None)
            .await
            .unwrap();
        codes.push(view.dossier.code.to_string());
    }
    f.advance(Duration::days(2));
    let ward_leader = f.caller(Role::LanhDao, WARD1);
    f.app
        .act(
            &ward_leader,
            &codes[0],
            f.version(&codes[0]).await,
            resolve(Some("kq.pdf")),
        )
        .await
        .unwrap();
    f.set_now(at(12, 3, 10));
    let dept_leader = f.caller(Role::LanhDao, DEPARTMENT);
    f.app
        .act(
            &dept_leader,
            &codes[2],
            f.version(&codes[2]).await,
            resolve(None),
        )
        .await
        .unwrap();
    [codes[0].clone(), codes[1].clone(), codes[2].clone()]
}

fn at(m: u32, d: u32, h: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn december() -> Period {
    Period::month(2026, 12).unwrap()
}

async fn reports_count_each_dossier_for_its_competent_unit(backend: Backend) {
    let f = fixture(backend).await;
    let [early, open, late] = three_dossiers(&f).await;
    let cchc = f.caller(Role::Cchc, PROVINCE);
    let r = f.app.report_tthc(&cchc, december(), None).await.unwrap();
    assert_eq!(r.unit.code.as_str(), PROVINCE);
    let order: Vec<&str> = r.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(order, [PROVINCE, DEPARTMENT, WARD1, WARD2]);
    // 3 received at the desk = 2 resolved (early, late) + 1 open and overdue at the end.
    assert_eq!(r.report.total.row(), [3, 0, 3, 0, 2, 1, 0, 1, 1, 0, 1]);
    assert_eq!(r.report.unit(0).row(), [0; 11]);
    assert_eq!(r.report.unit(1).row(), [1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0]);
    assert_eq!(r.report.unit(2).row(), [2, 0, 2, 0, 1, 1, 0, 0, 1, 0, 1]);
    assert_eq!(r.fields, ["Hộ tịch", "Xây dựng"]);
    assert_eq!(r.report.field(1).resolved_total(), 1);
    // Column 6 of January is column 11 of December.
    let january = f
        .app
        .report_tthc(
            &motcua_app::Caller::operator("kiem-thu"),
            Period::month(2027, 1).unwrap(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(january.report.total.carried_over, 1);

    // The register is the desk's book: all three are ward one's, none the department's.
    let ward = f.caller(Role::LanhDao, WARD1);
    let book = f.app.register(&ward, december(), None).await.unwrap();
    let rows: Vec<(&str, Status, TimeClass)> = book
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.status, r.time_class))
        .collect();
    assert_eq!(
        rows,
        [
            (early.as_str(), Status::Resolved, TimeClass::Early),
            (open.as_str(), Status::Received, TimeClass::Overdue),
            (late.as_str(), Status::Resolved, TimeClass::Late),
        ]
    );
    assert_eq!(
        book.as_of,
        at(12, 3, 10),
        "now, before the end of the period"
    );
    assert_eq!(book.rows[2].competent_unit, "Sở Xây dựng");
    assert_eq!(book.rows[0].contact, "12 Trần Hưng Đạo, 0912345678");
    let dept = f.caller(Role::LanhDao, DEPARTMENT);
    let book = f.app.register(&dept, december(), None).await.unwrap();
    assert!(book.rows.is_empty());

    // Decision 766: 2.1 keeps only the early one; 4.1 one electronic result of two ended.
    let x = f.app.index766(&cchc, december(), None).await.unwrap();
    let on_time = x.index.indicator(IndicatorId::OnTime).unwrap();
    assert_eq!((on_time.numerator, on_time.denominator), (1, 3));
    let mut lost: Vec<&str> = x
        .losers_of(IndicatorId::OnTime)
        .map(|c| c.as_str())
        .collect();
    lost.sort_unstable();
    assert_eq!(lost, [open.as_str(), late.as_str()]);
    let e = x.index.indicator(IndicatorId::EResult).unwrap();
    assert_eq!((e.numerator, e.denominator), (1, 2));
    let online = x.index.indicator(IndicatorId::ProceduresOnline).unwrap();
    assert_eq!((online.numerator, online.denominator), (3, 3));
    let fees = x.index.indicator(IndicatorId::FeeProceduresOnline).unwrap();
    assert_eq!((fees.numerator, fees.denominator), (0, 2));

    // 1.3: every procedure of the fixture has all its parts; one entered without its
    // components does not.
    let complete = x.index.indicator(IndicatorId::CompleteComponents).unwrap();
    assert_eq!((complete.numerator, complete.denominator), (3, 3));
    let mut spec = f.store.procedures().await.unwrap()[0].spec.clone();
    spec.code = motcua_domain::ids::ProcedureCode::parse("1.999001").unwrap();
    spec.components.clear();
    f.store.import_procedures(&[spec]).await.unwrap();
    let x = f.app.index766(&cchc, december(), None).await.unwrap();
    let complete = x.index.indicator(IndicatorId::CompleteComponents).unwrap();
    assert_eq!((complete.numerator, complete.denominator), (3, 4));
    assert_eq!(complete.rate_vi(), "75,00%");
}

#[tokio::test]
async fn reports_on_sqlite() {
    reports_count_each_dossier_for_its_competent_unit(Backend::Sqlite).await;
}

#[tokio::test]
async fn reports_on_postgres() {
    reports_count_each_dossier_for_its_competent_unit(Backend::Postgres).await;
}

/// The fields under each unit (docs/rules.md §8.6): each unit's own dossiers by field, adding
/// up to the unit's row; the whole tree's field rows stay as they are.
async fn fields_under_each_unit_add_up_to_its_row(backend: Backend) {
    let f = fixture(backend).await;
    three_dossiers(&f).await;
    let cchc = f.caller(Role::Cchc, PROVINCE);
    let plain = f.app.report_tthc(&cchc, december(), None).await.unwrap();
    assert!(plain.unit_fields.is_empty());
    let r = f
        .app
        .report_tthc_with(&cchc, december(), None, FieldRows::UnderEachUnit)
        .await
        .unwrap();
    assert_eq!(r.report, plain.report);
    // Units by index: the department (1) has its building permit under Xây dựng (field 1), ward
    // one (2) its two marriages under Hộ tịch (field 0); the others have none.
    type Rows = Vec<(u32, [u64; 11])>;
    let listed: Vec<(u32, Rows)> = r
        .unit_fields
        .iter()
        .map(|(u, rows)| (*u, rows.iter().map(|(f, c)| (*f, c.row())).collect()))
        .collect();
    assert_eq!(
        listed,
        [
            (1, vec![(1, [1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0])]),
            (2, vec![(0, [2, 0, 2, 0, 1, 1, 0, 0, 1, 0, 1])]),
        ]
    );
    for (u, rows) in &r.unit_fields {
        let mut sum = motcua_domain::stats::Columns::default();
        for (_, c) in rows {
            sum.add(c);
        }
        assert_eq!(sum, r.report.unit(*u));
    }
}

#[tokio::test]
async fn fields_under_each_unit_on_sqlite() {
    fields_under_each_unit_add_up_to_its_row(Backend::Sqlite).await;
}

#[tokio::test]
async fn fields_under_each_unit_on_postgres() {
    fields_under_each_unit_add_up_to_its_row(Backend::Postgres).await;
}

async fn scope_of(app: &App, actor: &Caller, unit: Option<&str>) -> Result<Vec<String>, AppError> {
    let s = app.report_scope(actor, unit.map(code)).await?;
    Ok(s.units.iter().map(|u| u.code.to_string()).collect())
}

#[tokio::test]
async fn only_report_roles_read_reports_and_only_over_their_subtree() {
    let f = fixture(Backend::Sqlite).await;
    let leader = f.caller(Role::LanhDao, WARD1);
    assert_eq!(scope_of(&f.app, &leader, None).await.unwrap(), [WARD1]);
    for unit in [PROVINCE, WARD2] {
        let e = scope_of(&f.app, &leader, Some(unit)).await.unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "{unit}: {e:?}");
    }
    for role in [Role::Cchc, Role::KiemSoatTthc, Role::QuanTri, Role::LanhDao] {
        let actor = f.caller(role, PROVINCE);
        assert_eq!(
            scope_of(&f.app, &actor, None).await.unwrap(),
            [PROVINCE, DEPARTMENT, WARD1, WARD2],
            "{role:?}"
        );
        assert_eq!(
            scope_of(&f.app, &actor, Some(WARD2)).await.unwrap(),
            [WARD2]
        );
    }
    for role in [Role::TiepNhan, Role::ChuyenVien, Role::VanThu] {
        let e = scope_of(&f.app, &f.caller(role, PROVINCE), None)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "{role:?}");
        let e = f
            .app
            .report_tthc(&f.caller(role, WARD1), december(), None)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "{role:?}");
    }
    // From the command line: every unit, the root by default.
    assert_eq!(
        scope_of(&f.app, &f.operator(), None).await.unwrap().len(),
        4
    );
    let e = scope_of(&f.app, &f.operator(), Some("T01.X9"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "unknown_unit");
    let units = f.app.report_units(&leader).await.unwrap();
    assert_eq!(units.len(), 1);
}

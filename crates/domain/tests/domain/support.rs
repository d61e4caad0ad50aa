//! Shared helpers.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::catalogue::{
    ApplicantType, OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureStatus, ProcedureVersion,
    Publication, Step,
};
use motcua_domain::deadline::{DeadlineEngine, TimeLimit};
use motcua_domain::ids::ProcedureCode;
use motcua_domain::org::Role;
use std::sync::LazyLock;

pub static CCVC: LazyLock<WorkCalendar> = LazyLock::new(WorkCalendar::ccvc);
pub static HOURS: LazyLock<OfficeHours> = LazyLock::new(OfficeHours::default);

pub fn engine() -> DeadlineEngine<'static> {
    DeadlineEngine::new(&CCVC, &HOURS)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

pub fn working_days(amount: u32) -> TimeLimit {
    TimeLimit::WorkingDays { amount }
}

pub fn rfc(t: NaiveDateTime) -> String {
    motcua_domain::time::rfc3339(t)
}

/// A marriage-status certificate procedure of `days` working days, with a fee of `fee` đồng
/// (two steps, no components listed).
pub fn procedure(days: u32, fee: u64, payment_pause: bool) -> ProcedureVersion {
    let budget = days * 450;
    ProcedureVersion {
        version: 1,
        status: ProcedureStatus::Active,
        spec: ProcedureSpec {
            code: ProcedureCode::parse("1.004873").unwrap(),
            name: "Cấp Giấy xác nhận tình trạng hôn nhân".into(),
            field: "Hộ tịch".into(),
            level: ProcedureLevel::Commune,
            legal_bases: vec![],
            decision: Publication {
                number: "1/QĐ-UBND".into(),
                date: at(2025, 7, 1, 0, 0).date(),
            },
            effective_from: at(2025, 7, 1, 0, 0).date(),
            time_limit: TimeLimit::WorkingDays { amount: days },
            published_time_limit: None,
            components: vec![],
            applicant_types: vec![ApplicantType::Citizen],
            fees: vec![motcua_domain::catalogue::Fee {
                name: "Lệ phí".into(),
                amount: fee,
                basis: String::new(),
                exemptions: String::new(),
            }],
            result: "Giấy xác nhận".into(),
            result_kind: motcua_domain::catalogue::ResultKind::Document,
            online_level: OnlineLevel::Full,
            regardless_of_residence: true,
            payment_pause_allowed: payment_pause,
            steps: vec![
                Step {
                    name: "Thẩm định".into(),
                    role: Role::ChuyenVien,
                    budget_minutes: budget - 90,
                },
                Step {
                    name: "Ký duyệt".into(),
                    role: Role::LanhDao,
                    budget_minutes: 90,
                },
            ],
        },
    }
}

//! Fixtures: a province with a department and a ward, real-looking figures (also used by the
//! benchmark).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use motcua_domain::classify::TimeClass;
use motcua_domain::dossier::{Channel, Status};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::{Unit, UnitKind};
use motcua_domain::stats::{
    CatalogueFacts, Columns, Figures, Fraction, Index766, IndexWeights, IndicatorId, Period,
    Record, Report, Source, losers,
};
use motcua_report::{IndexReport, Register, RegisterRow, TthcReport};

/// The name of the reporting unit in every fixture.
pub const PROVINCE: &str = "Ủy ban nhân dân tỉnh Thử Nghiệm";

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn unit(code: &str, name: &str, parent: Option<&str>) -> Unit {
    let parse = |c: &str| UnitCode::parse(c).unwrap();
    let mut path: Vec<UnitCode> = parent.iter().map(|p| parse(p)).collect();
    path.push(parse(code));
    Unit {
        code: parse(code),
        name: name.into(),
        kind: if parent.is_some() {
            UnitKind::Ward
        } else {
            UnitKind::Province
        },
        parent: parent.map(parse),
        path,
        calendar: "ccvc".into(),
        office_hours: String::new(),
        valid_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        valid_to: None,
        successor: None,
        address: String::new(),
        phone: String::new(),
    }
}

/// The province, its department of construction and its first ward.
fn units(province: &str) -> Vec<Unit> {
    vec![
        unit("T01", province, None),
        unit("T01.S1", "Sở Xây dựng", Some("T01")),
        unit("T01.W1", "Phường Hoàn Kiếm", Some("T01")),
    ]
}

/// Tháng 11/2026: 15/10/2026 – 14/11/2026.
fn period() -> Period {
    Period::month(2026, 11).unwrap()
}

fn columns(online: u64, direct: u64, carried: u64, early: u64, late: u64, overdue: u64) -> Columns {
    let ended = early + late;
    let open = online + direct + carried - ended - overdue;
    Columns {
        received_online: online,
        received_direct: direct,
        carried_over: carried,
        early,
        on_time: 0,
        late,
        not_due: open,
        overdue,
    }
}

fn fraction(numerator: u64, denominator: u64) -> Fraction {
    Fraction {
        numerator,
        denominator,
    }
}

/// 1.049 dossiers received online by the ward, 12.345 at the department's desk; 1.049 of 1.265
/// fee-bearing dossiers paid online (82,92%), 27.367.024 đồng.
pub fn tthc(province: &str) -> TthcReport {
    let department = columns(0, 12_345, 210, 9_876, 321, 45);
    let ward = columns(1_049, 38, 7, 1_002, 3, 2);
    let mut total = department;
    total += &ward;
    TthcReport {
        unit: units(province)[0].clone(),
        units: units(province),
        fields: vec!["Hộ tịch".into(), "Xây dựng".into()],
        unit_fields: Vec::new(),
        report: Report {
            period: period(),
            total,
            units: vec![(1, department), (2, ward)],
            fields: vec![(0, ward), (1, department)],
        },
        figures: Figures {
            online: fraction(1_049, 13_432),
            paid_online: fraction(1_049, 1_265),
            paid_online_vnd: 27_367_024,
            ..Figures::default()
        },
    }
}

/// 1.049 of 1.265 procedures online (82,92%), and a few dossiers of the ward.
pub fn index766(province: &str) -> IndexReport {
    let records: Vec<Record> = (0..6)
        .map(|i| Record {
            due: Some(at(10, 20, 17)),
            ended: Some(at(10, 20 + i / 4, 9)),
            online: i % 2 == 0,
            ..Record::received_at(2, 0, at(10, 16, 9))
        })
        .collect();
    let catalogue = CatalogueFacts {
        procedures_total: 1_265,
        procedures_online: 1_049,
        procedures_online_used: 700,
        ..CatalogueFacts::default()
    };
    let index = Index766::compute(period(), &records, &catalogue, &IndexWeights::default());
    let codes = (1..=records.len())
        .map(|i| DossierCode::parse(&format!("T01.W1-261016-{i:04}")).unwrap())
        .collect();
    let losers = IndicatorId::ALL
        .into_iter()
        .filter(|id| id.source() == Source::Records)
        .map(|id| (id, losers(&period(), &records, id)))
        .collect();
    IndexReport {
        unit: units(province)[0].clone(),
        index,
        codes,
        losers,
    }
}

/// `n` dossiers received by the ward from 15/10/2026 on, one every three hours.
pub fn register(province: &str, n: usize) -> Register {
    let rows = (0..n)
        .map(|i| {
            let received = at(10, 15, 8) + Duration::hours(3 * i as i64);
            RegisterRow {
                code: DossierCode::parse(&format!("T01.W1-261015-{:04}", i + 1)).unwrap(),
                procedure_code: ProcedureCode::parse("1.001193").unwrap(),
                procedure_name: "Thủ tục đăng ký khai sinh".into(),
                applicant: format!("Nguyễn Thị Ánh Tuyết {}", i + 1),
                contact: "Số 8 phố Lò Sũ, phường Hoàn Kiếm; 0912 345 678".into(),
                competent_unit: "Phường Hoàn Kiếm".into(),
                channel: if i % 2 == 0 {
                    Channel::Desk
                } else {
                    Channel::Post
                },
                received_at: received,
                due_at: Some(received + Duration::days(3)),
                ended_at: (i % 3 != 0).then(|| received + Duration::days(2)),
                returned_at: None,
                status: if i % 3 == 0 {
                    Status::Received
                } else {
                    Status::Resolved
                },
                time_class: if i % 3 == 0 {
                    TimeClass::Overdue
                } else {
                    TimeClass::Early
                },
                apology: None,
                handed_over_at: None,
                rule_version: "118/2025/NĐ-CP".into(),
            }
        })
        .collect();
    Register {
        unit: units(province)[0].clone(),
        period: period(),
        as_of: at(11, 14, 23),
        rows,
    }
}

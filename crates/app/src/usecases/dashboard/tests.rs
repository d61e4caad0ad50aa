//! The dashboard's rules on small data.

use super::ranking::{Slice, Used, ranking};
use super::*;
use chrono::NaiveDate;
use motcua_domain::ids::ProcedureCode;
use motcua_domain::org::UnitKind;

fn unit(code: &str, kind: UnitKind, parent: Option<&Unit>) -> Unit {
    let code = UnitCode::parse(code).unwrap();
    let mut path = parent.map(|p| p.path.clone()).unwrap_or_default();
    path.push(code.clone());
    Unit {
        code,
        name: format!("Đơn vị {}", path.len()),
        kind,
        parent: parent.map(|p| p.code.clone()),
        path,
        calendar: "ccvc".into(),
        office_hours: "07:30-11:30,13:30-17:00".into(),
        valid_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        valid_to: None,
        successor: None,
        address: String::new(),
        phone: String::new(),
    }
}

/// A commune-level procedure in force, offered online.
fn procedure() -> ProcedureVersion {
    serde_json::from_value(serde_json::json!({
        "version": 1, "status": "active",
        "code": "1.000894", "name": "Đăng ký kết hôn", "field": "Hộ tịch", "level": "commune",
        "legal_bases": ["Luật Hộ tịch 2014"],
        "decision": { "number": "1/QĐ-UBND", "date": "2025-07-01" },
        "effective_from": "2025-07-01",
        "time_limit": { "unit": "working_days", "amount": 3 }, "published_time_limit": null,
        "components": [], "applicant_types": ["citizen"], "fees": [], "result": "Giấy chứng nhận",
        "online_level": "full", "regardless_of_residence": true,
        "payment_pause_allowed": false, "steps": [],
    }))
    .unwrap()
}

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap()
}

/// An idle ward keeps its catalogue points, which score better than a ward that worked and
/// was late every time: the idle one must still come last.
#[test]
fn idle_units_rank_after_every_unit_that_worked() {
    let top = unit("T01", UnitKind::Province, None);
    let idle = unit("T01.W1", UnitKind::Ward, Some(&top));
    let busy = unit("T01.W2", UnitKind::Ward, Some(&top));
    let units = vec![top.clone(), idle.clone(), busy.clone()];
    let code = ProcedureCode::parse("1.000894").unwrap();
    let late = |day| {
        let mut r = Record::received_at(7, 0, at(day, 8));
        r.due = Some(at(day + 1, 8));
        r.ended = Some(at(day + 5, 8));
        r
    };
    let records = [late(2), late(3), late(4)];
    // The busy ward is unit 2 of the scope, numbered 7 in the records; procedure number 0.
    let slices = [Slice {
        unit: 2,
        id: 7,
        records: &records,
        procedures: &[0, 0, 0],
    }];
    let codes = |n: u32| (n == 0).then_some(&code);
    let period = Period::calendar_month(2026, 11).unwrap();
    let report = Report::compute_parts(period, &[&records]);
    let used: Vec<Used> = slices.iter().map(|s| Used::of(s, &period)).collect();
    let weights = IndexWeights::default();
    let procedures = [procedure()];
    let feedback = BTreeMap::new();
    let inputs = Inputs {
        procedures: &procedures,
        feedback: &feedback,
    };
    let ranks = ranking(
        &top, &units, &slices, &used, &codes, &inputs, &report, &weights,
    );
    let order: Vec<&UnitCode> = ranks.iter().map(|r| &r.unit.code).collect();
    assert_eq!(order, [&busy.code, &idle.code]);
    let (busy_rank, idle_rank) = (&ranks[0], &ranks[1]);
    assert_eq!(busy_rank.columns.late, 3);
    assert_eq!(busy_rank.on_time.rate(), Some(0.0));
    assert_eq!(idle_rank.columns.received_total(), 0);
    // Without the rule the idle ward would rank first: it scores better.
    assert!(
        idle_rank.index.normalised() > busy_rank.index.normalised(),
        "idle {} ≤ busy {}",
        idle_rank.index.normalised(),
        busy_rank.index.normalised()
    );
}

/// A small deterministic generator (no dependency for a test).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// The in-place dashboard gives what copying the records gave: the periodic report, the months,
/// the fields, each child's columns and index, and the unit's index, over varied records in
/// three units (the top unit and two wards). Each ward's feedback (PAKN) handled in time counts
/// in its own index and, summed, in the unit's.
#[test]
fn in_place_figures_equal_those_of_copied_records() {
    use crate::usecases::reports::{StatsRecords, catalogue_facts};
    let top = unit("T01", UnitKind::Province, None);
    let w1 = unit("T01.W1", UnitKind::Ward, Some(&top));
    let w2 = unit("T01.W2", UnitKind::Ward, Some(&top));
    let units = vec![top.clone(), w1, w2];
    let codes_table = [
        ProcedureCode::parse("1.000894").unwrap(),
        ProcedureCode::parse("2.000815").unwrap(),
    ];
    let names_table = ["Hộ tịch".to_owned(), "Chứng thực".to_owned()];
    let mut g = Lcg(7);
    let start = at(1, 8) - chrono::Duration::days(90);
    let mut parts: Vec<(Vec<Record>, Vec<u32>)> = vec![Default::default(); 3];
    for (i, part) in parts.iter_mut().enumerate() {
        for _ in 0..300 {
            let received = start + chrono::Duration::hours(g.below(24 * 120) as i64);
            let mut r = Record::received_at(10 + i as u32, g.below(2) as u32, received);
            r.online = g.below(2) == 0;
            r.due = Some(received + chrono::Duration::days(g.below(10) as i64));
            r.ended = (g.below(3) > 0)
                .then(|| received + chrono::Duration::hours(g.below(24 * 15) as i64));
            r.fee_bearing = g.below(2) == 0;
            r.paid_online = r.fee_bearing && g.below(2) == 0;
            part.0.push(r);
            part.1.push(g.below(2) as u32);
        }
    }
    let slices: Vec<Slice<'_>> = parts
        .iter()
        .enumerate()
        .map(|(i, (records, procedures))| Slice {
            unit: i,
            id: 10 + i as u32,
            records,
            procedures,
        })
        .collect();
    let codes = |n: u32| codes_table.get(n as usize);
    let names = |f: u32| names_table.get(f as usize);
    let mut procedure_2 = procedure();
    procedure_2.spec.code = codes_table[1].clone();
    let procedures = [procedure(), procedure_2];
    let period = Period::calendar_month(2026, 11).unwrap();
    let now = at(20, 10);
    let period = period.read_at(now);
    let fraction = |numerator, denominator| Fraction {
        numerator,
        denominator,
    };
    let feedback = BTreeMap::from([
        (units[1].code.clone(), fraction(3, 4)),
        (units[2].code.clone(), fraction(1, 2)),
    ]);
    let inputs = Inputs {
        procedures: &procedures,
        feedback: &feedback,
    };
    let d = compute(
        top.clone(),
        &units,
        &slices,
        &codes,
        &names,
        &inputs,
        period,
        now,
    );

    // The same figures from copies, as the dashboard computed them before.
    let copy = |which: &[usize]| {
        let mut data = StatsRecords::default();
        for &i in which {
            data.records.extend(&parts[i].0);
            data.procedures
                .extend(parts[i].1.iter().map(|&n| codes_table[n as usize].clone()));
        }
        data
    };
    let all = copy(&[0, 1, 2]);
    let weights = IndexWeights::default();
    assert_eq!(d.total, Report::compute(period, &all.records).total);
    for m in &d.months {
        assert_eq!(m.columns, Report::compute(m.period, &all.records).total);
    }
    assert!(d.months.iter().any(|m| m.columns.received_total() > 0));
    let report = Report::compute(period, &all.records);
    let fields: Vec<(String, Columns)> = d
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.columns))
        .collect();
    let mut expected: Vec<(String, Columns)> = report
        .fields
        .iter()
        .map(|(f, c)| (names_table[*f as usize].clone(), *c))
        .collect();
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(fields, expected);
    let facts = CatalogueFacts {
        feedback_on_time: Some(fraction(4, 6)),
        ..catalogue_facts(&procedures, &units, &period, &all)
    };
    assert_eq!(
        d.index,
        Index766::compute(period, &all.records, &facts, &weights)
    );
    assert_eq!(d.ranking.len(), 2);
    for rank in &d.ranking {
        let i = units.iter().position(|u| u.code == rank.unit.code).unwrap();
        let data = copy(&[i]);
        let subtree = [units[i].clone()];
        let facts = CatalogueFacts {
            feedback_on_time: feedback.get(&units[i].code).copied(),
            ..catalogue_facts(&procedures, &subtree, &period, &data)
        };
        assert!(facts.feedback_on_time.is_some());
        assert_eq!(rank.columns, Report::compute(period, &data.records).total);
        assert_eq!(
            rank.index,
            Index766::compute(period, &data.records, &facts, &weights)
        );
    }
}

//! Which units may decide a dossier: the procedure's level and the phi địa giới flag.

use crate::support::procedure;
use chrono::NaiveDate;
use motcua_domain::catalogue::{ProcedureLevel, ProcedureSpec, competent_units};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Unit, UnitKind};

fn unit(code: &str, kind: UnitKind, parent: Option<&str>) -> Unit {
    let mut path = vec![UnitCode::parse("000.00.00.H99").unwrap()];
    if let Some(p) = parent.filter(|p| *p != "000.00.00.H99") {
        path.push(UnitCode::parse(p).unwrap());
    }
    let code = UnitCode::parse(code).unwrap();
    if path.last() != Some(&code) {
        path.push(code.clone());
    }
    Unit {
        code,
        name: String::new(),
        kind,
        parent: parent.map(|p| UnitCode::parse(p).unwrap()),
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

fn province() -> Vec<Unit> {
    vec![
        unit("000.00.00.H99", UnitKind::Province, None),
        unit("000.00.01.H99", UnitKind::Centre, Some("000.00.00.H99")),
        unit("000.00.15.H99", UnitKind::Department, Some("000.00.00.H99")),
        unit("000.20.01.H99", UnitKind::Ward, Some("000.00.00.H99")),
        unit("000.20.02.H99", UnitKind::Ward, Some("000.00.00.H99")),
    ]
}

fn codes(units: &[&Unit]) -> Vec<String> {
    units.iter().map(|u| u.code.to_string()).collect()
}

fn spec(level: ProcedureLevel, anywhere: bool) -> ProcedureSpec {
    let mut spec = procedure(3, 0, false).spec;
    spec.level = level;
    spec.regardless_of_residence = anywhere;
    spec
}

#[test]
fn a_ward_decides_its_own_commune_procedures_unless_done_regardless_of_residence() {
    let units = province();
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let own = competent_units(
        &spec(ProcedureLevel::Commune, false),
        &units[3],
        &units,
        day,
    );
    assert_eq!(codes(&own), ["000.20.01.H99"]);
    let any = competent_units(&spec(ProcedureLevel::Commune, true), &units[3], &units, day);
    assert_eq!(codes(&any), ["000.20.01.H99", "000.20.02.H99"]);
}

#[test]
fn the_centre_receives_provincial_procedures_for_the_departments() {
    let units = province();
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let at_centre = competent_units(
        &spec(ProcedureLevel::Province, false),
        &units[1],
        &units,
        day,
    );
    assert_eq!(codes(&at_centre), ["000.00.00.H99", "000.00.15.H99"]);
    let commune_at_centre = competent_units(
        &spec(ProcedureLevel::Commune, false),
        &units[1],
        &units,
        day,
    );
    assert!(commune_at_centre.is_empty());
}

#[test]
fn a_unit_past_its_last_day_decides_nothing() {
    let mut units = province();
    units[4].valid_to = NaiveDate::from_ymd_opt(2026, 6, 30);
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let any = competent_units(&spec(ProcedureLevel::Commune, true), &units[3], &units, day);
    assert_eq!(codes(&any), ["000.20.01.H99"]);
}

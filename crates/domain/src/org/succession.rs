//! Merged and abolished units (docs/rules.md §2.2): a unit past its last day receives no dossier
//! and names the unit that took over; a successor's reports may include its predecessors'.

use super::Unit;
use crate::format;
use crate::ids::UnitCode;
use chrono::NaiveDate;
use std::fmt;

/// Why a unit refuses intake: it ceased to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitClosed {
    /// The closed unit's name.
    pub name: String,
    /// The first day it no longer exists (the day after its last day).
    pub since: NaiveDate,
    /// The unit that receives instead: the end of the successor chain still open, if any.
    pub successor: Option<(String, UnitCode)>,
}

impl fmt::Display for UnitClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Đơn vị {} đã ngừng hoạt động từ {}; ",
            self.name,
            format::date(self.since)
        )?;
        match &self.successor {
            Some((name, code)) => write!(f, "tiếp nhận tại {name} ({code})"),
            None => write!(f, "không có đơn vị kế thừa tiếp nhận thay"),
        }
    }
}

/// The successor of `unit` in `units`, if it names one that is known.
fn next<'a>(unit: &Unit, units: &'a [Unit]) -> Option<&'a Unit> {
    let code = unit.successor.as_ref()?;
    units.iter().find(|u| &u.code == code)
}

/// Whether `unit` may receive a dossier on `on`: refused once past its last day, naming the first
/// unit of its successor chain still open on that day.
pub fn open_for_intake(unit: &Unit, units: &[Unit], on: NaiveDate) -> Result<(), UnitClosed> {
    let Some(last) = unit.valid_to.filter(|_| unit.closed_on(on)) else {
        return Ok(());
    };
    let mut at = unit;
    let mut successor = None;
    // A chain longer than the organisation loops; stop there.
    for _ in 0..units.len() {
        let Some(s) = next(at, units) else { break };
        if !s.closed_on(on) {
            successor = Some((s.name.clone(), s.code.clone()));
            break;
        }
        at = s;
    }
    Err(UnitClosed {
        name: unit.name.clone(),
        since: last.succ_opt().unwrap_or(last),
        successor,
    })
}

/// The predecessors of `code`: every other unit whose successor chain leads to it, in tree order.
pub fn predecessors<'a>(units: &'a [Unit], code: &UnitCode) -> Vec<&'a Unit> {
    let leads_to = |start: &Unit| {
        let mut at = start;
        for _ in 0..units.len() {
            match next(at, units) {
                Some(s) if &s.code == code => return true,
                Some(s) => at = s,
                None => return false,
            }
        }
        false
    };
    let mut out: Vec<&Unit> = units
        .iter()
        .filter(|u| &u.code != code && leads_to(u))
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::UnitKind;

    fn unit(code: &str, name: &str, to: Option<NaiveDate>, successor: Option<&str>) -> Unit {
        let code = UnitCode::parse(code).unwrap();
        Unit {
            path: vec![code.clone()],
            code,
            name: name.into(),
            kind: UnitKind::Commune,
            parent: None,
            calendar: "ccvc".into(),
            office_hours: String::new(),
            valid_from: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            valid_to: to,
            successor: successor.map(|s| UnitCode::parse(s).unwrap()),
            address: String::new(),
            phone: String::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn merged() -> Vec<Unit> {
        let june = Some(day(2025, 6, 30));
        let dec = Some(day(2025, 12, 31));
        vec![
            unit("X01", "Xã An", june, Some("X02")),
            unit("X02", "Xã Bình", dec, Some("P03")),
            unit("P03", "Phường Ba", None, None),
            unit("X04", "Xã Bốn", june, None),
            unit("X05", "Xã Năm", june, Some("X05")),
        ]
    }

    #[test]
    fn a_closed_unit_refuses_intake_and_names_the_open_end_of_its_chain() {
        let units = merged();
        assert_eq!(open_for_intake(&units[0], &units, day(2025, 6, 30)), Ok(()));
        let err = open_for_intake(&units[0], &units, day(2025, 7, 1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Đơn vị Xã An đã ngừng hoạt động từ 01/07/2025; tiếp nhận tại Xã Bình (X02)"
        );
        let err = open_for_intake(&units[0], &units, day(2026, 1, 1)).unwrap_err();
        assert_eq!(
            err.successor,
            Some(("Phường Ba".into(), UnitCode::parse("P03").unwrap()))
        );
        let err = open_for_intake(&units[3], &units, day(2026, 1, 1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Đơn vị Xã Bốn đã ngừng hoạt động từ 01/07/2025; không có đơn vị kế thừa tiếp nhận thay"
        );
        // A unit naming itself does not loop.
        assert!(open_for_intake(&units[4], &units, day(2026, 1, 1)).is_err());
    }

    #[test]
    fn predecessors_are_the_units_whose_chain_leads_there() {
        let units = merged();
        let codes = |c: &str| -> Vec<String> {
            predecessors(&units, &UnitCode::parse(c).unwrap())
                .iter()
                .map(|u| u.code.to_string())
                .collect()
        };
        assert_eq!(codes("P03"), ["X01", "X02"]);
        assert_eq!(codes("X02"), ["X01"]);
        assert!(codes("X01").is_empty());
        assert!(codes("X05").is_empty());
    }
}

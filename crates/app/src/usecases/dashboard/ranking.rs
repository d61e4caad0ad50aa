//! The ranking of the child units, read in place: each child's columns are the rows of its
//! subtree's units in the period's report, its Decision 766 index is computed over its units'
//! slices of the projection.

use super::{Inputs, UnitRank};
use crate::usecases::feedback::feedback_of;
use crate::usecases::reports::facts_of;
use motcua_domain::catalogue::ProcedureVersion;
use motcua_domain::ids::ProcedureCode;
use motcua_domain::org::Unit;
use motcua_domain::stats::{
    CatalogueFacts, Columns, Index766, IndexWeights, Intake, Period, Record, Report, place,
};
use std::collections::HashSet;

/// The records counted for one unit of the scope, as the projection holds them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slice<'a> {
    /// Index of the unit in the scope.
    pub unit: usize,
    /// Its number in the records (`Record::unit`).
    pub id: u32,
    /// Its records.
    pub records: &'a [Record],
    /// The procedure number of each record.
    pub procedures: &'a [u32],
}

/// The procedures of a slice that had an online dossier received in the period, and those that
/// had a fee paid online (the inputs of [`facts_of`]), by number.
#[derive(Debug, Clone, Default)]
pub(super) struct Used {
    online: HashSet<u32>,
    paid_online: HashSet<u32>,
}

impl Used {
    /// What the records of `s` used in `period`.
    pub fn of(s: &Slice<'_>, period: &Period) -> Used {
        let mut used = Used::default();
        for (r, &n) in s.records.iter().zip(s.procedures) {
            let Some(p) = place(period, r) else { continue };
            if r.online && p.intake != Intake::CarriedOver {
                used.online.insert(n);
            }
            if r.fee_bearing && r.paid_online {
                used.paid_online.insert(n);
            }
        }
        used
    }

    /// The catalogue figures of the units `units` whose slices are `which` of `used`.
    pub fn facts<'a>(
        used: &[Used],
        which: &[usize],
        codes: &dyn Fn(u32) -> Option<&'a ProcedureCode>,
        procedures: &[ProcedureVersion],
        units: &[Unit],
    ) -> CatalogueFacts {
        let (mut online, mut paid_online) = (HashSet::new(), HashSet::new());
        for u in which.iter().filter_map(|&i| used.get(i)) {
            online.extend(u.online.iter().filter_map(|&n| codes(n)));
            paid_online.extend(u.paid_online.iter().filter_map(|&n| codes(n)));
        }
        facts_of(procedures, units, &online, &paid_online)
    }
}

/// The child units of `top`, each with its own subtree's figures; `used` is [`Used::of`] each
/// slice, `report` the period's report over every slice (its rows by `Record::unit`).
///
/// Best Decision 766 score first, then best on-time rate, then code; a unit with no dossier in
/// the period ranks after every unit that worked, whatever its score.
#[allow(clippy::too_many_arguments)]
pub(super) fn ranking<'a>(
    top: &Unit,
    units: &[Unit],
    slices: &[Slice<'a>],
    used: &[Used],
    codes: &dyn Fn(u32) -> Option<&'a ProcedureCode>,
    inputs: &Inputs<'_>,
    report: &Report,
    weights: &IndexWeights,
) -> Vec<UnitRank> {
    let period = report.period;
    let children: Vec<&Unit> = units
        .iter()
        .filter(|u| u.parent.as_ref() == Some(&top.code))
        .collect();
    // The child whose subtree holds a unit of the scope, by the unit's index.
    let depth = top.path.len();
    let child_of = |unit: usize| {
        let code = units.get(unit)?.path.get(depth)?;
        children.iter().position(|c| &c.code == code)
    };
    let mut mine: Vec<Vec<usize>> = vec![Vec::new(); children.len()];
    for (i, s) in slices.iter().enumerate() {
        if let Some(list) = child_of(s.unit).and_then(|c| mine.get_mut(c)) {
            list.push(i);
        }
    }
    let mut ranks: Vec<UnitRank> = children
        .into_iter()
        .zip(mine)
        .map(|(unit, mine)| {
            let subtree: Vec<Unit> = units
                .iter()
                .filter(|u| u.path.contains(&unit.code))
                .cloned()
                .collect();
            let facts = CatalogueFacts {
                feedback_on_time: feedback_of(inputs.feedback, subtree.iter().map(|u| &u.code)),
                ..Used::facts(used, &mine, codes, inputs.procedures, &subtree)
            };
            let mut columns = Columns::default();
            let mut records: Vec<&[Record]> = Vec::with_capacity(mine.len());
            for s in mine.iter().filter_map(|&i| slices.get(i)) {
                columns.add(&report.unit(s.id));
                records.push(s.records);
            }
            UnitRank {
                unit: unit.clone(),
                on_time: columns.on_time_rate(),
                columns,
                index: Index766::compute_parts(period, &records, &facts, weights),
            }
        })
        .collect();
    // A unit with no dossier in the period has only catalogue points: it ranks after every
    // unit that worked, whatever its score.
    let idle = |r: &UnitRank| r.columns.received_total() == 0;
    ranks.sort_by(|a, b| {
        idle(a)
            .cmp(&idle(b))
            .then_with(|| b.index.normalised().total_cmp(&a.index.normalised()))
            .then_with(|| {
                let rate = |r: &UnitRank| r.on_time.rate().unwrap_or(-1.0);
                rate(b).total_cmp(&rate(a))
            })
            .then_with(|| a.unit.code.cmp(&b.unit.code))
    });
    ranks
}

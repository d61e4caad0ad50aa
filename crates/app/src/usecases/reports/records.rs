//! Loading the dossiers of a unit subtree for statistics. Everything the reports read from
//! storage goes through here, so a faster store path (counters, a columnar projection) replaces
//! this one module.

use crate::App;
use crate::error::AppError;
use crate::projection::Part;
use crate::store::{Cursor, DossierQuery, PageSize};
use motcua_domain::catalogue::{OnlineLevel, ProcedureLevel, ProcedureStatus, ProcedureVersion};
use motcua_domain::dossier::Dossier;
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::{Unit, UnitKind};
use motcua_domain::stats::{CatalogueFacts, Intake, Period, Record, place};
use std::collections::{HashMap, HashSet};

/// The received dossiers of a subtree as statistics records, with what identifies each, in
/// parallel vectors so that the domain's functions take `&records` as is.
#[derive(Debug, Clone, Default)]
pub struct StatsRecords {
    /// One record per received dossier. `unit` indexes the subtree's units as given, `field`
    /// indexes `fields`.
    pub records: Vec<Record>,
    /// The dossier code of each record.
    pub codes: Vec<DossierCode>,
    /// The procedure of each record.
    pub procedures: Vec<ProcedureCode>,
    /// Field names (lĩnh vực, as copied from the procedure onto each dossier), sorted.
    pub fields: Vec<String>,
}

impl App {
    /// Calls `f` with every dossier whose receiving, competent or current unit is one of
    /// `units`, whatever its status, a page at a time (keyset on creation instant and code).
    pub(crate) async fn each_dossier(
        &self,
        units: &[Unit],
        mut f: impl FnMut(Dossier),
    ) -> Result<(), AppError> {
        let codes: Vec<UnitCode> = units.iter().map(|u| u.code.clone()).collect();
        let mut after: Option<Cursor> = None;
        loop {
            let query = DossierQuery {
                units: Some(codes.clone()),
                after: after.take(),
                limit: PageSize::new(Some(PageSize::MAX)),
                ..DossierQuery::default()
            };
            let page = self.store.list_dossiers(&query).await?;
            let full = page.len() >= PageSize::MAX as usize;
            after = page.last().map(Cursor::after);
            page.into_iter().for_each(&mut f);
            if !full {
                return Ok(());
            }
        }
    }

    /// The statistics records of the dossiers of `units` (a subtree in the order of its index),
    /// copied from the in-memory projection.
    ///
    /// A dossier counts for its **competent unit** (the unit that decides, cơ quan có thẩm
    /// quyền giải quyết), as Biểu II.06a reports the units that resolve procedures: a dossier
    /// received at a ward desk for a department counts for the department. Dossiers never
    /// received (submitted, refused at intake) are not in the projection.
    pub async fn stats_records(&self, units: &[Unit]) -> Result<StatsRecords, AppError> {
        let p = self.projection().await?;
        let mut out = StatsRecords::default();
        // Fields numbered in name order over the subtree, so that rows and ids are stable.
        let mut names: Vec<(&String, u32)> = Vec::new();
        let parts: Vec<(u32, &Part)> = (0u32..)
            .zip(units)
            .filter_map(|(i, u)| p.part(&u.code).map(|part| (i, part)))
            .collect();
        let mut seen: HashSet<u32> = HashSet::new();
        for (_, part) in &parts {
            for r in &part.records {
                if seen.insert(r.field)
                    && let Some(name) = p.fields.value(r.field)
                {
                    names.push((name, r.field));
                }
            }
        }
        names.sort();
        let local: HashMap<u32, u32> = names
            .iter()
            .zip(0u32..)
            .map(|((_, g), l)| (*g, l))
            .collect();
        let total: usize = parts.iter().map(|(_, part)| part.records.len()).sum();
        out.records.reserve(total);
        out.codes.reserve(total);
        out.procedures.reserve(total);
        for (unit, part) in parts {
            let rows = part.records.iter().zip(&part.codes).zip(&part.procedures);
            for ((r, code), procedure) in rows {
                let Some(procedure) = p.procedures.value(*procedure) else {
                    continue;
                };
                let mut r = *r;
                r.unit = unit;
                r.field = local.get(&r.field).copied().unwrap_or(0);
                out.records.push(r);
                out.codes.push(code.clone());
                out.procedures.push(procedure.clone());
            }
        }
        out.fields = names.into_iter().map(|(name, _)| name.clone()).collect();
        Ok(out)
    }
}

/// The levels of procedure the units of a subtree resolve: the province level for the province,
/// its centre and departments, the commune level for communes and wards; none for a district,
/// which no longer exists under the catalogue of two levels.
fn levels(units: &[Unit]) -> Vec<ProcedureLevel> {
    let mut out = Vec::new();
    for u in units {
        let level = match u.kind {
            UnitKind::Province | UnitKind::Centre | UnitKind::Department => {
                ProcedureLevel::Province
            }
            UnitKind::Commune | UnitKind::Ward => ProcedureLevel::Commune,
            UnitKind::District => continue,
        };
        if !out.contains(&level) {
            out.push(level);
        }
    }
    out
}

/// The catalogue figures of Decision 766 for a subtree and period: the procedures in force at
/// the levels its units resolve (3.1), those with an online service that had an online dossier
/// received in the period (3.2), and the fee-bearing ones (3.5).
///
/// The catalogue does not record which procedures are integrated with online payment; one that
/// had a fee paid online in the period evidently is, so 3.5 counts those (an estimate that can
/// only under-count).
pub fn catalogue_facts(
    procedures: &[ProcedureVersion],
    units: &[Unit],
    period: &Period,
    data: &StatsRecords,
) -> CatalogueFacts {
    let mut used_online: HashSet<&ProcedureCode> = HashSet::new();
    let mut paid_online: HashSet<&ProcedureCode> = HashSet::new();
    for (r, code) in data.records.iter().zip(&data.procedures) {
        let Some(p) = place(period, r) else { continue };
        if r.online && p.intake != Intake::CarriedOver {
            used_online.insert(code);
        }
        if r.fee_bearing && r.paid_online {
            paid_online.insert(code);
        }
    }
    facts_of(procedures, units, &used_online, &paid_online)
}

/// The catalogue figures of Decision 766 for a subtree, given the procedures that had an online
/// dossier received in the period (`used_online`) and those that had a fee paid online
/// (`paid_online`): see [`catalogue_facts`].
pub(crate) fn facts_of(
    procedures: &[ProcedureVersion],
    units: &[Unit],
    used_online: &HashSet<&ProcedureCode>,
    paid_online: &HashSet<&ProcedureCode>,
) -> CatalogueFacts {
    let levels = levels(units);
    let mut facts = CatalogueFacts::default();
    for p in procedures
        .iter()
        .filter(|p| p.status == ProcedureStatus::Active && levels.contains(&p.spec.level))
    {
        let code = &p.spec.code;
        let online = p.spec.online_level != OnlineLevel::None;
        let fee = p.spec.total_fee() > 0;
        facts.procedures_total += 1;
        facts.procedures_online += u64::from(online);
        facts.procedures_online_used += u64::from(online && used_online.contains(code));
        facts.procedures_fee_bearing += u64::from(fee);
        facts.procedures_fee_online += u64::from(fee && paid_online.contains(code));
        facts.procedures_complete += u64::from(p.spec.has_every_part());
    }
    facts
}

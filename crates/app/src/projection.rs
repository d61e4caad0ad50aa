//! The statistics projection in memory: every received dossier as a statistics record, grouped
//! by the unit it is counted for, kept up to date from the store's `dossier_stats` changes.
//!
//! Every read first asks the store for the rows changed since the last one (one indexed query,
//! usually empty), so a report reflects every change committed before it was asked for, also
//! when several servers share the database. The first read loads everything, a page at a time.

use crate::error::AppError;
use crate::store::{StatsRow, Store};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::stats::Record;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedRwLockReadGuard, RwLock};

/// Rows asked for per page.
const PAGE: u32 = 20_000;

/// Values numbered densely in order of first sight.
#[derive(Debug, Clone)]
pub struct Interner<T> {
    values: Vec<T>,
    index: HashMap<T, u32>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner {
            values: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: Clone + Eq + Hash> Interner<T> {
    /// The number of `value`, given one if new.
    fn intern(&mut self, value: &T) -> u32 {
        if let Some(&i) = self.index.get(value) {
            return i;
        }
        let i = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push(value.clone());
        self.index.insert(value.clone(), i);
        i
    }

    /// The number of `value`, if seen.
    pub fn get(&self, value: &T) -> Option<u32> {
        self.index.get(value).copied()
    }

    /// The value numbered `i`.
    pub fn value(&self, i: u32) -> Option<&T> {
        self.values.get(i as usize)
    }
}

/// The records counted for one unit, in parallel vectors.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// Records; `unit` and `field` are projection-wide numbers.
    pub records: Vec<Record>,
    /// The dossier code of each record.
    pub codes: Vec<DossierCode>,
    /// The procedure number of each record (see [`Projected::procedures`]).
    pub procedures: Vec<u32>,
}

/// The projection's content.
#[derive(Debug, Default)]
pub struct Projected {
    watermark: i64,
    loaded: bool,
    /// Unit numbers (`Record::unit`).
    pub units: Interner<UnitCode>,
    /// Field numbers (`Record::field`).
    pub fields: Interner<String>,
    /// Procedure numbers.
    pub procedures: Interner<ProcedureCode>,
    parts: Vec<Part>,
    at: HashMap<DossierCode, (u32, u32)>,
}

impl Projected {
    /// The records counted for `unit`.
    pub fn part(&self, unit: &UnitCode) -> Option<&Part> {
        self.units
            .get(unit)
            .and_then(|i| self.parts.get(i as usize))
    }

    /// Number of dossiers held.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether no dossier is held.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    fn apply(&mut self, row: StatsRow) {
        let unit = self.units.intern(&row.competent_unit);
        let field = self.fields.intern(&row.field);
        let procedure = self.procedures.intern(&row.procedure_code);
        let mut record = row.record;
        record.unit = unit;
        record.field = field;
        if self.parts.len() <= unit as usize {
            self.parts.resize_with(unit as usize + 1, Part::default);
        }
        match self.at.get(&row.code).copied() {
            Some((u, pos)) if u == unit => {
                let part = &mut self.parts[u as usize];
                part.records[pos as usize] = record;
                part.procedures[pos as usize] = procedure;
            }
            Some((u, pos)) => {
                self.remove(u, pos);
                self.push(unit, record, row.code, procedure);
            }
            None => self.push(unit, record, row.code, procedure),
        }
    }

    fn push(&mut self, unit: u32, record: Record, code: DossierCode, procedure: u32) {
        let part = &mut self.parts[unit as usize];
        let pos = u32::try_from(part.records.len()).unwrap_or(u32::MAX);
        part.records.push(record);
        part.codes.push(code.clone());
        part.procedures.push(procedure);
        self.at.insert(code, (unit, pos));
    }

    /// Removes the record at `pos` of `unit`'s part, moving its last record there.
    fn remove(&mut self, unit: u32, pos: u32) {
        let part = &mut self.parts[unit as usize];
        let i = pos as usize;
        part.records.swap_remove(i);
        part.procedures.swap_remove(i);
        let gone = part.codes.swap_remove(i);
        self.at.remove(&gone);
        if let Some(moved) = part.codes.get(i) {
            self.at.insert(moved.clone(), (unit, pos));
        }
    }
}

/// The shared projection of an [`crate::App`].
#[derive(Debug, Default)]
pub struct Projection {
    state: Arc<RwLock<Projected>>,
    refreshing: Mutex<()>,
}

impl Projection {
    /// The projection with every change committed so far applied.
    pub async fn read(
        &self,
        store: &dyn Store,
    ) -> Result<OwnedRwLockReadGuard<Projected>, AppError> {
        self.refresh(store).await?;
        Ok(self.state.clone().read_owned().await)
    }

    /// Applies the changes since the last refresh. One refresh at a time: pages are applied in
    /// the order they were read.
    async fn refresh(&self, store: &dyn Store) -> Result<(), AppError> {
        let _one = self.refreshing.lock().await;
        let (since, loaded) = {
            let s = self.state.read().await;
            (s.watermark, s.loaded)
        };
        let mut after = None;
        let mut watermark = None;
        loop {
            let page = store.stats_changes(since, after.take(), PAGE).await?;
            watermark.get_or_insert(page.watermark);
            let full = page.rows.len() >= PAGE as usize;
            after = page.rows.last().map(|r| (r.rev, r.code.clone()));
            if !page.rows.is_empty() {
                let mut s = self.state.write().await;
                for row in page.rows {
                    s.apply(row);
                }
            }
            if !full {
                break;
            }
        }
        if let Some(w) = watermark
            && (w != since || !loaded)
        {
            let mut s = self.state.write().await;
            s.watermark = w;
            s.loaded = true;
        }
        Ok(())
    }
}

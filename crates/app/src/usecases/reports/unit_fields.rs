//! The periodic report's fields under each unit (docs/rules.md §8): for each unit of the
//! subtree, the rows of the fields of its own dossiers, read from the projection in place.

use crate::App;
use crate::error::AppError;
use crate::projection::Projected;
use crate::store::StoreError;
use motcua_domain::org::Unit;
use motcua_domain::stats::{Columns, Period, Report};
use std::collections::HashMap;

/// How the periodic report lists fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldRows {
    /// One row per field over the whole subtree (the form's section II).
    #[default]
    Subtree,
    /// Also the fields of each unit's own dossiers, under that unit's row.
    UnderEachUnit,
}

/// The field rows of one unit: the unit's index in the subtree, then (field index, columns)
/// by field index.
pub type UnitFieldRows = (u32, Vec<(u32, Columns)>);

/// Below this many records the rows are computed on the calling task.
const BLOCKING_FROM: usize = 200_000;

impl App {
    /// For each unit of `units` (a subtree in index order) with a dossier counted in `period`,
    /// the rows of its fields, fields numbered by their index in `fields` (the subtree's sorted
    /// field names). A unit's field rows add up to its own row.
    pub async fn unit_field_rows(
        &self,
        units: &[Unit],
        period: Period,
        fields: &[String],
    ) -> Result<Vec<UnitFieldRows>, AppError> {
        let p = self.projection().await?;
        let total: usize = units
            .iter()
            .filter_map(|u| p.part(&u.code))
            .map(|part| part.records.len())
            .sum();
        if total < BLOCKING_FROM {
            return Ok(rows(&p, units, period, fields));
        }
        let (units, fields) = (units.to_vec(), fields.to_vec());
        tokio::task::spawn_blocking(move || rows(&p, &units, period, &fields))
            .await
            .map_err(|e| AppError::Store(StoreError::Database(format!("báo cáo: {e}"))))
    }
}

fn rows(p: &Projected, units: &[Unit], period: Period, fields: &[String]) -> Vec<UnitFieldRows> {
    let local: HashMap<&str, u32> = fields.iter().map(String::as_str).zip(0u32..).collect();
    units
        .iter()
        .zip(0u32..)
        .filter_map(|(u, i)| {
            let part = p.part(&u.code)?;
            let report = Report::compute_parts(period, &[part.records.as_slice()]);
            let mut rows: Vec<(u32, Columns)> = report
                .fields
                .into_iter()
                .filter_map(|(g, c)| {
                    let name = p.fields.value(g)?;
                    local.get(name.as_str()).map(|&l| (l, c))
                })
                .collect();
            rows.sort_by_key(|(l, _)| *l);
            (!rows.is_empty()).then_some((i, rows))
        })
        .collect()
}

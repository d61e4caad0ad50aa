//! The periodic report and its other figures computed in place on the statistics projection:
//! no record is copied, and a large subtree is read by two threads at once.

use crate::App;
use crate::error::AppError;
use crate::projection::Projected;
use crate::store::StoreError;
use motcua_domain::org::Unit;
use motcua_domain::stats::{Period, Record, Summary};
use std::collections::HashMap;

/// Below this many records the work is done on the calling task: starting threads would cost
/// more than it saves.
const PARALLEL_FROM: usize = 200_000;

/// The summary of a subtree with its field names.
#[derive(Debug, Clone)]
pub struct SubtreeSummary {
    /// Units numbered by their index in the subtree, fields by their index in `fields`.
    pub summary: Summary,
    /// Names of the fields with a dossier counted, sorted.
    pub fields: Vec<String>,
}

impl App {
    /// The report and figures of the dossiers counted for `units` (a subtree in the order of its
    /// index) over `period`, read from the projection in place.
    pub async fn subtree_summary(
        &self,
        units: &[Unit],
        period: Period,
    ) -> Result<SubtreeSummary, AppError> {
        let p = self.projection().await?;
        let mut index: HashMap<u32, u32> = HashMap::new();
        for (i, u) in (0u32..).zip(units) {
            if let Some(g) = p.units.get(&u.code) {
                index.entry(g).or_insert(i);
            }
        }
        let total: usize = units
            .iter()
            .filter_map(|u| p.part(&u.code))
            .map(|part| part.records.len())
            .sum();
        if total < PARALLEL_FROM {
            let summary = compute(&p, units, period);
            return Ok(renumber(&p, summary, &index));
        }
        let units = units.to_vec();
        tokio::task::spawn_blocking(move || renumber(&p, compute(&p, &units, period), &index))
            .await
            .map_err(|e| AppError::Store(StoreError::Database(format!("báo cáo: {e}"))))
    }
}

/// The summary in projection-wide unit and field numbers, on two threads when large.
fn compute(p: &Projected, units: &[Unit], period: Period) -> Summary {
    let parts: Vec<&[Record]> = units
        .iter()
        .filter_map(|u| p.part(&u.code))
        .map(|part| part.records.as_slice())
        .collect();
    let total: usize = parts.iter().map(|r| r.len()).sum();
    if total < PARALLEL_FROM {
        return Summary::compute_parts(period, &parts);
    }
    // Two halves of about the same number of records; a large part is cut in two.
    let mut first: Vec<&[Record]> = Vec::new();
    let mut second: Vec<&[Record]> = Vec::new();
    let mut taken = 0;
    for part in parts {
        let room = (total / 2).saturating_sub(taken);
        if room >= part.len() {
            first.push(part);
        } else if room > 0 {
            let (a, b) = part.split_at(room);
            first.push(a);
            second.push(b);
        } else {
            second.push(part);
        }
        taken += part.len().min(room);
    }
    std::thread::scope(|s| {
        let other = s.spawn(|| Summary::compute_parts(period, &second));
        let mine = Summary::compute_parts(period, &first);
        match other.join() {
            Ok(theirs) => mine.merge(theirs),
            // A panic on the other thread is a bug; computing its half here gives the answer.
            Err(_) => mine.merge(Summary::compute_parts(period, &second)),
        }
    })
}

/// Numbers units by their subtree index and fields by name order.
fn renumber(p: &Projected, s: Summary, units: &HashMap<u32, u32>) -> SubtreeSummary {
    let mut names: Vec<(&String, u32)> = s
        .report
        .fields
        .iter()
        .filter_map(|(g, _)| p.fields.value(*g).map(|name| (name, *g)))
        .collect();
    names.sort();
    let local: HashMap<u32, u32> = names
        .iter()
        .zip(0u32..)
        .map(|((_, g), l)| (*g, l))
        .collect();
    let fields = names.into_iter().map(|(n, _)| n.clone()).collect();
    SubtreeSummary {
        summary: Summary {
            report: s
                .report
                .renumber(|u| units.get(&u).copied(), |f| local.get(&f).copied()),
            figures: s.figures,
        },
        fields,
    }
}

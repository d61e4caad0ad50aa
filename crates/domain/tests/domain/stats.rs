//! Statistics (docs/rules.md §8, §9): periods, the periodic report's columns, the Decision 766 index.

#[path = "stats_columns.rs"]
mod columns;
#[path = "stats_dossier.rs"]
mod dossier;
#[path = "stats_index.rs"]
mod index;
#[path = "stats_period.rs"]
mod period;
#[path = "stats_properties.rs"]
mod properties;
#[path = "stats_seed.rs"]
mod seed;

use chrono::NaiveDateTime;
use motcua_domain::stats::Record;

/// A record received at `received`, direct, with `due` and `ended`.
pub fn rec(
    received: NaiveDateTime,
    due: Option<NaiveDateTime>,
    ended: Option<NaiveDateTime>,
) -> Record {
    Record {
        due,
        ended,
        ..Record::received_at(0, 0, received)
    }
}

//! The shared statements for PostgreSQL, and its dialect of the unit filter.

use chrono::{NaiveDateTime, Timelike};
use motcua_domain::ids::UnitCode;
use sqlx::{Postgres, QueryBuilder};

crate::ops::sql_ops!(sqlx::PgConnection, sqlx::Postgres);

/// "Receiving, competent or current unit in the list", the list bound as a `text[]`.
pub(crate) fn units_filter(b: &mut QueryBuilder<Postgres>, units: &[UnitCode]) {
    let list: Vec<String> = units.iter().map(UnitCode::to_string).collect();
    for (i, column) in ["receiving_unit", "competent_unit", "current_unit"]
        .into_iter()
        .enumerate()
    {
        b.push(if i == 0 { "(" } else { " OR " })
            .push(column)
            .push(" = ANY(")
            .push_bind(list.clone())
            .push(")");
    }
    b.push(")");
}

/// PostgreSQL keeps microseconds: a cursor taken from a dossier (nanoseconds) is truncated the
/// same way the stored column was, so that the row it names compares equal.
pub(crate) fn to_micros(t: NaiveDateTime) -> NaiveDateTime {
    let micros = t.and_utc().timestamp_subsec_micros();
    t.with_nanosecond(micros * 1_000).unwrap_or(t)
}

//! The shared statements for SQLite, and its dialect of the unit filter.

use motcua_domain::ids::UnitCode;
use sqlx::{QueryBuilder, Sqlite};

crate::ops::sql_ops!(sqlx::SqliteConnection, sqlx::Sqlite);

/// "Receiving, competent or current unit in the list", the list bound once per column as a
/// JSON array.
pub(crate) fn units_filter(b: &mut QueryBuilder<Sqlite>, units: &[UnitCode]) {
    let list =
        serde_json::Value::from(units.iter().map(UnitCode::as_str).collect::<Vec<_>>()).to_string();
    for (i, column) in ["receiving_unit", "competent_unit", "current_unit"]
        .into_iter()
        .enumerate()
    {
        b.push(if i == 0 { "(" } else { " OR " })
            .push(column)
            .push(" IN (SELECT value FROM json_each(")
            .push_bind(list.clone())
            .push("))");
    }
    b.push(")");
}

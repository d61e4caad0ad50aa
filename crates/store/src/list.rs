//! The dossier list query: filters and keyset pagination on `(created_at DESC, code DESC)`,
//! served by the `dossiers_*` indexes.

use crate::codec::{open_statuses, page_size};
use chrono::NaiveDateTime;
use motcua_app::store::DossierQuery;
use motcua_domain::ids::UnitCode;
use sqlx::{Database, Encode, QueryBuilder, Type};

/// Builds `SELECT data FROM dossiers …` for `query`; `units` writes the condition "receiving,
/// competent or current unit in the list" in the backend's dialect.
pub(crate) fn builder<DB>(
    query: &DossierQuery,
    units: impl FnOnce(&mut QueryBuilder<DB>, &[UnitCode]),
) -> QueryBuilder<DB>
where
    DB: Database,
    DB::Arguments: Default,
    String: for<'a> Encode<'a, DB> + Type<DB>,
    NaiveDateTime: for<'a> Encode<'a, DB> + Type<DB>,
    i64: for<'a> Encode<'a, DB> + Type<DB>,
{
    let mut b = QueryBuilder::new("SELECT data FROM dossiers WHERE 1 = 1");
    if let Some(list) = &query.units {
        b.push(" AND ");
        units(&mut b, list);
    }
    if let Some(status) = query.status {
        b.push(" AND status = ").push_bind(status.code().to_owned());
    }
    if query.open_only || query.due_before.is_some() {
        b.push(" AND status IN (");
        let mut list = b.separated(", ");
        for code in open_statuses() {
            list.push_bind(code.to_owned());
        }
        b.push(")");
    }
    if let Some(due) = query.due_before {
        b.push(" AND due_at <= ").push_bind(due);
    }
    if let Some(after) = &query.after {
        b.push(" AND (created_at, code) < (")
            .push_bind(after.created_at)
            .push(", ")
            .push_bind(after.code.to_string())
            .push(")");
    }
    b.push(" ORDER BY created_at DESC, code DESC LIMIT ")
        .push_bind(page_size(query.limit));
    b
}

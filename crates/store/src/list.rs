//! The dossier list query: filters and keyset pagination on `(created_at DESC, code DESC)`,
//! served by the `dossiers_*` indexes. Written once as SQL text with `$n` parameters; each
//! adapter binds the [`Param`]s its own way.

use crate::codec::open_statuses;
use chrono::NaiveDateTime;
use motcua_app::store::DossierQuery;
use motcua_domain::ids::UnitCode;

/// A parameter of the list query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Param {
    /// A text value.
    Text(String),
    /// A local instant.
    Time(NaiveDateTime),
    /// An integer.
    Int(i64),
    /// A list of unit codes, bound in the backend's dialect (see [`UnitIn`]).
    Units(Vec<String>),
}

/// The condition "`column` is one of the units bound at `placeholder`" in a backend's dialect.
pub(crate) type UnitIn = fn(column: &str, placeholder: &str) -> String;

/// The list query: its text and its parameters, `$1` first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListSql {
    /// `SELECT format, data FROM dossiers …`.
    pub(crate) sql: String,
    /// The value of `$n` at index `n - 1`.
    pub(crate) params: Vec<Param>,
}

impl ListSql {
    fn push(&mut self, text: &str) -> &mut Self {
        self.sql.push_str(text);
        self
    }

    /// Appends the placeholder of a new parameter.
    fn bind(&mut self, param: Param) -> &mut Self {
        self.params.push(param);
        let placeholder = self.placeholder();
        self.sql.push_str(&placeholder);
        self
    }

    /// The placeholder of the last parameter.
    fn placeholder(&self) -> String {
        format!("${}", self.params.len())
    }
}

/// Builds `SELECT format, <data> FROM dossiers …` for `query`; `data` is how the backend reads
/// the JSON column as text, `unit_in` writes the unit condition.
pub(crate) fn build(query: &DossierQuery, data: &str, unit_in: UnitIn) -> ListSql {
    let mut b = ListSql {
        sql: format!("SELECT format, {data} FROM dossiers WHERE 1 = 1"),
        params: Vec::new(),
    };
    if let Some(list) = &query.units {
        let codes: Vec<String> = list.iter().map(UnitCode::to_string).collect();
        b.push(" AND (");
        for (i, column) in ["receiving_unit", "competent_unit", "current_unit"]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                b.push(" OR ");
            }
            b.params.push(Param::Units(codes.clone()));
            let condition = unit_in(column, &b.placeholder());
            b.push(&condition);
        }
        b.push(")");
    }
    if let Some(status) = query.status {
        b.push(" AND status = ")
            .bind(Param::Text(status.code().to_owned()));
    }
    if query.open_only || query.due_before.is_some() {
        b.push(" AND status IN (");
        for (i, code) in open_statuses().enumerate() {
            if i > 0 {
                b.push(", ");
            }
            b.bind(Param::Text(code.to_owned()));
        }
        b.push(")");
    }
    if let Some(due) = query.due_before {
        // Open statuses have no end; saying so lets the partial index `dossiers_due` serve.
        b.push(" AND ended_at IS NULL AND due_at <= ")
            .bind(Param::Time(due));
    }
    if let Some(after) = &query.after {
        b.push(" AND (created_at, code) < (")
            .bind(Param::Time(after.created_at))
            .push(", ")
            .bind(Param::Text(after.code.to_string()))
            .push(")");
    }
    b.push(" ORDER BY created_at DESC, code DESC LIMIT ")
        .bind(Param::Int(i64::from(query.limit.get())));
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use motcua_domain::dossier::Status;

    fn any(column: &str, placeholder: &str) -> String {
        format!("{column} = ANY({placeholder})")
    }

    #[test]
    fn placeholders_follow_the_parameters() {
        let query = DossierQuery {
            units: Some(vec![UnitCode::parse("000.20.01.H48").unwrap()]),
            status: Some(Status::Resolved),
            limit: motcua_app::store::PageSize::new(Some(7)),
            ..DossierQuery::default()
        };
        let list = build(&query, "data::text", any);
        assert_eq!(
            list.sql,
            "SELECT format, data::text FROM dossiers WHERE 1 = 1 AND (receiving_unit = ANY($1) OR \
             competent_unit = ANY($2) OR current_unit = ANY($3)) AND status = $4 \
             ORDER BY created_at DESC, code DESC LIMIT $5"
        );
        assert_eq!(list.params.len(), 5);
        assert_eq!(list.params[3], Param::Text("resolved".into()));
        assert_eq!(list.params[4], Param::Int(7));
    }
}

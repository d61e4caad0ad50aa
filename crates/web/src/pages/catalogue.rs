//! `GET /thu-tuc?q=` and `GET /thu-tuc/{code}`: the public catalogue of procedures, searched
//! without regard to case or diacritics (`dang ky ket hon` finds `Đăng ký kết hôn`).

use super::error::PageError;
use super::labels;
use super::view::render_html;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use motcua_domain::catalogue::{Part, ProcedureSpec, ProcedureStatus};
use motcua_domain::ids::ProcedureCode;
use serde::{Deserialize, Serialize};

/// Query of the catalogue.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct Item {
    code: String,
    name: String,
    field: String,
    time_limit: String,
    total_fee: u64,
    online: &'static str,
}

#[derive(Serialize)]
struct ListView {
    q: String,
    items: Vec<Item>,
}

/// `GET /thu-tuc`.
pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Result<Html<String>, PageError> {
    let q = query.q.trim().chars().take(200).collect::<String>();
    let mut found = state.app.search_procedures(&q).await?;
    found.sort_by(|a, b| (&a.spec.field, &a.spec.name).cmp(&(&b.spec.field, &b.spec.name)));
    let items = found
        .into_iter()
        .map(|p| Item {
            time_limit: p.spec.effective_time_limit().to_string(),
            total_fee: p.spec.total_fee(),
            online: labels::online_level(p.spec.online_level),
            code: p.spec.code.to_string(),
            name: p.spec.name,
            field: p.spec.field,
        })
        .collect();
    render_html("catalogue.html", None, &ListView { q, items })
}

#[derive(Serialize)]
struct StepView {
    name: String,
    role: &'static str,
    budget_minutes: u32,
}

#[derive(Serialize)]
struct ProcedureView<'a> {
    p: &'a ProcedureSpec,
    version: u32,
    in_force: bool,
    level: &'static str,
    time_limit: String,
    statutory_time_limit: Option<String>,
    applicants: Vec<&'static str>,
    online: &'static str,
    steps: Vec<StepView>,
    /// Constituent parts the entry lacks (Decision 766 indicator 1.3).
    missing: Vec<&'static str>,
}

/// `GET /thu-tuc/{code}`.
pub async fn procedure(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Html<String>, PageError> {
    ProcedureCode::parse(&code).map_err(|_| PageError::NotFound)?;
    let version = state.app.procedure(&code).await?;
    let p = &version.spec;
    let time_limit = p.effective_time_limit();
    let view = ProcedureView {
        p,
        version: version.version,
        in_force: version.status == ProcedureStatus::Active,
        level: labels::procedure_level(p.level),
        time_limit: time_limit.to_string(),
        statutory_time_limit: (time_limit != p.time_limit).then(|| p.time_limit.to_string()),
        applicants: p
            .applicant_types
            .iter()
            .map(|t| labels::applicant_type(*t))
            .collect(),
        online: labels::online_level(p.online_level),
        steps: p
            .steps
            .iter()
            .map(|s| StepView {
                name: s.name.clone(),
                role: s.role.label_vi(),
                budget_minutes: s.budget_minutes,
            })
            .collect(),
        missing: p.missing_parts().into_iter().map(Part::label).collect(),
    };
    render_html("procedure.html", None, &view)
}

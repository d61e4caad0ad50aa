//! `GET /can-bo/ho-so/{code}/bien-nhan`: the printable receipt, Mẫu số 01 "Giấy tiếp nhận hồ
//! sơ và hẹn trả kết quả" (Thông tư 03/2025/TT-VPCP; Mẫu 01 of Thông tư 01/2018 before 01/7/2025).

use super::error::PageError;
use super::labels;
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Path, State};
use axum::response::Html;
use chrono::NaiveDateTime;
use motcua_domain::catalogue::Component;
use motcua_domain::dossier::{Dossier, EventKind};
use motcua_domain::rule_set::RuleSet;
use serde::Serialize;

#[derive(Serialize)]
struct ReceiptView<'a> {
    d: &'a Dossier,
    parent_name: Option<String>,
    unit_name: String,
    unit_address: String,
    unit_phone: String,
    circular: &'static str,
    /// The receiving body by the dossier's rules: «Bộ phận Một cửa» (2018) or «Trung tâm Phục
    /// vụ hành chính công» (2025).
    desk: &'static str,
    components: Option<Vec<Component>>,
    time_limit: String,
    received_at: NaiveDateTime,
    due_at: Option<NaiveDateTime>,
    return_method: &'static str,
    total_fee: u64,
    officer: Option<String>,
}

/// `GET /can-bo/ho-so/{code}/bien-nhan`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Path(code): Path<String>,
) -> Result<Html<String>, PageError> {
    let view = state.app.dossier(&page.caller, &code).await?;
    let d = &view.dossier;
    // Refused or not yet checked: there is no receipt (Mẫu 02 or 03 instead).
    let received_at = d.received_at.ok_or(PageError::NotFound)?;
    let org = state.app.org().await?;
    let unit = org.unit(&d.facts.receiving_unit);
    let parent_name = unit
        .and_then(|u| u.parent.as_ref())
        .and_then(|p| org.unit(p))
        .map(|p| p.name.clone());
    // The components of the version the dossier was received under; another version's list
    // would be wrong, so then none is printed and the officer writes them in.
    let components = state
        .app
        .procedure(d.facts.procedure_code.as_str())
        .await
        .ok()
        .filter(|p| p.version == d.facts.procedure_version)
        .map(|p| p.spec.components);
    let reception = view.events.iter().find_map(|e| match e.kind {
        EventKind::Received { due_at, .. } => Some((e.actor.as_str(), due_at)),
        _ => None,
    });
    let officer = reception.map(|(who, _)| {
        if who == page.actor.username {
            page.actor.full_name.clone()
        } else {
            who.to_owned()
        }
    });
    let rules = RuleSet::of(&d.facts.rule_version);
    let receipt = ReceiptView {
        d,
        parent_name,
        unit_name: unit.map_or_else(|| d.facts.receiving_unit.to_string(), |u| u.name.clone()),
        unit_address: unit.map(|u| u.address.clone()).unwrap_or_default(),
        unit_phone: unit.map(|u| u.phone.clone()).unwrap_or_default(),
        circular: rules.receipt_form(),
        desk: rules.desk_name(),
        components,
        time_limit: d.facts.time_limit.to_string(),
        received_at,
        // While the clock is paused there is no current due instant: print the first one.
        due_at: d.due_at.or(reception.map(|(_, due)| due)),
        return_method: labels::return_method(d.facts.return_method),
        total_fee: d.facts.total_fee(),
        officer,
    };
    render_html("receipt.html", Some(&page), &receipt)
}

//! The catalogue: search, read, import.

use crate::App;
use crate::error::AppError;
use crate::store::ImportSummary;
use motcua_domain::catalogue::{ProcedureVersion, parse_import};
use motcua_domain::ids::ProcedureCode;
use motcua_domain::org::{Actor, Role};
use motcua_domain::text::{fold, matches};

impl App {
    /// Current procedures whose code, name or field contains every word of `q` (case- and
    /// diacritics-insensitive); all of them when `q` is blank.
    pub async fn search_procedures(&self, q: &str) -> Result<Vec<ProcedureVersion>, AppError> {
        let all = self.store.procedures().await?;
        if q.trim().is_empty() {
            return Ok(all);
        }
        Ok(all
            .into_iter()
            .filter(|p| {
                let text = fold(&format!("{} {} {}", p.spec.code, p.spec.name, p.spec.field));
                matches(&text, q)
            })
            .collect())
    }

    /// The current version of a procedure.
    pub async fn procedure(&self, code: &str) -> Result<ProcedureVersion, AppError> {
        let code = ProcedureCode::parse(code)
            .map_err(|e| AppError::invalid("invalid_procedure_code", "code", e.to_string()))?;
        self.store
            .procedure(&code)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("thủ tục {code}")))
    }

    /// Imports a catalogue file all or nothing. `by` is `None` from the command line.
    pub async fn import_procedures(
        &self,
        by: Option<&Actor>,
        text: &str,
    ) -> Result<ImportSummary, AppError> {
        if let Some(actor) = by {
            let allowed = actor
                .grants
                .iter()
                .any(|g| matches!(g.role, Role::KiemSoatTthc | Role::QuanTri));
            if !allowed {
                return Err(AppError::Forbidden("nhập danh mục thủ tục".into()));
            }
        }
        let specs = parse_import(text).map_err(AppError::Import)?;
        Ok(self.store.import_procedures(&specs).await?)
    }
}

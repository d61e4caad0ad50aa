//! The catalogue: search, read, import.

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::holds;
use crate::store::ImportSummary;
use motcua_domain::calendar::OfficeHours;
use motcua_domain::catalogue::{ProcedureVersion, parse_import};
use motcua_domain::ids::ProcedureCode;
use motcua_domain::org::Role;
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

    /// Imports a catalogue file all or nothing. The catalogue is the whole province's: catalogue
    /// control or an administrator at the top of the organisation, or the operator.
    pub async fn import_procedures(
        &self,
        caller: &Caller,
        text: &str,
    ) -> Result<ImportSummary, AppError> {
        let org = self.org().await?;
        let roots: Vec<_> = org.units().iter().filter(|u| u.parent.is_none()).collect();
        let allowed = matches!(caller, Caller::Operator(_))
            || (!roots.is_empty()
                && roots.iter().all(|u| {
                    holds(caller, &org, Role::KiemSoatTthc, &u.code)
                        || holds(caller, &org, Role::QuanTri, &u.code)
                }));
        if !allowed {
            return Err(AppError::Forbidden(
                "nhập danh mục thủ tục (cần vai trò Kiểm soát TTHC hoặc Quản trị cấp tỉnh)".into(),
            ));
        }
        // The catalogue is the province's: its processes are checked against the office hours
        // of the top of the organisation.
        let hours = match roots.first() {
            Some(root) => self.unit_time(&org, &root.code).await?.1,
            None => OfficeHours::default(),
        };
        let specs = parse_import(text, &hours).map_err(AppError::Import)?;
        let summary = self.store.import_procedures(&specs).await?;
        let what = serde_json::json!({ "file": "procedures", "procedures": specs.len() });
        self.record(caller.name(), "import", what).await?;
        Ok(summary)
    }
}

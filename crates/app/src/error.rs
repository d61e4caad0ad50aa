//! Errors of the use cases. Each has a stable code for the API and a Vietnamese message.

use crate::store::StoreError;
use motcua_domain::catalogue::ImportError;
use motcua_domain::dossier::{DossierError, Status};
use motcua_domain::input::FieldError;

/// Why a use case did not complete.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Wrong user name or password, or no valid session.
    #[error("tên đăng nhập hoặc mật khẩu không đúng")]
    Unauthorized,
    /// Signed in but not allowed.
    #[error("bạn không có quyền {0}")]
    Forbidden(String),
    /// Not found (or not visible to the actor).
    #[error("không tìm thấy {0}")]
    NotFound(String),
    /// Bad input.
    #[error("{message}")]
    Invalid {
        /// Stable code.
        code: &'static str,
        /// Vietnamese message.
        message: String,
        /// The field at fault.
        field: Option<String>,
    },
    /// The data changed meanwhile, or a name is taken.
    #[error("{0}")]
    Conflict(String),
    /// The action was decided on a version of the dossier that is no longer current: another
    /// officer changed it meanwhile. Carries the current version and status.
    #[error(
        "hồ sơ đã được người khác cập nhật (nay ở phiên bản {version}, trạng thái «{}»); vui lòng \
         xem lại hồ sơ rồi thực hiện lại thao tác",
        .status.label_vi()
    )]
    Stale {
        /// The version the dossier is at now.
        version: u32,
        /// Its status now.
        status: Status,
    },
    /// The lifecycle refuses the action.
    #[error(transparent)]
    Dossier(DossierError),
    /// The import file is not valid; nothing was imported.
    #[error("tệp nhập danh mục không hợp lệ ({} lỗi)", .0.len())]
    Import(Vec<ImportError>),
    /// The history file is not valid; nothing was imported. Each entry: line number, problem.
    #[error("tệp lịch sử hồ sơ không hợp lệ ({} dòng lỗi)", .0.len())]
    History(Vec<(usize, motcua_domain::history::LineError)>),
    /// The feedback (PAKN) file is not valid; nothing was imported. Each entry: line number,
    /// problem.
    #[error("tệp phản ánh, kiến nghị không hợp lệ ({} dòng lỗi)", .0.len())]
    Feedback(Vec<(usize, motcua_domain::history::LineError)>),
    /// Too many attempts.
    #[error("quá nhiều lần thử; vui lòng thử lại sau ít phút")]
    RateLimited,
    /// Storage failed: logged, never shown.
    #[error("lỗi hệ thống")]
    Store(StoreError),
}

impl AppError {
    /// Bad input on a field.
    pub fn invalid(code: &'static str, field: &str, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            code,
            message: message.into(),
            field: Some(field.to_owned()),
        }
    }

    /// The stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Invalid { code, .. } => code,
            AppError::Conflict(_) => "conflict",
            AppError::Stale { .. } => "stale_version",
            AppError::Dossier(e) => e.code(),
            AppError::Import(_) => "invalid_import",
            AppError::History(_) => "invalid_history",
            AppError::Feedback(_) => "invalid_feedback",
            AppError::RateLimited => "rate_limited",
            AppError::Store(StoreError::Unavailable(_)) => "unavailable",
            AppError::Store(_) => "internal",
        }
    }
}

impl From<FieldError> for AppError {
    /// A field refused by an input rule: `Invalid` with the rule's code and the field's path.
    fn from(e: FieldError) -> AppError {
        AppError::Invalid {
            code: e.code(),
            message: e.error.to_string(),
            field: Some(e.field),
        }
    }
}

impl From<DossierError> for AppError {
    /// Input refused on the way into the lifecycle is bad input on its field; the rest are the
    /// lifecycle's own refusals.
    fn from(e: DossierError) -> AppError {
        match e {
            DossierError::Input(field) => field.into(),
            other => AppError::Dossier(other),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::Conflict(m) => AppError::Conflict(format!(
                "dữ liệu đã thay đổi hoặc bị trùng, vui lòng tải lại và thử lại ({m})"
            )),
            StoreError::NotFound(m) => AppError::NotFound(m),
            other => AppError::Store(other),
        }
    }
}

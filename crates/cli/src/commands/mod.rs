//! One module per subcommand. Each returns the text to print or a one-line Vietnamese error.

pub mod audit;
pub mod backup;
pub mod bench;
pub mod calendar;
pub mod calendar_jobs;
pub mod data;
pub mod deadline;
pub mod feedback;
pub mod report;
pub mod serve;
pub mod settings;

use motcua_app::Caller;
use motcua_domain::calendar::WorkCalendar;

/// The operator at this machine's command line, named by the login of the shell (`USER`).
pub fn operator() -> Caller {
    Caller::operator(&std::env::var("USER").unwrap_or_default())
}

/// The calendar with this name; only the shipped `ccvc` exists without a database.
pub fn calendar_named(name: &str) -> Result<WorkCalendar, String> {
    if name == "ccvc" {
        Ok(WorkCalendar::ccvc())
    } else {
        Err(format!("lịch không tồn tại: «{name}» (có: ccvc)"))
    }
}

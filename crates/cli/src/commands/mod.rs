//! One module per subcommand. Each returns the text to print or a one-line Vietnamese error.

pub mod bench;
pub mod calendar;
pub mod data;
pub mod deadline;
pub mod feedback;
pub mod report;
pub mod serve;
pub mod settings;

use motcua_domain::calendar::WorkCalendar;

/// The calendar with this name; only the shipped `ccvc` exists without a database.
pub fn calendar_named(name: &str) -> Result<WorkCalendar, String> {
    if name == "ccvc" {
        Ok(WorkCalendar::ccvc())
    } else {
        Err(format!("lịch không tồn tại: «{name}» (có: ccvc)"))
    }
}

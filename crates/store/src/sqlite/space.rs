//! Free space where the database lives. A write probe alone does not see a full disk: SQLite
//! writes the probe's page into room the write-ahead log already has, while real work needs
//! more. So readiness also asks the file system (docs/operations.md §5).

use motcua_app::store::StoreError;
use std::path::Path;

/// Below this many free bytes on the database's file system the server is not ready: the
/// write-ahead log may grow this much between two checkpoints (its `journal_size_limit`).
pub const MIN_FREE_BYTES: u64 = 32 * 1024 * 1024;

/// Whether `free` bytes are enough to keep writing.
fn enough(free: u64) -> bool {
    free >= MIN_FREE_BYTES
}

/// An error (to retry later) when the file system holding the database file `path` has fewer
/// than [`MIN_FREE_BYTES`] free for the server.
pub(crate) fn check(path: &Path) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stat = rustix::fs::statvfs(dir)
        .map_err(|e| StoreError::Unavailable(format!("free space of {}: {e}", dir.display())))?;
    let free = stat.f_bavail.saturating_mul(stat.f_frsize);
    if enough(free) {
        Ok(())
    } else {
        Err(StoreError::Unavailable(format!(
            "the disk of the database has {free} bytes free, fewer than {MIN_FREE_BYTES}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disk_with_less_room_than_the_log_may_need_is_not_ready() {
        assert!(!enough(0));
        assert!(!enough(MIN_FREE_BYTES - 1));
        assert!(enough(MIN_FREE_BYTES));
        // The machine running the tests has room in its temporary directory.
        assert!(check(&std::env::temp_dir().join("motcua.db")).is_ok());
    }
}

//! The read-only SQLite connections, and where a read runs.
//!
//! A read of a few rows by key (a session, a procedure, a dossier: tens of microseconds) runs in
//! place on the calling task's thread, within Tokio's budget between two awaits: handing it to
//! another thread would cost more than the read, in context switches. A read whose size grows
//! with the data (lists, counts, the catalogue, a backup) runs on a Tokio blocking thread: one
//! hand-off per store call, however many statements it runs.

use motcua_app::store::StoreError;
use rusqlite::Connection;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A fixed set of read-only connections.
#[derive(Debug)]
pub(crate) struct Readers {
    /// Connections not in use.
    idle: Mutex<Vec<Connection>>,
    /// One permit per connection: a reader waits here, asynchronously.
    permits: Arc<Semaphore>,
}

impl Readers {
    /// The pool of `connections`.
    pub(crate) fn new(connections: Vec<Connection>) -> Arc<Readers> {
        Arc::new(Readers {
            permits: Arc::new(Semaphore::new(connections.len())),
            idle: Mutex::new(connections),
        })
    }

    /// Runs a short read of a few rows by key in place.
    pub(crate) async fn lookup<T>(
        self: &Arc<Self>,
        read: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let lease = self.lease().await?;
        read(lease.conn()?)
    }

    /// Runs a read of any size on a blocking thread.
    pub(crate) async fn scan<T, F>(self: &Arc<Self>, read: F) -> Result<T, StoreError>
    where
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        let lease = self.lease().await?;
        tokio::task::spawn_blocking(move || read(lease.conn()?))
            .await
            .map_err(|e| StoreError::Database(format!("SQLite reader: {e}")))?
    }

    /// Waits for a free connection and takes it.
    async fn lease(self: &Arc<Self>) -> Result<Lease, StoreError> {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| StoreError::Database(format!("SQLite readers: {e}")))?;
        Ok(Lease {
            conn: self.lock().pop(),
            readers: Arc::clone(self),
            _permit: permit,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Connection>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A connection taken from the pool, given back when dropped (even by a panicking read) before
/// its permit is released.
struct Lease {
    conn: Option<Connection>,
    readers: Arc<Readers>,
    _permit: OwnedSemaphorePermit,
}

impl Lease {
    fn conn(&self) -> Result<&Connection, StoreError> {
        // Each permit stands for an idle connection: never empty while leases give them back.
        self.conn
            .as_ref()
            .ok_or_else(|| StoreError::Database("no idle SQLite reader".to_owned()))
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.readers.lock().push(conn);
        }
    }
}

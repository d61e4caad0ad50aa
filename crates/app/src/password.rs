//! Password hashing with Argon2id, off the async threads and at most two at a time.

use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 10;

/// Hashes and verifies passwords (each default hash costs 19 MiB and tens of milliseconds).
#[derive(Debug, Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
}

impl Default for Passwords {
    fn default() -> Self {
        Passwords {
            permits: Arc::new(Semaphore::new(2)),
        }
    }
}

impl Passwords {
    /// The PHC string of a new Argon2id hash.
    pub async fn hash(&self, password: &str) -> Result<String, AppError> {
        if password.chars().count() < MIN_LENGTH {
            return Err(AppError::invalid(
                "weak_password",
                "password",
                format!("mật khẩu phải có ít nhất {MIN_LENGTH} ký tự"),
            ));
        }
        let password = password.to_owned();
        self.run(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .ok()
        })
        .await
        .ok_or_else(|| AppError::Conflict("không tạo được mật khẩu".into()))
    }

    /// Whether `password` matches the PHC string `hash`.
    pub async fn verify(&self, password: &str, hash: &str) -> bool {
        let (password, hash) = (password.to_owned(), hash.to_owned());
        self.run(move || {
            let parsed = PasswordHash::new(&hash).ok()?;
            Some(
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok(),
            )
        })
        .await
        .unwrap_or(false)
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Option<T> + Send + 'static,
    ) -> Option<T> {
        let _permit = self.permits.acquire().await.ok()?;
        tokio::task::spawn_blocking(f).await.ok().flatten()
    }
}

//! Idempotency keys: a client that retries a request with the same key gets the result of the
//! first one instead of a second dossier. A key belongs to one user on one channel (the pages or
//! the API), so no one can replay another user's key, and it is bound to the request it came
//! with: the same key with another request is refused.

use crate::caller::Caller;
use crate::error::AppError;
use sha2::{Digest, Sha256};

/// Longest key a client may send.
pub const MAX_KEY_LEN: usize = 200;

/// Hours a key is kept; a retry after that creates a new dossier.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// Where a request came from: keys of the two never meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The staff pages (the form's hidden key).
    Page,
    /// The JSON API (`Idempotency-Key` header).
    Api,
}

impl Channel {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Page => "page",
            Channel::Api => "api",
        }
    }
}

/// A key as the client sent it: 1 to [`MAX_KEY_LEN`] printable ASCII characters, no space at
/// either end (the pattern the API document declares).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientKey {
    channel: Channel,
    key: String,
}

impl ClientKey {
    /// Parses a key sent on `channel`.
    pub fn parse(channel: Channel, key: &str) -> Result<ClientKey, AppError> {
        let printable = key.bytes().all(|b| (0x20..=0x7e).contains(&b));
        let ok = (1..=MAX_KEY_LEN).contains(&key.len()) && printable && key.trim() == key;
        if ok {
            Ok(ClientKey {
                channel,
                key: key.to_owned(),
            })
        } else {
            Err(AppError::invalid(
                "invalid_idempotency_key",
                "Idempotency-Key",
                format!(
                    "khóa chống gửi trùng phải gồm 1 đến {MAX_KEY_LEN} ký tự ASCII in được, \
                     không có khoảng trắng ở đầu và cuối"
                ),
            ))
        }
    }
}

/// A key scoped to its user and channel, with the digest of the request it came with: what the
/// store keeps. Only [`IdempotencyKey::for_caller`] makes one, from the caller of the use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    user: String,
    channel: Channel,
    key: String,
    request_digest: String,
}

impl IdempotencyKey {
    /// The key of `client` for `caller`, bound to `request` (any serialisation that is the same
    /// for the same request).
    pub fn for_caller(caller: &Caller, client: ClientKey, request: &[u8]) -> IdempotencyKey {
        IdempotencyKey {
            user: caller.name().to_owned(),
            channel: client.channel,
            key: client.key,
            request_digest: hex::encode(Sha256::digest(request)),
        }
    }

    /// Whose key it is.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The channel.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The key as sent.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Hex SHA-256 of the request.
    pub fn request_digest(&self) -> &str {
        &self.request_digest
    }
}

/// A fresh random key for a form (256 bits), so keys cannot be guessed.
pub fn new_form_key() -> String {
    crate::secret::new_secret()
}

//! Random secrets and their digests (session cookies, API tokens, CSRF tokens, demo passwords).

use sha2::{Digest, Sha256};

/// 32 random bytes as 64 hex characters.
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    hex::encode(bytes)
}

/// A random password of `len` characters, easy to read aloud (no 0/O, 1/l).
pub fn new_password(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..len)
        .map(|_| {
            let i = rand::random_range(0..ALPHABET.len());
            char::from(ALPHABET[i])
        })
        .collect()
}

/// Hex SHA-256: what is stored of a secret.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

//! API keys: random, shown once, stored as an argon2 hash.
//!
//! A key reads `dir_<prefix>_<secret>`: the 8 hex digits of the prefix find
//! the stored row without hashing anything, the 32 random bytes of the
//! secret (base64url) make it unguessable, and argon2 verifies the whole.

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};

use crate::db::keys::{self as stored, KeyRow, NewKey};
use crate::db::{DbConnection, DbError};
use crate::domain::editing::Role;

const SCHEME: &str = "dir_";
const PREFIX_LEN: usize = 8;
const SECRET_BYTES: usize = 32;

/// A key just created: the only moment its secret is known.
#[derive(Debug, Clone)]
pub struct IssuedKey {
    /// Id of the stored key.
    pub id: i64,
    /// The whole key, to hand to its holder once.
    pub key: String,
    /// Its public prefix.
    pub prefix: String,
    /// Its role.
    pub role: Role,
    /// Its label.
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Who a verified key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    /// The key's id, recorded in the audit trail.
    pub key_id: i64,
    /// What it may do.
    pub role: Role,
}

/// A fresh random key and its prefix.
fn generate() -> (String, String) {
    let mut prefix = [0u8; PREFIX_LEN / 2];
    let mut secret = [0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut prefix);
    OsRng.fill_bytes(&mut secret);
    let prefix: String = prefix.iter().map(|b| format!("{b:02x}")).collect();
    let key = format!("{SCHEME}{prefix}_{}", URL_SAFE_NO_PAD.encode(secret));
    (prefix, key)
}

/// The prefix of a well-formed key, without looking anything up.
pub fn prefix_of(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(SCHEME)?;
    let prefix = rest.get(..PREFIX_LEN)?;
    let secret = rest.get(PREFIX_LEN..)?.strip_prefix('_')?;
    let well_formed = prefix.bytes().all(|b| b.is_ascii_hexdigit())
        && secret.len() == 43
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    well_formed.then_some(prefix)
}

fn hash(key: &str) -> Result<String, DbError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(key.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| DbError::Encode(format!("key hash: {error}")))
}

fn verify(key: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(key.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Creates and stores a key; the returned [`IssuedKey::key`] is never
/// stored nor logged.
#[tracing::instrument(skip(conn))]
pub fn create(
    conn: &mut DbConnection,
    role: Role,
    name: &str,
    now: DateTime<Utc>,
) -> Result<IssuedKey, DbError> {
    let (prefix, key) = generate();
    let hashed = hash(&key)?;
    let row = stored::insert(
        conn,
        &NewKey {
            prefix: &prefix,
            hash: &hashed,
            role: role.code(),
            name,
            created_at: now.naive_utc(),
        },
    )?;
    Ok(IssuedKey {
        id: row.id,
        key,
        prefix,
        role,
        name: row.name,
        created_at: now,
    })
}

/// The principal of a live key, or `None` for an unknown, revoked or
/// wrong key. Costs one argon2 verification: cache the answer.
#[tracing::instrument(skip_all)]
pub fn authenticate(conn: &mut DbConnection, key: &str) -> Result<Option<Principal>, DbError> {
    let Some(prefix) = prefix_of(key) else {
        return Ok(None);
    };
    let Some(row) = stored::find_live(conn, prefix)? else {
        return Ok(None);
    };
    if !verify(key, &row.hash) {
        return Ok(None);
    }
    Ok(row.role.parse().ok().map(|role| Principal {
        key_id: row.id,
        role,
    }))
}

/// Every key (never their secrets).
pub fn list(conn: &mut DbConnection) -> Result<Vec<KeyRow>, DbError> {
    stored::list(conn)
}

/// Revokes a key; false when no live key has this id.
pub fn revoke(conn: &mut DbConnection, id: i64, now: DateTime<Utc>) -> Result<bool, DbError> {
    stored::revoke(conn, id, now.naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_well_formed_and_verify_only_themselves() {
        let (prefix, key) = generate();
        let (_, other) = generate();
        assert_ne!(key, other);
        assert_eq!(prefix_of(&key), Some(prefix.as_str()));
        assert_eq!(prefix_of("dir_zzzzzzzz_short"), None);
        assert_eq!(prefix_of("Bearer x"), None);
        let hashed = hash(&key).unwrap();
        assert!(!hashed.contains(&key));
        assert!(verify(&key, &hashed));
        assert!(!verify(&other, &hashed));
    }
}

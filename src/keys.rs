//! API keys: random, shown once, stored as a SHA-256 digest.
//!
//! A key reads `dir_<prefix>_<secret>`: the 8 hex digits of the prefix find
//! the stored row, and the 32 random bytes of the secret (base64url) make it
//! unguessable. A slow password hash adds nothing to 256 random bits (no one
//! can search that space, leaked digests or not), while it made every wrong
//! guess cost ~28 ms and ~19 MiB: so keys are stored as `sha256$<hex>` and a
//! presented key is hashed and compared in constant time, with the same
//! work whether its prefix exists or not. Keys stored before this as argon2
//! hashes are verified once with argon2 (one at a time, never on a pooled
//! connection), then stored as digests, so no operator re-issues a key.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

use crate::db::keys::{self as stored, KeyRow, NewKey};
use crate::db::{Database, DbConnection, DbError};
use crate::domain::editing::{Grant, Role};

const SCHEME: &str = "dir_";
const PREFIX_LEN: usize = 8;
const SECRET_BYTES: usize = 32;
/// How stored digests start; anything else is a legacy argon2 PHC string.
const DIGEST_PREFIX: &str = "sha256$";

/// Legacy argon2 verifications run one at a time: each takes ~19 MiB.
static LEGACY_VERIFICATIONS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

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
    /// The locales a translator key may write.
    pub locales: Option<Vec<String>>,
    /// Its label.
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Who a verified key belongs to, and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The key's id, recorded in the audit trail.
    pub key_id: i64,
    /// Its role and locales.
    pub grant: Grant,
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

/// The stored form of a key.
fn digest(key: &str) -> String {
    let hash = Sha256::digest(key.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("{DIGEST_PREFIX}{hex}")
}

/// Compares a presented key's digest with a stored one in constant time.
fn digest_matches(presented: &str, stored_hash: &str) -> bool {
    presented.len() == stored_hash.len()
        && bool::from(presented.as_bytes().ct_eq(stored_hash.as_bytes()))
}

fn verify_argon2(key: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(key.as_bytes(), &parsed)
            .is_ok()
    })
}

fn encode_locales(locales: Option<&[String]>) -> Option<String> {
    locales.map(|locales| locales.join(","))
}

/// The locales stored with a key, as a list.
pub fn decode_locales(stored: Option<&str>) -> Option<Vec<String>> {
    stored.map(|list| {
        list.split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

/// Creates and stores a key; the returned [`IssuedKey::key`] is never
/// stored nor logged. `locales` must have been checked with
/// [`Grant::bind`].
#[tracing::instrument(skip(conn))]
pub fn create(
    conn: &mut DbConnection,
    role: Role,
    locales: Option<Vec<String>>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<IssuedKey, DbError> {
    let (prefix, key) = generate();
    let hashed = digest(&key);
    let stored_locales = encode_locales(locales.as_deref());
    let row = stored::insert(
        conn,
        &NewKey {
            prefix: &prefix,
            hash: &hashed,
            role: role.code(),
            locales: stored_locales.as_deref(),
            name,
            created_at: now.naive_utc(),
        },
    )?;
    Ok(IssuedKey {
        id: row.id,
        key,
        prefix,
        role,
        locales,
        name: row.name,
        created_at: now,
    })
}

fn principal(row: &KeyRow) -> Option<Principal> {
    let role: Role = row.role.parse().ok()?;
    Some(Principal {
        key_id: row.id,
        grant: Grant::stored(role, decode_locales(row.locales.as_deref())),
    })
}

/// The principal of a live key, or `None` for a malformed, unknown,
/// revoked or wrong key. One indexed lookup, then a SHA-256 and a
/// constant-time comparison off the connection, done alike whether the
/// prefix exists or not.
#[tracing::instrument(skip_all)]
pub async fn authenticate(db: &Database, key: &str) -> Result<Option<Principal>, DbError> {
    let Some(prefix) = prefix_of(key).map(str::to_owned) else {
        return Ok(None);
    };
    let row = db.run(move |conn| stored::find_live(conn, &prefix)).await?;
    let presented = digest(key);
    let Some(row) = row else {
        // The same comparison against a digest no key has.
        let _ = digest_matches(&presented, &digest(""));
        return Ok(None);
    };
    if row.hash.starts_with(DIGEST_PREFIX) {
        return Ok(digest_matches(&presented, &row.hash)
            .then(|| principal(&row))
            .flatten());
    }
    upgrade_legacy(db, key, row, presented).await
}

/// Verifies a key stored before digests with argon2, one at a time on the
/// blocking pool, and stores its digest once it matches.
async fn upgrade_legacy(
    db: &Database,
    key: &str,
    row: KeyRow,
    presented: String,
) -> Result<Option<Principal>, DbError> {
    let Ok(_permit) = LEGACY_VERIFICATIONS.acquire().await else {
        return Ok(None);
    };
    let (candidate, legacy) = (key.to_owned(), row.hash.clone());
    let matches = tokio::task::spawn_blocking(move || verify_argon2(&candidate, &legacy)).await?;
    if !matches {
        return Ok(None);
    }
    let (id, legacy) = (row.id, row.hash.clone());
    db.run(move |conn| stored::replace_hash(conn, id, &legacy, &presented))
        .await?;
    tracing::info!(
        key_id = row.id,
        "API key moved from argon2 to a SHA-256 digest"
    );
    Ok(principal(&row))
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
    use argon2::password_hash::{PasswordHasher, SaltString};

    #[test]
    fn keys_are_random_well_formed_and_match_only_themselves() {
        let (prefix, key) = generate();
        let (_, other) = generate();
        assert_ne!(key, other);
        assert_eq!(prefix_of(&key), Some(prefix.as_str()));
        assert_eq!(prefix_of("dir_zzzzzzzz_short"), None);
        assert_eq!(prefix_of("Bearer x"), None);
        let stored_hash = digest(&key);
        assert!(!stored_hash.contains(&key));
        assert!(stored_hash.starts_with(DIGEST_PREFIX) && stored_hash.len() == 7 + 64);
        assert!(digest_matches(&digest(&key), &stored_hash));
        assert!(!digest_matches(&digest(&other), &stored_hash));
        assert!(!digest_matches("sha256$", &stored_hash));
    }

    #[test]
    fn legacy_argon2_hashes_still_verify() {
        let (_, key) = generate();
        let salt = SaltString::generate(&mut OsRng);
        let legacy = Argon2::default()
            .hash_password(key.as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert!(verify_argon2(&key, &legacy));
        assert!(!verify_argon2(&generate().1, &legacy));
    }

    #[test]
    fn stored_locales_round_trip() {
        let locales = vec!["ja".to_owned(), "ko".to_owned()];
        let stored = encode_locales(Some(&locales));
        assert_eq!(stored.as_deref(), Some("ja,ko"));
        assert_eq!(decode_locales(stored.as_deref()), Some(locales));
        assert_eq!(decode_locales(None), None);
    }
}

//! Stored API keys: only a hash and a short public prefix are kept.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::api_keys;
use super::{DbConnection, DbError};

/// A row of `api_keys`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_keys)]
pub struct KeyRow {
    /// Key id, shown in listings and the audit trail.
    pub id: i64,
    /// Public lookup prefix (part of the key itself).
    pub prefix: String,
    /// Argon2 PHC string of the whole key.
    pub hash: String,
    /// `admin`, `editor` or `translator`.
    pub role: String,
    /// Who or what the key is for.
    pub name: String,
    /// When it was made (UTC).
    pub created_at: NaiveDateTime,
    /// When it was revoked (UTC); revoked keys authenticate nothing.
    pub revoked_at: Option<NaiveDateTime>,
}

/// A key to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = api_keys)]
pub struct NewKey<'a> {
    /// Public lookup prefix.
    pub prefix: &'a str,
    /// Argon2 PHC string.
    pub hash: &'a str,
    /// Role code.
    pub role: &'a str,
    /// Label.
    pub name: &'a str,
    /// Creation time (UTC).
    pub created_at: NaiveDateTime,
}

/// Stores a key and returns it as stored (with its id).
#[tracing::instrument(skip(conn, key), fields(prefix = key.prefix, role = key.role))]
pub fn insert(conn: &mut DbConnection, key: &NewKey<'_>) -> Result<KeyRow, DbError> {
    conn.transaction(|conn| {
        diesel::insert_into(api_keys::table)
            .values(key)
            .execute(conn)?;
        Ok(api_keys::table
            .filter(api_keys::prefix.eq(key.prefix))
            .select(KeyRow::as_select())
            .first(conn)?)
    })
}

/// The live (unrevoked) key with this prefix, if any.
#[tracing::instrument(skip(conn))]
pub fn find_live(conn: &mut DbConnection, prefix: &str) -> Result<Option<KeyRow>, DbError> {
    Ok(api_keys::table
        .filter(api_keys::prefix.eq(prefix))
        .filter(api_keys::revoked_at.is_null())
        .select(KeyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Every key, revoked ones too, in creation order.
#[tracing::instrument(skip(conn))]
pub fn list(conn: &mut DbConnection) -> Result<Vec<KeyRow>, DbError> {
    Ok(api_keys::table
        .order(api_keys::id.asc())
        .select(KeyRow::as_select())
        .load(conn)?)
}

/// Revokes a key; false when no live key has this id. Every instance is
/// told when the revocation commits, so none keeps trusting the key.
#[tracing::instrument(skip(conn))]
pub fn revoke(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> Result<bool, DbError> {
    conn.transaction(|conn| {
        let changed = diesel::update(
            api_keys::table
                .filter(api_keys::id.eq(id))
                .filter(api_keys::revoked_at.is_null()),
        )
        .set(api_keys::revoked_at.eq(Some(at)))
        .execute(conn)?;
        if changed == 1 {
            super::notify::notify(conn, super::notify::KEYS)?;
        }
        Ok(changed == 1)
    })
}

/// How many live admin keys exist (none: start-up says how to make one).
#[tracing::instrument(skip(conn))]
pub fn live_admins(conn: &mut DbConnection) -> Result<i64, DbError> {
    Ok(api_keys::table
        .filter(api_keys::role.eq("admin"))
        .filter(api_keys::revoked_at.is_null())
        .count()
        .get_result(conn)?)
}

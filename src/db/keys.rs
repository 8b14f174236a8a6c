//! Stored API keys: only a digest and a short public prefix are kept.

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
    /// `sha256$<hex>` digest of the whole key (an argon2 PHC string for
    /// keys not used since digests replaced argon2).
    pub hash: String,
    /// `admin`, `editor` or `translator`.
    pub role: String,
    /// A translator key's locales, comma-separated (`None`: every locale
    /// but the source, for translator keys made before keys were bound).
    pub locales: Option<String>,
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
    /// `sha256$<hex>` digest.
    pub hash: &'a str,
    /// Role code.
    pub role: &'a str,
    /// A translator key's locales, comma-separated.
    pub locales: Option<&'a str>,
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

/// Replaces a key's stored hash, if it is still `old` (two instances
/// upgrading the same legacy key at once write the same digest anyway).
#[tracing::instrument(skip_all, fields(id))]
pub fn replace_hash(conn: &mut DbConnection, id: i64, old: &str, new: &str) -> Result<(), DbError> {
    diesel::update(
        api_keys::table
            .filter(api_keys::id.eq(id))
            .filter(api_keys::hash.eq(old)),
    )
    .set(api_keys::hash.eq(new))
    .execute(conn)?;
    Ok(())
}

/// Every key, revoked ones too, in creation order.
#[tracing::instrument(skip(conn))]
pub fn list(conn: &mut DbConnection) -> Result<Vec<KeyRow>, DbError> {
    Ok(api_keys::table
        .order(api_keys::id.asc())
        .select(KeyRow::as_select())
        .load(conn)?)
}

/// Revokes a key; false when no live key has this id. Every instance
/// checks keys against this table on every request, so none trusts the
/// key once this commits.
#[tracing::instrument(skip(conn))]
pub fn revoke(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> Result<bool, DbError> {
    let changed = diesel::update(
        api_keys::table
            .filter(api_keys::id.eq(id))
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(Some(at)))
    .execute(conn)?;
    Ok(changed == 1)
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

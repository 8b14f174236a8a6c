//! The database's identity: a random id drawn once, by the migration that
//! made the table. What is derived from one database's contents outside it
//! (the catalog's snapshot file) is stamped with it, so it is never taken
//! for another database's, even one with the same change ids.

use diesel::prelude::*;

use super::schema::database_identity;
use super::{DbConnection, DbError};

/// This database's identity.
pub fn get(conn: &mut DbConnection) -> Result<String, DbError> {
    Ok(database_identity::table
        .select(database_identity::id)
        .first(conn)?)
}

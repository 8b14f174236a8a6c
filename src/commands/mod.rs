//! The operator's subcommands beside the server: `keys`, `import`,
//! `generate` and `locales check`. Each opens the configured database
//! directly (migrating it first) where it needs one, so they work whether
//! or not a server is running; `main.rs` only parses and dispatches.

pub mod generate;
pub mod import;
pub mod keys;
pub mod locales;

use anyhow::Context;
use chrono::Utc;

use crate::config::Settings;
use crate::db::{self, Database};
use crate::seed;

/// The configured database, migrated (and with the demo data when it is
/// on), with a pool of `connections`.
fn open(settings: &Settings, connections: u32) -> anyhow::Result<Database> {
    let db = Database::connect(&settings.database_url, connections)
        .context("cannot open the database")?;
    let demo = settings.demo_data.then(|| seed::demo_data(Utc::now()));
    db::prepare(&db, demo.as_ref()).context("cannot prepare the database")?;
    Ok(db)
}

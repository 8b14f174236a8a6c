//! `directory generate --count N`: fills the configured database with N
//! synthetic listings (after the migrations and demo data), for load tests.

use std::time::Instant;

use anyhow::Context;
use chrono::Utc;
use diesel::Connection;

use crate::config::Settings;
use crate::db::{self, DbError};
use crate::seed;

/// Listings per transaction: big enough to be fast, small enough that a
/// failure late in a large run keeps what was committed.
const BATCH: usize = 10_000;

/// Generates and stores `count` listings; prints what it did.
pub fn run(settings: &Settings, count: usize, seed_value: u64) -> anyhow::Result<()> {
    let db = super::open(settings, 1)?;
    let started = Instant::now();
    let listings = seed::synthetic::generate(count, seed_value, &seed::cities(), Utc::now());
    let mut conn = db.get_blocking()?;
    // Without the demo data, the cities are still needed.
    db::reference::ensure_cities(&mut conn, &seed::cities())?;
    for (index, batch) in listings.chunks(BATCH).enumerate() {
        conn.transaction::<_, DbError, _>(|conn| db::inserts::insert_batch(conn, batch))
            .with_context(|| {
                format!(
                    "cannot store batch {index} (listings may already exist: use a fresh database)"
                )
            })?;
        eprintln!("{} / {count}", (index * BATCH + batch.len()));
    }
    println!(
        "generated {count} synthetic listings in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        db.backend()
    );
    Ok(())
}

//! Rate limits kept in PostgreSQL, so that every instance behind the load
//! balancer counts against the same allowance.
//!
//! The generic cell rate algorithm (GCRA, what `governor` runs in memory
//! on SQLite): a subject allowed `burst` requests per `burst × interval`
//! has a theoretical arrival time (TAT); a request moves it `interval`
//! later (from now, if it lies in the past) and is allowed when the TAT
//! is then no more than `burst × interval` ahead. One upsert per request,
//! atomic under concurrent instances (the row is locked by `ON CONFLICT`),
//! timed by the database's clock.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::{DbConnection, DbError};

#[derive(QueryableByName)]
struct Outcome {
    #[diesel(sql_type = BigInt)]
    taken: i64,
    #[diesel(sql_type = BigInt)]
    wait_ms: i64,
}

/// Takes one request of `bucket`'s allowance of `burst` requests per
/// `burst × interval_ms`. `Ok(None)`: allowed; `Ok(Some(ms))`: refused,
/// the next one is allowed in `ms` milliseconds. PostgreSQL only.
pub fn acquire(
    conn: &mut DbConnection,
    bucket: &str,
    interval_ms: i64,
    burst: i64,
) -> Result<Option<i64>, DbError> {
    let DbConnection::Postgres(pg) = conn else {
        return Err(DbError::Encode("shared rate limits need PostgreSQL".into()));
    };
    // The outer query reads the table as it was before the upsert: for a
    // refused request (the row unchanged) that is its current TAT.
    let outcome: Outcome = diesel::sql_query(
        "WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms), \
         taken AS ( \
             INSERT INTO rate_limits AS r (bucket, tat_ms) \
             SELECT $1, now.ms + $2 FROM now \
             ON CONFLICT (bucket) DO UPDATE \
                 SET tat_ms = GREATEST(r.tat_ms, (SELECT ms FROM now)) + $2 \
                 WHERE GREATEST(r.tat_ms, (SELECT ms FROM now)) + $2 - (SELECT ms FROM now) <= $2 * $3 \
             RETURNING r.tat_ms) \
         SELECT (SELECT count(*) FROM taken) AS taken, \
                COALESCE((SELECT GREATEST(r.tat_ms, now.ms) + $2 - now.ms - $2 * $3 \
                          FROM rate_limits r, now WHERE r.bucket = $1), 0)::bigint AS wait_ms",
    )
    .bind::<Text, _>(bucket)
    .bind::<BigInt, _>(interval_ms)
    .bind::<BigInt, _>(burst)
    .get_result(pg)?;
    Ok((outcome.taken == 0).then_some(outcome.wait_ms.max(1)))
}

/// Forgets subjects whose allowance is whole again (their TAT has
/// passed): such a row means the same as no row.
pub fn forget_expired(conn: &mut DbConnection) -> Result<usize, DbError> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(0);
    };
    Ok(diesel::sql_query(
        "DELETE FROM rate_limits \
         WHERE tat_ms < (extract(epoch FROM clock_timestamp()) * 1000)::bigint",
    )
    .execute(pg)?)
}

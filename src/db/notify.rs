//! PostgreSQL `LISTEN`/`NOTIFY`: the wake-up that tells every instance at
//! once that listings or keys changed. It carries no data: a woken
//! instance catches up from the change log (the durable cursor), exactly
//! as its once-a-second poll would, so a notification lost with a dropped
//! connection costs at most one poll interval, never a change.
//!
//! Writers notify inside their transaction, so the notification is sent
//! when (and only if) the change commits. The payload is the writer's
//! schema: instances (and parallel tests) on other schemas of the same
//! database ignore it.
//!
//! The listener is a thread of its own with its own connection (diesel is
//! blocking; a pooled connection cannot be held forever). libpq reads
//! notifications without blocking (`PQconsumeInput`), so the thread looks
//! every few milliseconds; a dead connection shows there as an error, and
//! the thread reconnects with a growing pause.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use tokio::sync::mpsc::UnboundedSender;

use super::{DbConnection, DbError};

/// Channel of listing changes (writes, deletes, imports, resolutions).
pub const LISTINGS: &str = "directory_listings";

/// How often the listener looks for notifications.
const LOOK_EVERY: Duration = Duration::from_millis(5);
/// How often an idle listener checks its connection with a query.
const PING_EVERY: Duration = Duration::from_secs(5);
/// The longest pause between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// What woke the listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Listings changed.
    Listings,
    /// The listener (re)connected: anything may have changed meanwhile.
    Connected,
}

/// Notifies `channel` when the caller's transaction commits; a no-op on
/// SQLite, where one instance owns the file.
pub fn notify(conn: &mut DbConnection, channel: &str) -> Result<(), DbError> {
    if let DbConnection::Postgres(pg) = conn {
        diesel::sql_query("SELECT pg_notify($1, current_schema())")
            .bind::<Text, _>(channel)
            .execute(pg)?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Schema {
    #[diesel(sql_type = Text)]
    schema: String,
}

/// Listens on `url` until `wake`'s receiver is dropped (the application
/// stopped), sending a [`Wake`] per notification of this schema and one
/// after every (re)connection.
pub fn spawn_listener(url: &str, wake: UnboundedSender<Wake>) -> std::io::Result<()> {
    let url = with_connect_timeout(url);
    std::thread::Builder::new()
        .name("pg-listen".into())
        .spawn(move || {
            let mut backoff = Duration::from_millis(50);
            let mut failing = false;
            while !wake.is_closed() {
                match connect(&url) {
                    Ok((mut conn, schema)) => {
                        backoff = Duration::from_millis(50);
                        if failing {
                            tracing::info!("change listener reconnected");
                            failing = false;
                        }
                        if wake.send(Wake::Connected).is_err() {
                            return;
                        }
                        if let Err(error) = relay(&mut conn, &schema, &wake) {
                            tracing::warn!(%error, "change listener lost its connection");
                            failing = true;
                        }
                    }
                    Err(error) => {
                        if !failing {
                            tracing::warn!(%error, "change listener cannot connect; retrying");
                            failing = true;
                        }
                    }
                }
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        })
        .map(drop)
}

fn connect(url: &str) -> Result<(PgConnection, String), DbError> {
    let mut conn =
        PgConnection::establish(url).map_err(|error| DbError::Connect(error.to_string()))?;
    conn.batch_execute(&format!("LISTEN {LISTINGS}"))?;
    let schema = diesel::sql_query("SELECT current_schema() AS schema")
        .get_result::<Schema>(&mut conn)?
        .schema;
    Ok((conn, schema))
}

/// Passes notifications on until the connection fails or nobody listens.
fn relay(
    conn: &mut PgConnection,
    schema: &str,
    wake: &UnboundedSender<Wake>,
) -> Result<(), DbError> {
    let mut pinged = Instant::now();
    loop {
        for notification in conn.notifications_iter() {
            let notification = notification?;
            if notification.payload != schema {
                continue;
            }
            if wake.send(Wake::Listings).is_err() {
                return Ok(());
            }
        }
        if wake.is_closed() {
            return Ok(());
        }
        if pinged.elapsed() >= PING_EVERY {
            conn.batch_execute("SELECT 1")?;
            pinged = Instant::now();
        }
        std::thread::sleep(LOOK_EVERY);
    }
}

/// libpq waits forever for an unanswered connection attempt unless told
/// otherwise; the listener must keep retrying instead.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}connect_timeout=2")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_attempts_are_bounded_unless_the_url_says_otherwise() {
        assert_eq!(
            with_connect_timeout("postgres://h/db"),
            "postgres://h/db?connect_timeout=2"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?options=x"),
            "postgres://h/db?options=x&connect_timeout=2"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?connect_timeout=9"),
            "postgres://h/db?connect_timeout=9"
        );
    }
}

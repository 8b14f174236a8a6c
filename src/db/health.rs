//! Telling a database that is gone from a query that failed, and not
//! waiting on a database known to be gone.
//!
//! Errors are sorted into faults of the database (unreachable, closed,
//! unreadable, damaged: every request that needs it is answered "try
//! again later") and everything else (a bug, a constraint: the request's
//! own problem). Neither backend gives a portable code for "the server is
//! gone" or "the file is garbage": diesel maps a few PostgreSQL SQLSTATE
//! classes to `ClosedConnection` and passes SQLite's result codes only as
//! their fixed English messages, so those messages are matched here, in
//! one place, with tests that produce each fault for real.
//!
//! A fault opens a breaker: requests then fail at once instead of each
//! waiting for the pool's timeout, and a probe (the readiness check, and a
//! monitor every second) closes it again once the database reads a real
//! table. Closing it replaces the pool, so that no connection still holds
//! a replaced or damaged SQLite file's pages.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::DbError;

/// How a failed operation bears on the database's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The database is gone, closed or damaged: answer 503 and open the
    /// breaker until a probe succeeds.
    Down,
    /// The database is there but cannot serve this now (busy, every
    /// connection in use): answer 503, leave the breaker closed.
    Busy,
    /// Not the database's fault.
    None,
}

/// SQLite's messages for an unusable file (`sqlite3_errstr`), and
/// PostgreSQL's and libpq's for a lost server.
const DOWN_MESSAGES: [&str; 19] = [
    // SQLite: SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_CANTOPEN, SQLITE_IOERR,
    // SQLITE_READONLY, SQLITE_FULL; a file replaced by an empty one.
    "database disk image is malformed",
    "file is not a database",
    "unable to open database file",
    "disk i/o error",
    "attempt to write a readonly database",
    "database or disk is full",
    "no such table",
    // PostgreSQL shutting down (57P01, 57P02, 57P03) and libpq's own.
    "terminating connection",
    "the database system is",
    "server closed the connection",
    "no connection to the server",
    "connection to server",
    "could not connect to server",
    "could not receive data from server",
    "could not send data to server",
    "ssl syscall error",
    "connection refused",
    "server conn crashed",
    "canceling statement due to conflict with recovery",
];

/// Messages of a database that is only busy.
const BUSY_MESSAGES: [&str; 2] = ["database is locked", "database table is locked"];

impl DbError {
    /// How this error bears on the database's health.
    pub fn fault(&self) -> Fault {
        match self {
            DbError::Unavailable => Fault::Down,
            // r2d2 says only "timed out", with the last connection error
            // when there was one: a pool that cannot connect is down, a
            // pool whose connections are all in use is busy.
            DbError::Pool(error) => match error.to_string().split_once(": ") {
                Some(_) => Fault::Down,
                None => Fault::Busy,
            },
            DbError::Query(error) => diesel_fault(error),
            // Raised while starting (or by the change listener, which
            // retries on its own), never by a request's query.
            DbError::Connect(_) | DbError::Migration(_) => Fault::None,
            DbError::Encode(_) | DbError::Task(_) => Fault::None,
        }
    }

    /// True when the request should be answered 503 with `Retry-After`.
    pub fn is_unavailable(&self) -> bool {
        self.fault() != Fault::None
    }
}

fn diesel_fault(error: &DieselError) -> Fault {
    match error {
        DieselError::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        )
        | DieselError::BrokenTransactionManager => Fault::Down,
        DieselError::DatabaseError(_, info) => message_fault(info.message()),
        DieselError::RollbackErrorOnCommit { commit_error, .. } => diesel_fault(commit_error),
        _ => Fault::None,
    }
}

/// Sorts an error message; public for the connection customizer, whose
/// errors reach the pool as text.
pub fn message_fault(message: &str) -> Fault {
    let message = message.to_ascii_lowercase();
    if BUSY_MESSAGES.iter().any(|busy| message.contains(busy)) {
        Fault::Busy
    } else if DOWN_MESSAGES.iter().any(|down| message.contains(down)) {
        Fault::Down
    } else {
        Fault::None
    }
}

/// The breaker and the counts `/metrics` shows.
#[derive(Debug, Default)]
pub struct Health {
    down: AtomicBool,
    /// Operations refused or failed because the database was unavailable.
    pub unavailable_errors: AtomicU64,
    /// Operations that failed for any other reason.
    pub other_errors: AtomicU64,
}

impl Health {
    /// True while the breaker is open.
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }

    /// Counts a failure and opens the breaker if the database is at fault.
    /// Returns true when this opened it.
    pub fn failed(&self, error: &DbError) -> bool {
        match error.fault() {
            Fault::None => {
                self.other_errors.fetch_add(1, Ordering::Relaxed);
                false
            }
            Fault::Busy => {
                self.unavailable_errors.fetch_add(1, Ordering::Relaxed);
                false
            }
            Fault::Down => {
                self.unavailable_errors.fetch_add(1, Ordering::Relaxed);
                !self.down.swap(true, Ordering::AcqRel)
            }
        }
    }

    /// Closes the breaker after a successful probe; true when it was open.
    pub fn recovered(&self) -> bool {
        self.down.swap(false, Ordering::AcqRel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_and_lost_databases_are_down_and_locks_are_busy() {
        assert_eq!(message_fault("file is not a database"), Fault::Down);
        assert_eq!(
            message_fault("server closed the connection unexpectedly\n\tThis probably means"),
            Fault::Down
        );
        assert_eq!(
            message_fault("terminating connection due to administrator command"),
            Fault::Down
        );
        assert_eq!(message_fault("database is locked"), Fault::Busy);
        assert_eq!(
            message_fault("duplicate key value violates unique constraint"),
            Fault::None
        );
        assert_eq!(
            DbError::Query(DieselError::NotFound).fault(),
            Fault::None,
            "a missing row is the request's problem"
        );
    }

    #[test]
    fn the_breaker_opens_once_and_closes_on_recovery() {
        let health = Health::default();
        assert!(!health.failed(&DbError::Query(DieselError::NotFound)));
        assert!(!health.is_down());
        assert!(health.failed(&DbError::Unavailable));
        assert!(!health.failed(&DbError::Unavailable), "already open");
        assert!(health.is_down());
        assert!(health.recovered());
        assert!(!health.recovered());
        assert_eq!(health.unavailable_errors.load(Ordering::Relaxed), 2);
        assert_eq!(health.other_errors.load(Ordering::Relaxed), 1);
    }
}

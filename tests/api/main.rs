//! Integration tests: each starts the real application on a random port
//! with its own fresh database and the shipped locale files, and talks HTTP
//! to it. Tests declared with `backend_tests!` run once on SQLite and once
//! on PostgreSQL (when `TEST_DATABASE_URL` is set).

// A panic is how a test fails: the lints against unwrap and expect are for
// the service, not for its tests. A test binary has no outside for `pub`
// to be unreachable from.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod helpers;
mod instances;
mod relay;

mod calendar;
mod catalog_sync;
mod changes;
mod compression;
mod cors;
mod demo;
mod discovery;
mod editing;
mod embed;
mod errors;
mod faults;
mod freshness;
mod health;
mod hsds;
mod hsds_reference;
mod http_caching;
mod imports;
mod interop_fixtures;
mod layers;
mod limits;
mod listings;
mod localization;
mod observability;
mod open_data;
mod openapi;
mod propagation;
mod proxies;
mod reference;
mod search_engines;
mod security;
mod shutdown;
mod snapshots;
mod standalone;
mod translators;
mod write_paths;

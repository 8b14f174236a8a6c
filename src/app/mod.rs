//! The application layer: what the service does, between the HTTP and CLI
//! front ends and the domain and database below. It owns the state the
//! server runs on (the catalog and its sync, the search vocabulary, the
//! locales and their live reload, the response cache, shutdown) and every
//! write. It knows nothing of HTTP.

pub mod cache;
pub mod editing;
pub mod import;
pub mod lifecycle;
pub mod loading;
pub mod reload;
pub mod reload_status;
pub mod reports;
pub mod state;
pub mod sync;
pub mod translations;

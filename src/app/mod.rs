//! The application layer: what the service does, between the HTTP and CLI
//! front ends and the domain and database below. It knows nothing of HTTP.

pub mod editing;
pub mod import;
pub mod reports;

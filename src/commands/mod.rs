//! Command-line tools beside the server.

pub mod generate;

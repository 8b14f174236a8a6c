//! `/v1/listings`: the directory's listings, filtered and paged.

mod handlers;
pub mod views;

pub use handlers::{get_listing, list_listings};

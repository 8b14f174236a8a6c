//! `/v1/listings`: the directory's listings, filtered and paged.

mod handlers;
pub mod views;

pub use handlers::{ListingQuery, get_listing, list_listings, listing_page};

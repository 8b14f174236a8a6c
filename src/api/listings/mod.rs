//! `/v1/listings`: the directory's listings, searched, filtered and paged.

mod geojson;
mod handlers;
pub mod hours;
pub mod ics;
pub mod jsonld;
pub mod views;

pub(crate) use handlers::zone_of;
pub use handlers::{ListingQuery, get_listing, list_listings, listing_page};
pub use ics::list_listing_events;

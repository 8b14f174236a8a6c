//! `/v1/listings`: the directory's listings, searched, filtered and paged.

mod geojson;
mod handlers;
pub mod hours;
pub mod ics;
mod single;
pub mod jsonld;
pub mod views;

pub(crate) use handlers::zone_of;
pub use handlers::{ListingQuery, list_listings, listing_page};
pub(crate) use single::written;
pub use single::get_listing;
pub use ics::list_listing_events;

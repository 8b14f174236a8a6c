//! `/v1/listings`: the directory's listings, searched, filtered and paged.

mod geojson;
mod handlers;
pub mod hours;
pub mod ics;
pub mod jsonld;
mod single;
pub mod views;

pub(crate) use handlers::zone_of;
pub(crate) use handlers::{ListingQuery, list_listings, listing_page};
pub(crate) use ics::list_listing_events;
pub(crate) use single::get_listing;
pub(crate) use single::written;

//! The directory's vocabulary: what a listing is and how a reader may ask
//! for listings. Nothing here knows about HTTP or SQL.

pub mod category;
pub mod content;
pub mod cursor;
pub mod editing;
pub mod feed;
pub mod freshness;
pub mod geo;
pub mod listing;
mod listing_builder;
pub mod parameter;
pub mod query;
pub mod reference;
pub mod reports;
pub mod sort;
pub mod weekly;

pub use category::Category;
pub use content::{MissingText, TextField};
pub use cursor::{Cursor, CursorKey};
pub use freshness::{Age, StaleAfter};
pub use listing::{
    AgeRange, ApplicationWindow, Capacity, Listing, ListingId, ListingText, Residency,
    VersionedListing,
};
pub use listing_builder::ListingBuilder;
pub use parameter::{InvalidParameter, ParameterProblem, expected_form};
pub use query::{ListingFilter, ListingParams, Near, OpenAt, PageLimit};
pub use reference::{City, District, ReferenceData};
pub use sort::Sort;

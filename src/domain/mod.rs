//! The directory's vocabulary: what a listing is and how a reader may ask
//! for listings. Nothing here knows about HTTP or SQL.

pub mod category;
pub mod editing;
pub mod listing;
pub mod query;
pub mod reference;

pub use category::Category;
pub use listing::{
    AgeRange, ApplicationWindow, Capacity, Listing, ListingId, ListingText, Residency,
};
pub use query::{
    Cursor, InvalidParameter, ListingFilter, ListingParams, PageLimit, ParameterProblem,
};
pub use reference::{City, District, ReferenceData};

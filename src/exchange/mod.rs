//! Listings in and out as documents: the JSON form writers send and the
//! audit trail keeps ([`ListingDocument`]), CSV import ([`import`]) and
//! export ([`export`]). Used by the API and the command line alike.

pub(crate) mod bom;
pub mod diff;
pub mod document;
pub mod export;
pub mod format;
pub mod open_data;
pub mod report;
pub mod row;
pub mod spreadsheet;

pub use document::{ListingDocument, LocationDocument, TextDocument};

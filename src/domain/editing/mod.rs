//! Editing the directory: who may write ([`Role`]), what a write asks for
//! ([`ListingDraft`]) and whether it makes a valid listing
//! ([`ListingDraft::validate`], which reports every invalid field with a
//! stable code the API localizes). No HTTP, no SQL.

mod draft;
mod field;
mod grant;
pub mod plain_text;
mod role;
pub(crate) mod shape;
mod validate;

pub use draft::{ListingDraft, TextDraft};
pub use field::{FieldArg, FieldError, FieldErrorCode};
pub use grant::{Denied, Grant, InvalidLocaleGrant, LocaleGrant};
pub use role::{AuditAction, Role, UnknownRole};
pub use validate::{ValidListing, ValidationContext};

#[cfg(test)]
mod tests;

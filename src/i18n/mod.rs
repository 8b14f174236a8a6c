//! Localization: the locales shipped under `locales/`, choosing one per
//! request, and formatting Fluent messages in it.
//!
//! A locale is a folder of `.ftl` files named by its BCP 47 tag; adding one
//! is adding a folder. `en` is the source locale: every message exists there
//! and every other locale falls back to it message by message.

mod accept_language;
pub mod check;
pub mod listing_ftl;
mod load;
pub mod messages;
mod registry;
mod source;
pub mod write_messages;

pub use accept_language::parse_accept_language;
pub use fluent_bundle::{FluentArgs, FluentValue};
pub use load::LocaleLoadError;
pub use registry::{Locale, Locales};
pub use source::LocaleSource;

/// The source locale, which every other locale falls back to.
pub const SOURCE_LOCALE: &str = "en";

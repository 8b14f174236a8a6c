//! A listing: one place, with its facts and its free text per locale.
//!
//! The serde derives are for the catalog's own snapshot file
//! (`catalog::snapshot`), not the API: its JSON shapes live in `api`.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::Category;

/// The locale every listing is expected to have text in, and the last
/// resort before any other locale when text is missing.
pub const SOURCE_LOCALE: &str = "en";

/// A listing's stable id: a lowercase ASCII slug such as `seoul-global-center`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct ListingId(String);

/// Why a string is not a listing id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidListingId;

impl ListingId {
    /// The longest id accepted, so that ids stay usable in URLs and logs.
    pub const MAX_LEN: usize = 120;

    /// Accepts `[a-z0-9]` words joined by single hyphens.
    pub fn parse(raw: &str) -> Result<Self, InvalidListingId> {
        let well_formed = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if well_formed {
            Ok(ListingId(raw.to_owned()))
        } else {
            Err(InvalidListingId)
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InvalidListingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a listing id (lowercase letters and digits, joined by single hyphens)")
    }
}

// The catalog's snapshot stores ids as strings; reading one back checks
// it as a request's id is checked.
impl TryFrom<String> for ListingId {
    type Error = InvalidListingId;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        ListingId::parse(&raw)
    }
}

impl From<ListingId> for String {
    fn from(id: ListingId) -> Self {
        id.0
    }
}

impl fmt::Display for ListingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub use super::geo::GeoPoint;

/// Who may use a place, by age (both ends inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgeRange {
    /// Youngest age admitted, if there is a lower bound.
    pub min: Option<u32>,
    /// Oldest age admitted, if there is an upper bound.
    pub max: Option<u32>,
}

/// When a programme takes applications. Either end may be unpublished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApplicationWindow {
    /// First instant applications are accepted.
    pub opens_at: Option<DateTime<Utc>>,
    /// Last instant applications are accepted.
    pub closes_at: Option<DateTime<Utc>>,
}

/// Where a window stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowStatus {
    /// Not open yet.
    Upcoming,
    /// Taking applications.
    Open,
    /// No longer taking applications.
    Closed,
}

impl WindowStatus {
    /// The stable code used in JSON and as the Fluent id suffix.
    pub fn code(self) -> &'static str {
        match self {
            WindowStatus::Upcoming => "upcoming",
            WindowStatus::Open => "open",
            WindowStatus::Closed => "closed",
        }
    }
}

impl ApplicationWindow {
    /// The window's status at `now`.
    pub fn status_at(&self, now: DateTime<Utc>) -> WindowStatus {
        match (self.opens_at, self.closes_at) {
            (Some(opens), _) if now < opens => WindowStatus::Upcoming,
            (_, Some(closes)) if now > closes => WindowStatus::Closed,
            _ => WindowStatus::Open,
        }
    }
}

/// Capacity facts, where published (e.g. study rooms for 2-10 people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Capacity {
    /// Number of rooms.
    pub rooms: Option<u32>,
    /// Smallest group a room is for.
    pub people_min: Option<u32>,
    /// Largest group a room is for.
    pub people_max: Option<u32>,
    /// Longest use per person per day, in hours.
    pub max_hours_per_day: Option<u32>,
    /// Number of teams or companies admitted.
    pub teams: Option<u32>,
}

impl Capacity {
    /// True when no capacity fact is known.
    pub fn is_empty(&self) -> bool {
        *self == Capacity::default()
    }
}

/// How long an incubator hosts a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Residency {
    /// Length of one residency period, in months.
    pub months: Option<u32>,
    /// Longest total stay with extensions, in months.
    pub max_months: Option<u32>,
}

/// A listing's free text in one locale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ListingText {
    /// The place's name.
    pub name: String,
    /// Postal address, where published.
    pub address: Option<String>,
    /// What the place is and how to use it.
    pub summary: Option<String>,
    /// Who may apply or use it, in words.
    pub eligibility: Option<String>,
}

/// A listing's text resolved for one reader: each field from the first
/// locale of the chain that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedText<'a> {
    /// The locale the name came from: the reader's, unless it had to fall back.
    pub content_locale: &'a str,
    /// The place's name.
    pub name: &'a str,
    /// Postal address.
    pub address: Option<&'a str>,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Eligibility in words.
    pub eligibility: Option<&'a str>,
}

/// A listing with the version of its row (`listings.version`, bumped by
/// every write), which its ETags (`"v<version>-<locale>"`) are built from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VersionedListing {
    /// The listing.
    pub listing: Listing,
    /// Its version.
    pub version: i64,
}

/// One place in the directory.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Listing {
    /// Stable slug.
    pub id: ListingId,
    /// What kind of place it is.
    pub category: Category,
    /// City code, e.g. `seoul`.
    pub city: String,
    /// District code within the city, e.g. `gangnam`.
    pub district: Option<String>,
    /// Where it is, where known.
    pub location: Option<GeoPoint>,
    /// True when `location` is only the district's centre (open data
    /// without coordinates), not the place itself.
    pub location_approximate: bool,
    /// Phone number as published, E.164-like (`+82-2-2075-4112`).
    pub phone: Option<String>,
    /// E-mail address as published.
    pub email: Option<String>,
    /// Web address as published.
    pub website: Option<String>,
    /// BCP 47 codes of the languages its staff speak.
    pub languages: Vec<String>,
    /// OpenStreetMap `opening_hours` expression.
    pub opening_hours: Option<String>,
    /// Who may use it, by age.
    pub age_range: Option<AgeRange>,
    /// When it takes applications.
    pub application_window: Option<ApplicationWindow>,
    /// Capacity facts.
    pub capacity: Capacity,
    /// Residency period, for incubators.
    pub residency: Option<Residency>,
    /// The source document the facts come from.
    pub source: String,
    /// True for generated demo data that names no real organisation.
    pub sample: bool,
    /// Date the facts were last known to be true.
    pub verified_at: Option<NaiveDate>,
    /// When the listing was added.
    pub created_at: DateTime<Utc>,
    /// When the listing last changed.
    pub updated_at: DateTime<Utc>,
    /// Free text by locale code.
    pub texts: BTreeMap<String, ListingText>,
}

impl Listing {
    /// True when the listing says where it is: coordinates, or an address
    /// in some locale (what HSDS calls a location).
    pub fn has_place(&self) -> bool {
        self.location.is_some() || self.texts.values().any(|text| text.address.is_some())
    }

    /// Resolves the free text for a reader of `locale`: every field comes
    /// from `locale`, else English, else the first locale that has it.
    /// `None` only when the listing has no text at all.
    pub fn text_for(&self, locale: &str) -> Option<ResolvedText<'_>> {
        let chain: Vec<(&str, &ListingText)> = [locale, SOURCE_LOCALE]
            .into_iter()
            .filter_map(|code| self.texts.get_key_value(code))
            .chain(self.texts.iter())
            .map(|(code, text)| (code.as_str(), text))
            .collect();
        let (content_locale, first) = chain.first().copied()?;
        let pick = |field: fn(&ListingText) -> Option<&String>| {
            chain
                .iter()
                .find_map(|(_, text)| field(text))
                .map(String::as_str)
        };
        Some(ResolvedText {
            content_locale,
            name: &first.name,
            address: pick(|t| t.address.as_ref()),
            summary: pick(|t| t.summary.as_ref()),
            eligibility: pick(|t| t.eligibility.as_ref()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn text(name: &str, summary: Option<&str>) -> ListingText {
        ListingText {
            name: name.into(),
            address: None,
            summary: summary.map(Into::into),
            eligibility: None,
        }
    }

    fn listing(texts: &[(&str, ListingText)]) -> Listing {
        let epoch = Utc.timestamp_opt(0, 0).unwrap();
        Listing {
            id: ListingId::parse("a-place").unwrap(),
            category: Category::ContactPoint,
            city: "seoul".into(),
            district: None,
            location: None,
            location_approximate: false,
            phone: None,
            email: None,
            website: None,
            languages: vec![],
            opening_hours: None,
            age_range: None,
            application_window: None,
            capacity: Capacity::default(),
            residency: None,
            source: "test".into(),
            sample: false,
            verified_at: None,
            created_at: epoch,
            updated_at: epoch,
            texts: texts
                .iter()
                .map(|(code, text)| (code.to_string(), text.clone()))
                .collect(),
        }
    }

    #[test]
    fn ids_are_lowercase_words_joined_by_single_hyphens() {
        assert!(ListingId::parse("seoul-global-center-2").is_ok());
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "한국", "a b"] {
            assert_eq!(ListingId::parse(bad), Err(InvalidListingId), "{bad:?}");
        }
        assert!(ListingId::parse(&"a".repeat(121)).is_err());
    }

    #[test]
    fn text_prefers_the_readers_locale() {
        let l = listing(&[
            ("en", text("Center", Some("E"))),
            ("ko", text("센터", Some("K"))),
        ]);
        let resolved = l.text_for("ko").unwrap();
        assert_eq!((resolved.content_locale, resolved.name), ("ko", "센터"));
        assert_eq!(resolved.summary, Some("K"));
    }

    #[test]
    fn a_missing_field_falls_back_to_english_field_by_field() {
        let l = listing(&[
            ("en", text("Center", Some("E"))),
            ("ja", text("センター", None)),
        ]);
        let resolved = l.text_for("ja").unwrap();
        assert_eq!((resolved.content_locale, resolved.name), ("ja", "センター"));
        assert_eq!(resolved.summary, Some("E"));
    }

    #[test]
    fn a_missing_locale_falls_back_to_english_then_any() {
        let l = listing(&[("en", text("Center", None))]);
        assert_eq!(l.text_for("zh-Hans").unwrap().content_locale, "en");
        let korean_only = listing(&[("ko", text("센터", None))]);
        assert_eq!(korean_only.text_for("ja").unwrap().content_locale, "ko");
        assert!(listing(&[]).text_for("en").is_none());
    }

    #[test]
    fn a_window_is_upcoming_open_then_closed() {
        let at = |day| Utc.with_ymd_and_hms(2018, 3, day, 0, 0, 0).unwrap();
        let window = ApplicationWindow {
            opens_at: Some(at(2)),
            closes_at: Some(at(4)),
        };
        assert_eq!(window.status_at(at(1)), WindowStatus::Upcoming);
        assert_eq!(window.status_at(at(3)), WindowStatus::Open);
        assert_eq!(window.status_at(at(5)), WindowStatus::Closed);
        let open_ended = ApplicationWindow {
            opens_at: None,
            closes_at: Some(at(4)),
        };
        assert_eq!(open_ended.status_at(at(1)), WindowStatus::Open);
    }
}

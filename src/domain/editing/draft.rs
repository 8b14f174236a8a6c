//! A listing as a writer sends it: every field optional and unchecked, so
//! that validation can report all mistakes at once rather than the first.

use std::collections::BTreeMap;

use chrono::SecondsFormat;

use crate::domain::Listing;

/// A listing's text in one locale, as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextDraft {
    /// The place's name (required in every locale given).
    pub name: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// What the place is.
    pub summary: Option<String>,
    /// Who may use it, in words.
    pub eligibility: Option<String>,
}

/// A listing as sent by an editor or read from an import row. Dates are
/// text (RFC 3339 instants, ISO dates) so that a malformed one is a field
/// error, not an unreadable request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListingDraft {
    /// Stable slug.
    pub id: Option<String>,
    /// The publisher's own id, the upsert key of imports.
    pub external_id: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// City code.
    pub city: Option<String>,
    /// District code within the city.
    pub district: Option<String>,
    /// Degrees north.
    pub latitude: Option<f64>,
    /// Degrees east.
    pub longitude: Option<f64>,
    /// The coordinates are the district's centre, not the place's.
    pub location_approximate: bool,
    /// Phone number, E.164-like.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Web address (http or https).
    pub website: Option<String>,
    /// BCP 47 codes of the languages staff speak.
    pub languages: Vec<String>,
    /// OpenStreetMap `opening_hours` expression.
    pub opening_hours: Option<String>,
    /// Youngest age admitted.
    pub min_age: Option<i64>,
    /// Oldest age admitted.
    pub max_age: Option<i64>,
    /// RFC 3339 instant applications open.
    pub application_opens_at: Option<String>,
    /// RFC 3339 instant applications close.
    pub application_closes_at: Option<String>,
    /// Number of rooms.
    pub capacity_rooms: Option<i64>,
    /// Smallest group a room is for.
    pub capacity_people_min: Option<i64>,
    /// Largest group a room is for.
    pub capacity_people_max: Option<i64>,
    /// Longest use per person per day, in hours.
    pub max_hours_per_day: Option<i64>,
    /// Teams admitted.
    pub capacity_teams: Option<i64>,
    /// One residency period, in months.
    pub residency_months: Option<i64>,
    /// Longest total residency, in months.
    pub max_residency_months: Option<i64>,
    /// Source document of the facts.
    pub source: Option<String>,
    /// Generated sample data.
    pub sample: bool,
    /// ISO date the facts were last checked.
    pub verified_at: Option<String>,
    /// Text by locale code.
    pub texts: BTreeMap<String, TextDraft>,
}

impl ListingDraft {
    /// The draft that validates back into `listing` (the starting point of
    /// a merge patch or an import row over an existing listing).
    pub fn from_listing(listing: &Listing, external_id: Option<&str>) -> Self {
        let window = listing.application_window;
        let instant =
            |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::AutoSi, true);
        let number = |v: Option<u32>| v.map(i64::from);
        ListingDraft {
            id: Some(listing.id.to_string()),
            external_id: external_id.map(str::to_owned),
            category: Some(listing.category.code().to_owned()),
            city: Some(listing.city.clone()),
            district: listing.district.clone(),
            latitude: listing.location.map(|p| p.latitude),
            longitude: listing.location.map(|p| p.longitude),
            location_approximate: listing.location_approximate,
            phone: listing.phone.clone(),
            email: listing.email.clone(),
            website: listing.website.clone(),
            languages: listing.languages.clone(),
            opening_hours: listing.opening_hours.clone(),
            min_age: number(listing.age_range.and_then(|a| a.min)),
            max_age: number(listing.age_range.and_then(|a| a.max)),
            application_opens_at: window.and_then(|w| w.opens_at).map(instant),
            application_closes_at: window.and_then(|w| w.closes_at).map(instant),
            capacity_rooms: number(listing.capacity.rooms),
            capacity_people_min: number(listing.capacity.people_min),
            capacity_people_max: number(listing.capacity.people_max),
            max_hours_per_day: number(listing.capacity.max_hours_per_day),
            capacity_teams: number(listing.capacity.teams),
            residency_months: number(listing.residency.and_then(|r| r.months)),
            max_residency_months: number(listing.residency.and_then(|r| r.max_months)),
            source: Some(listing.source.clone()),
            sample: listing.sample,
            verified_at: listing
                .verified_at
                .map(|d| d.format("%Y-%m-%d").to_string()),
            texts: listing
                .texts
                .iter()
                .map(|(locale, text)| {
                    (
                        locale.clone(),
                        TextDraft {
                            name: Some(text.name.clone()),
                            address: text.address.clone(),
                            summary: text.summary.clone(),
                            eligibility: text.eligibility.clone(),
                        },
                    )
                })
                .collect(),
        }
    }
}

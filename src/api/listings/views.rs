//! The JSON shape of listings, built from domain listings and labels.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use chrono_tz::Tz;

use super::hours;
use crate::api::labels::{CodedValue, Labels};
use crate::catalog::{Hit, OpenState};
use crate::domain::listing::GeoPoint;
use crate::domain::{AgeRange, ApplicationWindow, Capacity, Listing, Residency, StaleAfter};
use crate::i18n::messages;

/// A point on the map (WGS 84).
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationView {
    /// Degrees north.
    #[schema(example = 37.5172)]
    pub latitude: f64,
    /// Degrees east.
    #[schema(example = 127.0473)]
    pub longitude: f64,
}

/// Who may use the place.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibilityView {
    /// Youngest age admitted.
    #[schema(example = 18)]
    pub min_age: Option<u32>,
    /// Oldest age admitted.
    #[schema(example = 39)]
    pub max_age: Option<u32>,
    /// The age range in words, e.g. "Ages 18 to 39".
    pub age_label: Option<String>,
    /// Who may apply, in words (in `content_locale` or a fallback).
    pub description: Option<String>,
}

/// When applications are taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationWindowView {
    /// First instant applications are accepted (UTC).
    pub opens_at: Option<DateTime<Utc>>,
    /// Last instant applications are accepted (UTC).
    pub closes_at: Option<DateTime<Utc>>,
    /// `upcoming`, `open` or `closed`, as of the response.
    pub status: CodedValue,
    /// The window in words, counted in the city's days: "Applications
    /// close in 3 days".
    pub phrase: Option<String>,
}

/// Opening hours, evaluated in the city's time zone with its public holidays.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoursView {
    /// The hours in words in the response locale, when the expression is
    /// simple enough to describe exactly ("Mon–Fri 09:00–18:00").
    #[schema(example = "Mon–Fri 09:00–18:00; public holidays: closed")]
    pub description: Option<String>,
    /// `open`, `closed` or `unknown` at the time of the response.
    pub state: CodedValue,
    /// When the state next changes (UTC), where it can be computed.
    pub next_change: Option<DateTime<Utc>>,
}

/// Where a search matched a listing.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchView {
    /// `name`, `address`, `summary`, `eligibility`, `district`, `city` or `category`.
    #[schema(example = "name")]
    pub field: String,
    /// The locale of the text that matched, for the listing's own fields.
    #[schema(example = "ko")]
    pub locale: Option<String>,
}

/// Published capacity facts, each with a phrase in the response locale.
#[derive(Debug, Serialize, ToSchema)]
pub struct CapacityView {
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
    /// The facts above as localized phrases, in this order.
    pub labels: Vec<String>,
}

/// How long an incubator hosts a team.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResidencyView {
    /// One residency period, in months.
    pub months: Option<u32>,
    /// Longest total stay with extensions, in months.
    pub max_months: Option<u32>,
    /// The facts above as localized phrases.
    pub labels: Vec<String>,
}

/// One place in the directory, localized.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListingView {
    /// Stable slug.
    #[schema(example = "seoul-global-startup-center")]
    pub id: String,
    /// Kind of place.
    pub category: CodedValue,
    /// City.
    pub city: CodedValue,
    /// District, where known.
    pub district: Option<CodedValue>,
    /// Name, in `content_locale`.
    pub name: String,
    /// Postal address, where published.
    pub address: Option<String>,
    /// What the place is and how to use it.
    pub summary: Option<String>,
    /// The locale the name came from: the response locale unless the
    /// listing has no text in it (other fields fall back one by one).
    #[schema(example = "en")]
    pub content_locale: String,
    /// Where it is, where known.
    pub location: Option<LocationView>,
    /// True when `location` is the district's centre (open data without
    /// coordinates), not the place itself: do not draw a precise pin.
    pub location_approximate: bool,
    /// Phone number as published (E.164-like).
    #[schema(example = "+82-2-718-1170")]
    pub phone: Option<String>,
    /// E-mail address as published.
    pub email: Option<String>,
    /// Web address as published.
    pub website: Option<String>,
    /// Languages spoken by staff.
    pub languages: Vec<CodedValue>,
    /// OpenStreetMap `opening_hours` expression.
    #[schema(example = "Mo-Fr 09:00-18:00")]
    pub opening_hours: Option<String>,
    /// The opening hours evaluated and in words.
    pub hours: Option<HoursView>,
    /// Metres from `near`, when `near` is given and the location known.
    #[schema(example = 412.5)]
    pub distance_m: Option<f64>,
    /// Where `q` matched, when `q` is given.
    #[serde(rename = "match")]
    pub matched: Option<MatchView>,
    /// Who may use it.
    pub eligibility: Option<EligibilityView>,
    /// When it takes applications.
    pub application_window: Option<ApplicationWindowView>,
    /// Capacity facts.
    pub capacity: Option<CapacityView>,
    /// Residency period, for incubators.
    pub residency: Option<ResidencyView>,
    /// Source document of the facts.
    #[schema(example = "001_3249afde089393de.txt")]
    pub source: String,
    /// True for generated demo data that names no real organisation.
    pub sample: bool,
    /// Date the facts were last known to be true.
    pub verified_at: Option<NaiveDate>,
    /// True when `verified_at` is older than the service's `STALE_AFTER_DAYS`
    /// (or unknown): the facts may have changed since.
    pub stale: bool,
    /// When the listing was added.
    pub created_at: DateTime<Utc>,
    /// When the listing last changed.
    pub updated_at: DateTime<Utc>,
}

/// A page of listings.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListingPageView {
    /// The listings of this page, in id order.
    pub items: Vec<ListingView>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Listings matching the filters, over all pages.
    pub total: i64,
}

fn number(value: u32) -> i64 {
    i64::from(value)
}

impl ListingView {
    /// Localizes a listing.
    pub fn build(listing: &Listing, labels: &Labels<'_>) -> Self {
        let text = listing.text_for(labels.locale().tag());
        ListingView {
            id: listing.id.to_string(),
            category: labels.category(listing.category),
            city: labels.city(&listing.city),
            district: listing
                .district
                .as_deref()
                .map(|district| labels.district(&listing.city, district)),
            name: text
                .as_ref()
                .map(|t| t.name.to_owned())
                .unwrap_or_else(|| listing.id.to_string()),
            address: text.as_ref().and_then(|t| t.address).map(str::to_owned),
            summary: text.as_ref().and_then(|t| t.summary).map(str::to_owned),
            content_locale: text
                .as_ref()
                .map_or(labels.locale().tag(), |t| t.content_locale)
                .to_owned(),
            location: listing.location.map(
                |GeoPoint {
                     latitude,
                     longitude,
                 }| LocationView {
                    latitude,
                    longitude,
                },
            ),
            phone: listing.phone.clone(),
            email: listing.email.clone(),
            website: listing.website.clone(),
            languages: listing
                .languages
                .iter()
                .map(|code| labels.language(code))
                .collect(),
            location_approximate: listing.location_approximate,
            opening_hours: listing.opening_hours.clone(),
            hours: None,
            distance_m: None,
            matched: None,
            eligibility: eligibility(
                listing.age_range,
                text.as_ref().and_then(|t| t.eligibility),
                labels,
            ),
            application_window: listing
                .application_window
                .map(|window| application_window(window, labels)),
            capacity: (!listing.capacity.is_empty()).then(|| capacity(listing.capacity, labels)),
            residency: listing.residency.map(|r| residency(r, labels)),
            source: listing.source.clone(),
            sample: listing.sample,
            verified_at: listing.verified_at,
            stale: true,
            created_at: listing.created_at,
            updated_at: listing.updated_at,
        }
    }
}

impl ListingView {
    /// Localizes a catalog hit: the listing plus its hours evaluated now,
    /// its window in words, its distance, where a search matched, and
    /// whether its facts are older than `stale_after`.
    pub fn from_hit(hit: &Hit, labels: &Labels<'_>, zone: Tz, stale_after: StaleAfter) -> Self {
        let mut view = ListingView::build(&hit.listing, labels);
        view.stale = stale_after.is_stale(hit.listing.verified_at, labels.now.date_naive());
        view.hours = hit.schedule.as_ref().map(|schedule| {
            let state = match schedule.state(labels.now) {
                OpenState::Open => "open",
                OpenState::Closed => "closed",
                OpenState::Unknown => "unknown",
            };
            HoursView {
                description: hours::describe(&schedule.expression(), labels),
                state: CodedValue {
                    code: state.to_owned(),
                    name: labels.text(&format!("hours-state-{state}")),
                },
                next_change: schedule.next_change(labels.now),
            }
        });
        if let (Some(view_window), Some(window)) = (
            view.application_window.as_mut(),
            hit.listing.application_window.as_ref(),
        ) {
            view_window.phrase = Some(hours::window_phrase(window, zone, labels));
        }
        view.distance_m = hit.distance_m.map(|metres| (metres * 10.0).round() / 10.0);
        view.matched = hit.matched.as_ref().map(|matched| MatchView {
            field: matched.field.code().to_owned(),
            locale: matched.locale.clone(),
        });
        view
    }
}

fn eligibility(
    ages: Option<AgeRange>,
    description: Option<&str>,
    labels: &Labels<'_>,
) -> Option<EligibilityView> {
    if ages.is_none() && description.is_none() {
        return None;
    }
    let (min_age, max_age) = ages.map_or((None, None), |a| (a.min, a.max));
    let age_label = match (min_age, max_age) {
        (Some(min), Some(max)) => Some(labels.counted(
            messages::AGE_RANGE,
            &[("min", number(min)), ("max", number(max))],
        )),
        (Some(min), None) => Some(labels.counted(messages::AGE_MIN, &[("min", number(min))])),
        (None, Some(max)) => Some(labels.counted(messages::AGE_MAX, &[("max", number(max))])),
        (None, None) => None,
    };
    Some(EligibilityView {
        min_age,
        max_age,
        age_label,
        description: description.map(str::to_owned),
    })
}

fn application_window(window: ApplicationWindow, labels: &Labels<'_>) -> ApplicationWindowView {
    ApplicationWindowView {
        opens_at: window.opens_at,
        closes_at: window.closes_at,
        status: labels.window_status(window.status_at(labels.now)),
        phrase: None,
    }
}

fn capacity(capacity: Capacity, labels: &Labels<'_>) -> CapacityView {
    let mut phrases = Vec::new();
    if let Some(rooms) = capacity.rooms {
        phrases.push(labels.counted(messages::CAPACITY_ROOMS, &[("count", number(rooms))]));
    }
    if let (Some(min), Some(max)) = (capacity.people_min, capacity.people_max) {
        phrases.push(labels.counted(
            messages::CAPACITY_PEOPLE,
            &[("min", number(min)), ("max", number(max))],
        ));
    }
    if let Some(hours) = capacity.max_hours_per_day {
        phrases.push(labels.counted(messages::CAPACITY_HOURS, &[("hours", number(hours))]));
    }
    if let Some(teams) = capacity.teams {
        phrases.push(labels.counted(messages::CAPACITY_TEAMS, &[("count", number(teams))]));
    }
    CapacityView {
        rooms: capacity.rooms,
        people_min: capacity.people_min,
        people_max: capacity.people_max,
        max_hours_per_day: capacity.max_hours_per_day,
        teams: capacity.teams,
        labels: phrases,
    }
}

fn residency(residency: Residency, labels: &Labels<'_>) -> ResidencyView {
    let mut phrases = Vec::new();
    if let Some(months) = residency.months {
        phrases.push(labels.counted(messages::RESIDENCY_MONTHS, &[("months", number(months))]));
    }
    if let Some(max) = residency.max_months {
        phrases.push(labels.counted(messages::RESIDENCY_MAX_MONTHS, &[("months", number(max))]));
    }
    ResidencyView {
        months: residency.months,
        max_months: residency.max_months,
        labels: phrases,
    }
}

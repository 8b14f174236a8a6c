//! Turning a [`ListingDraft`] into a [`Listing`], or into the list of every
//! field that is wrong with it.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use unic_langid::LanguageIdentifier;

use super::draft::{ListingDraft, TextDraft};
use super::field::{FieldError, FieldErrorCode as Code};
use super::plain_text;
use super::shape;
use crate::domain::listing::{GeoPoint, SOURCE_LOCALE};
use crate::domain::{
    AgeRange, ApplicationWindow, Capacity, Category, Listing, ListingId, ListingText,
    ReferenceData, Residency,
};

/// What validation checks a draft against.
#[derive(Debug, Clone, Copy)]
pub struct ValidationContext<'a> {
    /// Known cities and districts.
    pub reference: &'a ReferenceData,
    /// Locales text may be given in: the shipped locale folders.
    pub locales: &'a [&'a str],
    /// The instant of the write: creation and update time.
    pub now: DateTime<Utc>,
    /// The source recorded when the draft names none.
    pub default_source: &'a str,
}

impl<'a> ValidationContext<'a> {
    /// The context of a write made now: the one way every write path
    /// builds it.
    pub fn new(
        reference: &'a ReferenceData,
        locales: &'a [&'a str],
        default_source: &'a str,
    ) -> Self {
        ValidationContext {
            reference,
            locales,
            now: Utc::now(),
            default_source,
        }
    }
}

/// A draft that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidListing {
    /// The listing, created and updated `now`.
    pub listing: Listing,
    /// The publisher's id, if any.
    pub external_id: Option<String>,
}

const MAX_ID: usize = ListingId::MAX_LEN;
const MAX_NAME: usize = 300;
const MAX_ADDRESS: usize = 500;
const MAX_SUMMARY: usize = 4000;
const MAX_SHORT: usize = 500;
const MAX_COUNT: i64 = 1_000_000;

/// Collects errors while fields are read.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// A text field: trimmed, empty as absent, at most `max` characters,
    /// in NFC and free of hidden controls (see [`plain_text`]).
    fn text(&mut self, field: &str, value: &Option<String>, max: usize) -> Option<String> {
        let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        let value = match plain_text::clean(value) {
            Ok(value) => value,
            Err(refused) => {
                self.fail(
                    FieldError::new(field, Code::HiddenCharacter)
                        .text("value", plain_text::code_point(refused)),
                );
                return None;
            }
        };
        if value.chars().count() > max {
            self.fail(FieldError::new(field, Code::TooLong).number("max", max as f64));
            return None;
        }
        Some(value)
    }

    fn required(&mut self, field: &str, value: &Option<String>, max: usize) -> Option<String> {
        let text = self.text(field, value, max);
        if text.is_none() && value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            self.fail(FieldError::new(field, Code::Required));
        }
        text
    }

    fn shaped(
        &mut self,
        field: &str,
        value: &Option<String>,
        expected: &str,
        ok: fn(&str) -> bool,
    ) -> Option<String> {
        let text = self.text(field, value, MAX_SHORT)?;
        if ok(&text) {
            Some(text)
        } else {
            self.fail(FieldError::new(field, Code::InvalidFormat).text("expected", expected));
            None
        }
    }

    fn count(&mut self, field: &str, value: Option<i64>, min: i64, max: i64) -> Option<u32> {
        let value = value?;
        match u32::try_from(value) {
            Ok(n) if (min..=max).contains(&value) => Some(n),
            _ => {
                self.fail(
                    FieldError::new(field, Code::OutOfRange)
                        .number("min", min as f64)
                        .number("max", max as f64),
                );
                None
            }
        }
    }

    fn ordered(&mut self, low: (&str, Option<u32>), high: (&str, Option<u32>)) {
        if let (Some(a), Some(b)) = (low.1, high.1) {
            if a > b {
                self.fail(FieldError::new(high.0, Code::WrongOrder).text("other", low.0));
            }
        }
    }

    fn degrees(&mut self, field: &str, value: f64, limit: f64) -> Option<f64> {
        if value.is_finite() && (-limit..=limit).contains(&value) {
            Some(value)
        } else {
            self.fail(
                FieldError::new(field, Code::OutOfRange)
                    .number("min", -limit)
                    .number("max", limit),
            );
            None
        }
    }

    fn instant(&mut self, field: &str, value: &Option<String>) -> Option<DateTime<Utc>> {
        let text = self.text(field, value, 64)?;
        match DateTime::parse_from_rfc3339(&text) {
            Ok(instant) => Some(instant.with_timezone(&Utc)),
            Err(_) => {
                self.fail(
                    FieldError::new(field, Code::InvalidFormat).text("expected", "date-time"),
                );
                None
            }
        }
    }
}

impl ListingDraft {
    /// Checks every field and builds the listing, or returns every error
    /// (in field order, at most one per field).
    pub fn validate(&self, ctx: &ValidationContext<'_>) -> Result<ValidListing, Vec<FieldError>> {
        let mut c = Checker { errors: Vec::new() };
        let id = c.required("id", &self.id, MAX_ID).and_then(|raw| {
            let parsed = ListingId::parse(&raw).ok();
            if parsed.is_none() {
                c.fail(FieldError::new("id", Code::InvalidFormat).text("expected", "slug"));
            }
            parsed
        });
        let external_id = c.text("external_id", &self.external_id, MAX_ID);
        let category = c.required("category", &self.category, 64).and_then(|raw| {
            let parsed = raw.parse::<Category>().ok();
            if parsed.is_none() {
                c.fail(FieldError::new("category", Code::UnknownValue).text("value", raw));
            }
            parsed
        });
        let city = c.required("city", &self.city, 64).and_then(|raw| {
            let known = ctx.reference.city(&raw).is_some();
            if !known {
                c.fail(FieldError::new("city", Code::UnknownValue).text("value", raw.clone()));
            }
            known.then_some(raw)
        });
        let district = c.text("district", &self.district, 64).and_then(|raw| {
            let known = city
                .as_deref()
                .is_none_or(|city| ctx.reference.district(city, &raw).is_some());
            if !known {
                c.fail(FieldError::new("district", Code::UnknownValue).text("value", raw.clone()));
            }
            known.then_some(raw)
        });
        let location = match (self.latitude, self.longitude) {
            (Some(lat), Some(lon)) => {
                let lat = c.degrees("location.latitude", lat, 90.0);
                let lon = c.degrees("location.longitude", lon, 180.0);
                lat.zip(lon).map(|(latitude, longitude)| GeoPoint {
                    latitude,
                    longitude,
                })
            }
            (Some(_), None) => {
                c.fail(
                    FieldError::new("location.longitude", Code::Incomplete)
                        .text("other", "location.latitude"),
                );
                None
            }
            (None, Some(_)) => {
                c.fail(
                    FieldError::new("location.latitude", Code::Incomplete)
                        .text("other", "location.longitude"),
                );
                None
            }
            (None, None) => None,
        };
        let phone = c.shaped("phone", &self.phone, "phone", shape::is_phone);
        let email = c.shaped("email", &self.email, "email", shape::is_email);
        let website = c.shaped("website", &self.website, "url", shape::is_web_url);
        let languages = languages(&mut c, &self.languages);
        let opening_hours = c
            .text("opening_hours", &self.opening_hours, MAX_SHORT)
            .and_then(|raw| {
                let parses = raw.parse::<opening_hours::OpeningHours>().is_ok();
                if !parses {
                    c.fail(FieldError::new("opening_hours", Code::InvalidOpeningHours));
                }
                parses.then_some(raw)
            });
        let min_age = c.count("min_age", self.min_age, 0, 150);
        let max_age = c.count("max_age", self.max_age, 0, 150);
        c.ordered(("min_age", min_age), ("max_age", max_age));
        let opens_at = c.instant("application_opens_at", &self.application_opens_at);
        let closes_at = c.instant("application_closes_at", &self.application_closes_at);
        if let (Some(opens), Some(closes)) = (opens_at, closes_at) {
            if opens >= closes {
                c.fail(
                    FieldError::new("application_closes_at", Code::WrongOrder)
                        .text("other", "application_opens_at"),
                );
            }
        }
        let capacity = Capacity {
            rooms: c.count("capacity.rooms", self.capacity_rooms, 0, MAX_COUNT),
            people_min: c.count(
                "capacity.people_min",
                self.capacity_people_min,
                0,
                MAX_COUNT,
            ),
            people_max: c.count(
                "capacity.people_max",
                self.capacity_people_max,
                0,
                MAX_COUNT,
            ),
            max_hours_per_day: c.count("capacity.max_hours_per_day", self.max_hours_per_day, 0, 24),
            teams: c.count("capacity.teams", self.capacity_teams, 0, MAX_COUNT),
        };
        c.ordered(
            ("capacity.people_min", capacity.people_min),
            ("capacity.people_max", capacity.people_max),
        );
        let months = c.count("residency.months", self.residency_months, 1, 600);
        let max_months = c.count("residency.max_months", self.max_residency_months, 1, 600);
        c.ordered(
            ("residency.months", months),
            ("residency.max_months", max_months),
        );
        let source = c
            .text("source", &self.source, MAX_SHORT)
            .unwrap_or_else(|| ctx.default_source.to_owned());
        let verified_at = c
            .text("verified_at", &self.verified_at, 32)
            .and_then(|raw| {
                let parsed = NaiveDate::parse_from_str(&raw, "%Y-%m-%d").ok();
                if parsed.is_none() {
                    c.fail(
                        FieldError::new("verified_at", Code::InvalidFormat)
                            .text("expected", "date"),
                    );
                }
                parsed
            });
        let texts = texts(&mut c, &self.texts, ctx.locales);

        if !c.errors.is_empty() {
            return Err(c.errors);
        }
        let (Some(id), Some(category), Some(city)) = (id, category, city) else {
            // Unreachable: each missing value above recorded an error.
            return Err(vec![FieldError::new("id", Code::Required)]);
        };
        let listing = Listing {
            id,
            category,
            city,
            district,
            location_approximate: self.location_approximate && location.is_some(),
            location,
            phone,
            email,
            website,
            languages,
            opening_hours,
            age_range: (min_age.is_some() || max_age.is_some()).then_some(AgeRange {
                min: min_age,
                max: max_age,
            }),
            application_window: (opens_at.is_some() || closes_at.is_some()).then_some(
                ApplicationWindow {
                    opens_at,
                    closes_at,
                },
            ),
            capacity,
            residency: (months.is_some() || max_months.is_some())
                .then_some(Residency { months, max_months }),
            source,
            sample: self.sample,
            verified_at,
            created_at: ctx.now,
            updated_at: ctx.now,
            texts,
        };
        Ok(ValidListing {
            listing,
            external_id,
        })
    }
}

/// BCP 47 tags in canonical form, sorted and without repeats (the order
/// they are read back in).
fn languages(c: &mut Checker, raw: &[String]) -> Vec<String> {
    let mut codes = Vec::new();
    for value in raw {
        match value.trim().parse::<LanguageIdentifier>() {
            Ok(tag) if !value.trim().is_empty() && value.len() <= 35 => codes.push(tag.to_string()),
            _ => {
                c.fail(
                    FieldError::new("languages", Code::InvalidFormat)
                        .text("expected", "language")
                        .text("value", value.clone()),
                );
                return Vec::new();
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

fn texts(
    c: &mut Checker,
    raw: &BTreeMap<String, TextDraft>,
    locales: &[&str],
) -> BTreeMap<String, ListingText> {
    let mut texts = BTreeMap::new();
    for (locale, draft) in raw {
        if !locales.contains(&locale.as_str()) {
            c.fail(
                FieldError::new(format!("texts.{locale}"), Code::UnknownValue)
                    .text("value", locale.clone()),
            );
            continue;
        }
        let field = |name: &str| format!("texts.{locale}.{name}");
        let name = c.required(&field("name"), &draft.name, MAX_NAME);
        let address = c.text(&field("address"), &draft.address, MAX_ADDRESS);
        let summary = c.text(&field("summary"), &draft.summary, MAX_SUMMARY);
        let eligibility = c.text(&field("eligibility"), &draft.eligibility, MAX_SUMMARY);
        if let Some(name) = name {
            texts.insert(
                locale.clone(),
                ListingText {
                    name,
                    address,
                    summary,
                    eligibility,
                },
            );
        }
    }
    if !raw.contains_key(SOURCE_LOCALE) {
        c.fail(FieldError::new(
            format!("texts.{SOURCE_LOCALE}.name"),
            Code::Required,
        ));
    }
    texts
}

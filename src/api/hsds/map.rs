//! Listings as HSDS objects, in the response locale.
//!
//! One listing is one service, provided by one organization of the same
//! name: the directory records no organisations, and grouping listings by
//! a shared phone or web site would invent relations the documents do not
//! state. A listing with an address or coordinates also has one location
//! and one service-at-location.

use chrono::{Offset, Utc};
use chrono_tz::Tz;

use super::ids::{self, Kind};
use super::model::{
    Address, Attribute, Language, Location, Organization, Phone, Schedule, Service,
    ServiceAtLocation, TaxonomyTerm,
};
use crate::api::labels::Labels;
use crate::api::listings::hours;
use crate::catalog::Hit;
use crate::domain::weekly::{WeeklyHours, weekly_hours};
use crate::domain::{Category, Listing, ReferenceData, StaleAfter};

/// Fluent ids used here, for the completeness test.
pub const MESSAGE_IDS: &[&str] = &[
    "hsds-taxonomy-name",
    "hsds-taxonomy-description",
    "hsds-term-description-real-estate",
    "hsds-term-description-job-cafe",
    "hsds-term-description-incubator",
    "hsds-term-description-contact-point",
    "hsds-application-from-to",
    "hsds-application-from",
    "hsds-application-until",
    "hsds-interpretation",
    "hsds-alert-stale",
    "hsds-alert-unverified",
];

/// What mapping needs besides the listing.
pub struct Mapper<'a> {
    /// Labels in the response locale.
    pub labels: &'a Labels<'a>,
    /// Cities, for names, zones and countries.
    pub reference: &'a ReferenceData,
    /// Age past which facts are stale.
    pub stale_after: StaleAfter,
}

fn weekday_code(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "MO",
        chrono::Weekday::Tue => "TU",
        chrono::Weekday::Wed => "WE",
        chrono::Weekday::Thu => "TH",
        chrono::Weekday::Fri => "FR",
        chrono::Weekday::Sat => "SA",
        chrono::Weekday::Sun => "SU",
    }
}

impl Mapper<'_> {
    fn zone(&self, listing: &Listing) -> Tz {
        self.reference
            .city(&listing.city)
            .and_then(|c| c.time_zone.parse().ok())
            .unwrap_or(Tz::UTC)
    }

    /// The directory's taxonomy term for a category.
    pub fn term(&self, category: Category) -> TaxonomyTerm {
        let code = category.code();
        TaxonomyTerm {
            id: ids::term(category),
            code: code.to_owned(),
            name: self.labels.category(category).name,
            description: self
                .labels
                .text(&format!("hsds-term-description-{}", code.replace('_', "-"))),
            taxonomy: self.labels.text("hsds-taxonomy-name"),
            taxonomy_id: ids::taxonomy(),
            // HSDS asks for ISO 639: `zh-Hans` is `zh`.
            language: self
                .labels
                .locale()
                .tag()
                .split('-')
                .next()
                .unwrap_or("en")
                .to_owned(),
        }
    }

    /// The organization of a listing: its one-to-one fields.
    pub fn organization(&self, listing: &Listing) -> Organization {
        let text = listing.text_for(self.labels.locale().tag());
        let name = text
            .as_ref()
            .map_or_else(|| listing.id.to_string(), |t| t.name.to_owned());
        Organization {
            id: ids::of(Kind::Organization, listing.id.as_str(), None),
            description: text
                .as_ref()
                .and_then(|t| t.summary)
                .map_or_else(|| name.clone(), str::to_owned),
            name,
            email: listing.email.clone(),
            website: listing.website.clone(),
            phones: None,
            locations: None,
            services: None,
        }
    }

    /// The organization with its phones, locations and service (fully
    /// nested with `full_services`, else its one-to-one fields).
    pub fn full_organization(&self, hit: &Hit, full_services: bool) -> Organization {
        let listing = &hit.listing;
        let mut organization = self.organization(listing);
        let organization_id = organization.id.clone();
        organization.phones = Some(
            listing
                .phone
                .iter()
                .map(|number| Phone {
                    id: ids::of(Kind::OrganizationPhone, listing.id.as_str(), None),
                    service_id: None,
                    organization_id: Some(organization_id.clone()),
                    number: number.clone(),
                    phone_type: "voice".into(),
                })
                .collect(),
        );
        organization.locations = Some(self.location(listing).into_iter().collect());
        organization.services = Some(vec![if full_services {
            self.full_service(hit)
        } else {
            self.service(listing)
        }]);
        organization
    }

    /// A service's one-to-one fields and its organization, as in lists.
    pub fn service(&self, listing: &Listing) -> Service {
        let id = listing.id.as_str();
        let labels = self.labels;
        let text = listing.text_for(labels.locale().tag());
        let ages = listing.age_range;
        let age_label = ages.and_then(|a| match (a.min, a.max) {
            (Some(min), Some(max)) => Some(labels.counted(
                "eligibility-age-range",
                &[("min", min.into()), ("max", max.into())],
            )),
            (Some(min), None) => {
                Some(labels.counted("eligibility-age-min", &[("min", min.into())]))
            }
            (None, Some(max)) => {
                Some(labels.counted("eligibility-age-max", &[("max", max.into())]))
            }
            (None, None) => None,
        });
        let today = labels.now.date_naive();
        let stale = self.stale_after.is_stale(listing.verified_at, today);
        let languages: Vec<String> = listing
            .languages
            .iter()
            .map(|code| labels.language(code).name)
            .collect();
        Service {
            id: ids::of(Kind::Service, id, None),
            organization_id: ids::of(Kind::Organization, id, None),
            name: text
                .as_ref()
                .map_or_else(|| id.to_owned(), |t| t.name.to_owned()),
            listing_id: id.to_owned(),
            description: text.as_ref().and_then(|t| t.summary).map(str::to_owned),
            url: listing.website.clone(),
            email: listing.email.clone(),
            status: "active".into(),
            interpretation_services: (!languages.is_empty()).then(|| {
                labels.with_texts(
                    "hsds-interpretation",
                    &[("languages", &languages.join(", "))],
                )
            }),
            application_process: self.application_process(listing),
            eligibility_description: text
                .as_ref()
                .and_then(|t| t.eligibility)
                .map(str::to_owned)
                .or(age_label),
            minimum_age: ages.and_then(|a| a.min),
            maximum_age: ages.and_then(|a| a.max),
            assured_date: listing.verified_at,
            alert: stale.then(|| match listing.verified_at {
                Some(date) => {
                    let at = date.and_time(chrono::NaiveTime::MIN).and_utc();
                    let date = hours::date(at, Tz::UTC, labels);
                    labels.with_texts("hsds-alert-stale", &[("date", &date)])
                }
                // No document dates the check: say so rather than print a dash.
                None => labels.text("hsds-alert-unverified"),
            }),
            last_modified: listing.updated_at,
            verified_at: listing.verified_at,
            stale,
            organization: Some(self.organization(listing)),
            phones: None,
            schedules: None,
            service_at_locations: None,
            languages: None,
            attributes: None,
        }
    }

    fn application_process(&self, listing: &Listing) -> Option<String> {
        let window = listing.application_window?;
        let zone = self.zone(listing);
        let day = |at| hours::date(at, zone, self.labels);
        Some(match (window.opens_at, window.closes_at) {
            (Some(opens), Some(closes)) => self.labels.with_texts(
                "hsds-application-from-to",
                &[("opens", &day(opens)), ("closes", &day(closes))],
            ),
            (Some(opens), None) => self
                .labels
                .with_texts("hsds-application-from", &[("opens", &day(opens))]),
            (None, Some(closes)) => self
                .labels
                .with_texts("hsds-application-until", &[("closes", &day(closes))]),
            (None, None) => return None,
        })
    }

    /// The full service: one-to-one fields and every related object.
    pub fn full_service(&self, hit: &Hit) -> Service {
        let listing = &hit.listing;
        let id = listing.id.as_str();
        let mut service = self.service(listing);
        let service_id = service.id.clone();
        service.phones = Some(
            listing
                .phone
                .iter()
                .map(|number| Phone {
                    id: ids::of(Kind::Phone, id, None),
                    service_id: Some(service_id.clone()),
                    organization_id: None,
                    number: number.clone(),
                    phone_type: "voice".into(),
                })
                .collect(),
        );
        service.languages = Some(
            listing
                .languages
                .iter()
                .map(|code| Language {
                    id: ids::of(Kind::Language, id, Some(code)),
                    service_id: service_id.clone(),
                    name: self.labels.language(code).name,
                    code: code.clone(),
                })
                .collect(),
        );
        service.schedules = Some(self.schedules(hit));
        service.service_at_locations = Some(
            self.service_at_location(listing, false)
                .into_iter()
                .collect(),
        );
        service.attributes = Some(vec![Attribute {
            id: ids::of(Kind::Attribute, id, None),
            link_id: service_id,
            link_entity: "service".into(),
            link_type: "category".into(),
            taxonomy_term_id: ids::term(listing.category),
            taxonomy_term: self.term(listing.category),
        }]);
        service
    }

    /// Weekly rules become `WEEKLY` schedules; hours that are not weekly
    /// rules (a one-day event, say) become one schedule with the hours in
    /// words and the raw expression, which every schedule carries in `notes`.
    fn schedules(&self, hit: &Hit) -> Vec<Schedule> {
        let listing = &hit.listing;
        let Some(expression) = listing.opening_hours.as_deref() else {
            return Vec::new();
        };
        let description = hit
            .schedule
            .as_ref()
            .and_then(|s| hours::describe(&s.expression(), self.labels));
        let zone = self.zone(listing);
        let offset_seconds = Utc::now()
            .with_timezone(&zone)
            .offset()
            .fix()
            .local_minus_utc();
        let offset = {
            let sign = if offset_seconds < 0 { '-' } else { '+' };
            let minutes = offset_seconds.unsigned_abs() / 60;
            format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        };
        let schedule = |number: usize, weekly: Option<&WeeklyHours>| Schedule {
            id: ids::of(
                Kind::Schedule,
                listing.id.as_str(),
                Some(&number.to_string()),
            ),
            service_id: ids::of(Kind::Service, listing.id.as_str(), None),
            freq: weekly.map(|_| "WEEKLY".into()),
            byday: weekly.map(|w| {
                w.days
                    .iter()
                    .map(|d| weekday_code(*d))
                    .collect::<Vec<_>>()
                    .join(",")
            }),
            opens_at: weekly.map(|w| format!("{}{offset}", WeeklyHours::clock(w.opens))),
            closes_at: weekly.map(|w| format!("{}{offset}", WeeklyHours::clock(w.closes))),
            timezone: weekly.map(|_| f64::from(offset_seconds) / 3600.0),
            description: description.clone(),
            notes: expression.to_owned(),
        };
        match weekly_hours(expression) {
            Some(rules) => rules
                .iter()
                .enumerate()
                .map(|(number, rule)| schedule(number, Some(rule)))
                .collect(),
            None => vec![schedule(0, None)],
        }
    }

    /// The listing's location, when it has an address or coordinates.
    pub fn location(&self, listing: &Listing) -> Option<Location> {
        let id = listing.id.as_str();
        let text = listing.text_for(self.labels.locale().tag());
        let address = text.as_ref().and_then(|t| t.address);
        if address.is_none() && listing.location.is_none() {
            return None;
        }
        let location_id = ids::of(Kind::Location, id, None);
        let city = self.labels.city(&listing.city).name;
        let country = self
            .reference
            .city(&listing.city)
            .map(|c| c.country_code.clone())
            .unwrap_or_default();
        Some(Location {
            id: location_id.clone(),
            location_type: "physical".into(),
            organization_id: ids::of(Kind::Organization, id, None),
            name: text
                .as_ref()
                .map_or_else(|| id.to_owned(), |t| t.name.to_owned()),
            latitude: listing.location.map(|p| p.latitude),
            longitude: listing.location.map(|p| p.longitude),
            addresses: address.map(|line| {
                vec![Address {
                    id: ids::of(Kind::Address, id, None),
                    location_id,
                    address_1: line.to_owned(),
                    city: city.clone(),
                    region: listing
                        .district
                        .as_deref()
                        .map(|d| self.labels.district(&listing.city, d).name),
                    state_province: city,
                    postal_code: String::new(),
                    country,
                    address_type: "physical".into(),
                }]
            }),
        })
    }

    /// The listing at its location; with the service's one-to-one fields
    /// when `with_service` (as `/hsds/service_at_locations` lists them).
    pub fn service_at_location(
        &self,
        listing: &Listing,
        with_service: bool,
    ) -> Option<ServiceAtLocation> {
        let location = self.location(listing)?;
        let id = listing.id.as_str();
        Some(ServiceAtLocation {
            id: ids::of(Kind::ServiceAtLocation, id, None),
            service_id: ids::of(Kind::Service, id, None),
            location_id: location.id.clone(),
            location: Some(location),
            service: with_service.then(|| Box::new(self.service(listing))),
            name: None,
            status: None,
        })
    }
}

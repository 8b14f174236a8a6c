//! A listing as schema.org JSON-LD (`Accept: application/ld+json` on
//! `GET /v1/listings/{id}`), for search engines and city pages.
//!
//! Types per category, each both an Organization and a Place so that
//! contact, `geo` and opening hours are all in their domains:
//! - `real_estate`: `RealEstateAgent`, what the offices are.
//! - `job_cafe`: `CivicStructure` + `Organization`: free public rooms run
//!   as a city programme; not `EmploymentAgency`, which places people in jobs.
//! - `incubator`: `LocalBusiness`: office space with an operator; schema.org
//!   has no incubator type.
//! - `contact_point`: `GovernmentOffice`: city departments and centres.
//!
//! Spoken languages go on a `ContactPoint` (`availableLanguage` belongs
//! there), and opening hours become `OpeningHoursSpecification`s only when
//! they are plain weekly rules ([`crate::domain::weekly`]).

use serde::Serialize;
use utoipa::ToSchema;

use crate::api::labels::Labels;
use crate::domain::weekly::{WeeklyHours, weekly_hours};
use crate::domain::{Category, Listing, ReferenceData};

/// The media type.
pub const MEDIA_TYPE: &str = "application/ld+json";

/// A typed node (`{"@type": …, …}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PostalAddress {
    /// `PostalAddress`
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// The address as published.
    #[serde(rename = "streetAddress", skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// The district, where known.
    #[serde(rename = "addressRegion", skip_serializing_if = "Option::is_none")]
    pub address_region: Option<String>,
    /// The city.
    #[serde(rename = "addressLocality")]
    pub address_locality: String,
    /// ISO 3166-1 alpha-2.
    #[serde(rename = "addressCountry")]
    pub address_country: String,
}

/// A point.
#[derive(Debug, Serialize, ToSchema)]
pub struct GeoCoordinates {
    /// `GeoCoordinates`
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
}

/// A language, named in the response locale.
#[derive(Debug, Serialize, ToSchema)]
pub struct LanguageNode {
    /// `Language`
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Name in the response locale.
    pub name: String,
    /// BCP 47 code.
    #[serde(rename = "alternateName")]
    pub alternate_name: String,
}

/// How to reach the place, and in which languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactPointNode {
    /// `ContactPoint`
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Languages spoken by staff.
    #[serde(rename = "availableLanguage")]
    pub available_language: Vec<LanguageNode>,
}

/// One weekly opening rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct OpeningHoursSpecification {
    /// `OpeningHoursSpecification`
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// `https://schema.org/Monday` …
    #[serde(rename = "dayOfWeek")]
    pub day_of_week: Vec<String>,
    /// `HH:MM`, local time.
    pub opens: String,
    /// `HH:MM`, local time.
    pub closes: String,
}

/// A listing as schema.org JSON-LD.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListingJsonLd {
    /// `https://schema.org`
    #[serde(rename = "@context")]
    pub context: &'static str,
    /// The schema.org type(s) of the category.
    #[serde(rename = "@type")]
    pub kind: Vec<&'static str>,
    /// The listing's URL in this API.
    #[serde(rename = "@id")]
    pub id: String,
    /// Name in the response locale.
    pub name: String,
    /// Summary in the response locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The response locale.
    #[serde(rename = "inLanguage")]
    pub in_language: String,
    /// The place's own web site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Postal address (the city, at least).
    pub address: PostalAddress,
    /// The point, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geo: Option<GeoCoordinates>,
    /// Contact and languages spoken.
    #[serde(rename = "contactPoint", skip_serializing_if = "Option::is_none")]
    pub contact_point: Option<ContactPointNode>,
    /// Weekly hours.
    #[serde(
        rename = "openingHoursSpecification",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub opening_hours_specification: Vec<OpeningHoursSpecification>,
}

fn types(category: Category) -> Vec<&'static str> {
    match category {
        Category::RealEstate => vec!["RealEstateAgent"],
        Category::JobCafe => vec!["CivicStructure", "Organization"],
        Category::Incubator => vec!["LocalBusiness"],
        Category::ContactPoint => vec!["GovernmentOffice"],
    }
}

fn day_iri(day: chrono::Weekday) -> String {
    let name = match day {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    };
    format!("https://schema.org/{name}")
}

impl ListingJsonLd {
    /// The listing in the labels' locale; `self_url` is its `@id`.
    pub fn build(
        listing: &Listing,
        labels: &Labels<'_>,
        reference: &ReferenceData,
        self_url: String,
    ) -> Self {
        let text = listing.text_for(labels.locale().tag());
        let languages: Vec<LanguageNode> = listing
            .languages
            .iter()
            .map(|code| LanguageNode {
                kind: "Language",
                name: labels.language(code).name,
                alternate_name: code.clone(),
            })
            .collect();
        let has_contact =
            listing.phone.is_some() || listing.email.is_some() || !languages.is_empty();
        ListingJsonLd {
            context: "https://schema.org",
            kind: types(listing.category),
            id: self_url,
            name: text
                .as_ref()
                .map_or_else(|| listing.id.to_string(), |t| t.name.to_owned()),
            description: text.as_ref().and_then(|t| t.summary).map(str::to_owned),
            in_language: labels.locale().tag().to_owned(),
            url: listing.website.clone(),
            telephone: listing.phone.clone(),
            email: listing.email.clone(),
            address: PostalAddress {
                kind: "PostalAddress",
                street_address: text.as_ref().and_then(|t| t.address).map(str::to_owned),
                address_region: listing
                    .district
                    .as_deref()
                    .map(|d| labels.district(&listing.city, d).name),
                address_locality: labels.city(&listing.city).name,
                address_country: reference
                    .city(&listing.city)
                    .map(|c| c.country_code.clone())
                    .unwrap_or_default(),
            },
            geo: listing.location.map(|p| GeoCoordinates {
                kind: "GeoCoordinates",
                latitude: p.latitude,
                longitude: p.longitude,
            }),
            contact_point: has_contact.then(|| ContactPointNode {
                kind: "ContactPoint",
                telephone: listing.phone.clone(),
                email: listing.email.clone(),
                available_language: languages,
            }),
            opening_hours_specification: listing
                .opening_hours
                .as_deref()
                .and_then(weekly_hours)
                .unwrap_or_default()
                .into_iter()
                .map(|rule| OpeningHoursSpecification {
                    kind: "OpeningHoursSpecification",
                    day_of_week: rule.days.iter().map(|d| day_iri(*d)).collect(),
                    opens: WeeklyHours::clock(rule.opens),
                    // schema.org's end of day is 23:59, not 24:00.
                    closes: WeeklyHours::clock(rule.closes.min(23 * 60 + 59)),
                })
                .collect(),
        }
    }
}

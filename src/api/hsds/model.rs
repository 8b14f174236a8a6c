//! HSDS 3.0 objects as this profile serves them (field names and formats
//! of the official schemas). Values the directory does not know are left
//! out rather than sent as `null`: the schemas type them as strings or
//! numbers, not as nullable.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::openapi::schema::{AnyOfBuilder, Schema};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// `GET /hsds/`: what this API is.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiInfo {
    /// HSDS version.
    #[schema(example = "3.0")]
    pub version: String,
    /// URL of the HSDS profile the API follows.
    pub profile: String,
    /// URL of the OpenAPI document defining the API.
    pub openapi_url: String,
}

/// An HSDS page (the specification's `Page`, with `contents`).
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// Items over all pages.
    pub total_items: u64,
    /// Pages of `size` items (at least 1).
    pub total_pages: u64,
    /// This page's number, from 1.
    pub page_number: u64,
    /// Items on this page.
    pub size: u64,
    /// True on page 1.
    pub first_page: bool,
    /// True on the last page.
    pub last_page: bool,
    /// True when nothing matched.
    pub empty: bool,
    /// The items.
    pub contents: Vec<T>,
}

/// A service: one directory listing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Service {
    /// UUIDv5 of the listing id.
    pub id: String,
    /// The organization of the listing.
    pub organization_id: String,
    /// Name in the response locale.
    pub name: String,
    /// Profile extension: the listing's id (`/v1/listings/{id}`).
    pub listing_id: String,
    /// Summary in the response locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Web address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Always `active`: the directory keeps no other state.
    pub status: String,
    /// Staff's languages in words, when any are listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpretation_services: Option<String>,
    /// The application window in words, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    /// Who may use it, in words (or the age range in words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility_description: Option<String>,
    /// Youngest age admitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_age: Option<u32>,
    /// Oldest age admitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_age: Option<u32>,
    /// The listing's `verified_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assured_date: Option<NaiveDate>,
    /// A warning in words when the facts are stale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    /// When the listing last changed.
    pub last_modified: DateTime<Utc>,
    /// Profile extension: date the facts were last known to be true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<NaiveDate>,
    /// Profile extension: true past `STALE_AFTER_DAYS` (or never verified).
    pub stale: bool,
    /// The organization (in lists, its one-to-one fields).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// Phone numbers (full service only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    /// Opening hours (full service only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedules: Option<Vec<Schedule>>,
    /// Where it is delivered (full service only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_at_locations: Option<Vec<ServiceAtLocation>>,
    /// Languages spoken by staff (full service only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// The category, as a term of the directory's taxonomy (full service only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<Attribute>>,
}

/// A service as `minimal=true` lists it: the fields the page schema
/// requires and its last change (the reference's "modified date").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MinimalService {
    /// UUIDv5 of the listing id.
    pub id: String,
    /// Name in the response locale.
    pub name: String,
    /// Always `active`.
    pub status: String,
    /// When the listing last changed.
    pub last_modified: DateTime<Utc>,
}

/// A service of `/hsds/services`: as listed, minimal or fully nested.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ServiceRecord {
    /// `minimal=true`.
    Minimal(MinimalService),
    /// One-to-one fields, or fully nested with `full=true`.
    Service(Box<Service>),
}

// By hand: utoipa makes an untagged enum a `oneOf`, and every service is
// also a valid minimal service, so it would match both.
impl utoipa::PartialSchema for ServiceRecord {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(Ref::from_schema_name(MinimalService::name()))
            .item(Ref::from_schema_name(Service::name()))
            .into()
    }
}

impl ToSchema for ServiceRecord {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((MinimalService::name().into(), MinimalService::schema()));
        <MinimalService as ToSchema>::schemas(schemas);
        schemas.push((Service::name().into(), Service::schema()));
        <Service as ToSchema>::schemas(schemas);
    }
}

/// The organization of a service: one per listing (see the README).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Organization {
    /// UUIDv5 of the listing id.
    pub id: String,
    /// The listing's name in the response locale.
    pub name: String,
    /// The listing's summary, else its name.
    pub description: String,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Web address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Phone numbers (full organization only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    /// Its locations (full organization only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<Location>>,
    /// Its service (full organization only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub services: Option<Vec<Service>>,
}

/// A phone number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Phone {
    /// UUIDv5.
    pub id: String,
    /// The service it reaches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// The organization it reaches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// As published (E.164-like).
    pub number: String,
    /// Always `voice`.
    #[serde(rename = "type")]
    pub phone_type: String,
}

/// A language spoken by staff.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Language {
    /// UUIDv5.
    pub id: String,
    /// The service.
    pub service_id: String,
    /// Name in the response locale.
    pub name: String,
    /// BCP 47 code (an ISO 639-1 code for the languages listed).
    pub code: String,
}

/// A weekly opening rule, or the hours in words where they are not
/// weekly rules.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Schedule {
    /// UUIDv5.
    pub id: String,
    /// The service.
    pub service_id: String,
    /// `WEEKLY` for a weekly rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// Comma-separated iCalendar weekdays: `MO,TU,WE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byday: Option<String>,
    /// Opening time with the city's UTC offset: `09:00+09:00`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    /// Closing time with the city's UTC offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    /// The city's UTC offset in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<f64>,
    /// All the listing's hours in words, in the response locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The OpenStreetMap `opening_hours` expression, as published.
    pub notes: String,
}

/// A place a service is delivered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Location {
    /// UUIDv5.
    pub id: String,
    /// Always `physical`.
    pub location_type: String,
    /// The organization.
    pub organization_id: String,
    /// The listing's name.
    pub name: String,
    /// Degrees north.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Degrees east.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// The postal address, when published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
}

/// A postal address in the response locale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Address {
    /// UUIDv5.
    pub id: String,
    /// The location.
    pub location_id: String,
    /// The address as published.
    pub address_1: String,
    /// The city's name.
    pub city: String,
    /// The district's name, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The city again: Seoul, Busan and Sejong are province-level cities.
    pub state_province: String,
    /// Empty: the documents publish no postal codes.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Always `physical`.
    pub address_type: String,
}

/// A service delivered at a location.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceAtLocation {
    /// UUIDv5.
    pub id: String,
    /// The service.
    pub service_id: String,
    /// The location.
    pub location_id: String,
    /// The location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The service: its one-to-one fields in lists, fully nested with
    /// `full=true` and at `/hsds/service_at_locations/{id}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub service: Option<Box<Service>>,
    /// Profile extension, when fully nested: the service's name. The 3.0
    /// reference gives `/service_at_locations/{id}` the service schema,
    /// which requires `name` and `status`, so the full record carries both
    /// and validates against either schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Profile extension, when fully nested: the service's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// A link from a service to a taxonomy term.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attribute {
    /// UUIDv5.
    pub id: String,
    /// The service.
    pub link_id: String,
    /// Always `service`.
    pub link_entity: String,
    /// Always `category`.
    pub link_type: String,
    /// The term.
    pub taxonomy_term_id: String,
    /// The term itself.
    pub taxonomy_term: TaxonomyTerm,
}

/// A term of the directory's category taxonomy.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaxonomyTerm {
    /// UUIDv5 of the category code.
    pub id: String,
    /// The category code: `real_estate`, `job_cafe`, `incubator`, `contact_point`.
    pub code: String,
    /// Name in the response locale.
    pub name: String,
    /// Description in the response locale.
    pub description: String,
    /// The taxonomy's name.
    pub taxonomy: String,
    /// The taxonomy.
    pub taxonomy_id: String,
    /// ISO 639-1 code of the language of `name` and `description`.
    pub language: String,
}

/// The directory's category taxonomy.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Taxonomy {
    /// UUIDv5.
    pub id: String,
    /// Name in the response locale.
    pub name: String,
    /// Description in the response locale.
    pub description: String,
    /// Version of the taxonomy.
    pub version: String,
}

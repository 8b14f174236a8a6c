//! The HTTP layer: thin handlers over the domain and the database, one
//! error type ([`error::ApiError`]) rendered as localized problem+json, and
//! the OpenAPI document generated from the handlers themselves.

pub mod access;
mod changes;
pub mod client;
pub mod editing;
pub mod embed;
pub mod error;
mod exports;
mod fallback;
mod health;
pub mod heavy;
pub mod hsds;
pub mod http;
pub mod labels;
pub mod listings;
pub mod locale;
mod locales;
pub mod metrics;
pub mod observe;
mod openapi;
pub mod params;
pub mod rate_limit;
mod reference;
pub mod reports;
pub mod required_messages;
mod respond;
pub mod sync;
mod translations;

use actix_web::{HttpRequest, web};
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

pub use fallback::{RouteTable, route_not_found};
pub use openapi::{ApiDoc, openapi_document};

use error::{ApiError, ErrorCode};

/// Registers every documented route. Handlers are added with `.service` so
/// that utoipa collects their paths into the OpenAPI document.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service(health::get_health)
        .service(health::get_readiness)
        .service(embed::get_listing_widget)
        .service(
            scope::scope("/v1")
                .service(listings::list_listings)
                // Before `/listings/{id}`, which would take `listings.ics` as an id.
                .service(listings::list_listing_events)
                .service(listings::get_listing)
                .service(changes::list_changes)
                .service(reference::list_categories)
                .service(reference::list_cities)
                .service(reference::list_districts)
                .service(locales::list_locales)
                .service(editing::create_listing)
                .service(editing::patch_listing)
                .service(editing::delete_listing)
                .service(editing::put_listing_content)
                .service(editing::get_listing_history)
                .service(editing::import_listings)
                .service(exports::export_listings_csv)
                .service(exports::export_listings_json)
                .service(editing::create_key)
                .service(editing::list_keys)
                .service(editing::revoke_key)
                .service(reports::create_report)
                .service(reports::list_reports)
                .service(reports::resolve_report)
                // Before `{locale}.ftl`, which would not match it anyway.
                .service(translations::list_missing_translations)
                .service(translations::export_translations)
                .service(editing::import_translations),
        )
        .service(
            scope::scope("/hsds")
                .service(hsds::get_hsds_info)
                .service(hsds::list_hsds_services)
                .service(hsds::get_hsds_service)
                .service(hsds::list_hsds_organizations)
                .service(hsds::get_hsds_organization)
                .service(hsds::list_hsds_service_at_locations)
                .service(hsds::get_hsds_service_at_location)
                .service(hsds::list_hsds_taxonomies)
                .service(hsds::get_hsds_taxonomy)
                .service(hsds::list_hsds_taxonomy_terms)
                .service(hsds::get_hsds_taxonomy_term),
        );
}

/// Extractor settings that turn actix's own errors into [`ApiError`]s, so
/// that they get the same localized problem body as everything else.
pub fn extractor_configs(config: &mut web::ServiceConfig) {
    config
        .app_data(
            web::QueryConfig::default().error_handler(|error, _: &HttpRequest| {
                tracing::debug!(%error, "query rejected");
                ApiError::new(ErrorCode::InvalidParameter).into()
            }),
        )
        .app_data(
            web::PathConfig::default().error_handler(|error, _: &HttpRequest| {
                tracing::debug!(%error, "path rejected");
                ApiError::new(ErrorCode::InvalidParameter).into()
            }),
        )
        .app_data(web::JsonConfig::default().limit(64 * 1024).error_handler(
            |error, _: &HttpRequest| {
                let code = match error {
                    actix_web::error::JsonPayloadError::OverflowKnownLength { .. }
                    | actix_web::error::JsonPayloadError::Overflow { .. } => {
                        ErrorCode::PayloadTooLarge
                    }
                    _ => ErrorCode::MalformedBody,
                };
                ApiError::new(code).into()
            },
        ));
}

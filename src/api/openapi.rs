//! The OpenAPI document: generated from the handlers' annotations, served
//! at `/openapi.json`, and committed as `openapi/openapi.json` (a test fails
//! when the two drift).

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use super::error::{ErrorCode, Problem};

/// Document-level information; paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Foreign-resident services directory",
        description = "Localized listings of global real-estate offices, job cafés, incubators and \
contact points for foreign residents of Seoul and its twin and partner cities.\n\n\
Every response is localized: pass `?lang=` or `Accept-Language` (en, ja, ko, zh-Hans; \
regions and scripts are matched, e.g. `ja-JP` → `ja`, `zh-TW` → `zh-Hans`). \
The chosen locale is returned in `Content-Language`. Every error is an RFC 9457 \
`application/problem+json` body with a stable `code` and a localized `detail`.\n\n\
Listing filters (`/v1/listings`, its calendar and widget, `/v1/categories`) and the HSDS \
parameters read an empty value (`?city=`) as absent, as HTML forms send \
it, and so do optional text members of a body (`\"email\": \"\"`); rules between parameters \
(`radius_m` needs `near`, say) are stated on each and refused with a 400, and rules a schema \
cannot state (a known city, a district of that city, an opening-hours expression that parses, \
`min_age` at most `max_age`) are refused with a 422 naming each field.",
        license(name = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "listings", description = "Places in the directory"),
        (name = "reference", description = "Categories, cities, districts and locales"),
        (name = "hsds", description = "Open Referral HSDS 3.0 profile: services, organizations, locations, the category taxonomy"),
        (name = "translations", description = "Listing content for translators: what is missing, Fluent export"),
        (name = "embed", description = "HTML for city web sites to show in an iframe"),
        (name = "health", description = "Probes for load balancers"),
        (name = "editing", description = "Writes (API key required), history, imports and exports"),
        (name = "keys", description = "API keys (admin key required)"),
        (name = "reports", description = "Verification reports: anyone reports a problem, editors resolve"),
    ),
    components(schemas(Problem, ErrorCode)),
    modifiers(&BearerKey)
)]
pub struct ApiDoc;

/// Declares the `api_key` scheme that writes name: `Authorization: Bearer <key>`.
struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API key (`dir_…`) from `directory keys create` or `POST /v1/keys`",
                    ))
                    .build(),
            ),
        );
    }
}

/// Says on every GET what [`super::http::caching::conditional_get`] does for
/// every GET: a successful answer carries an `ETag`, and `If-None-Match`
/// naming it is answered 304 without a body. Applied once the handlers'
/// paths are in the document.
struct Revalidation;

impl Modify for Revalidation {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};

        for item in openapi.paths.paths.values_mut() {
            let Some(get) = item.get.as_mut() else {
                continue;
            };
            get.responses
                .responses
                .entry("304".into())
                .or_insert_with(|| {
                    RefOr::T(
                        ResponseBuilder::new()
                            .description("Unchanged since the ETag in `If-None-Match`")
                            .build(),
                    )
                });
            let parameters = get.parameters.get_or_insert_with(Vec::new);
            if !parameters.iter().any(|p| p.name == "If-None-Match") {
                parameters.push(
                    ParameterBuilder::new()
                        .name("If-None-Match")
                        .parameter_in(ParameterIn::Header)
                        .description(Some("ETags from earlier answers (or `*`)"))
                        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                        .build(),
                );
            }
        }
    }
}

/// Says on every operation what the layers in front of its handler answer
/// for it, so that no generated client meets an undocumented status: a
/// keyed operation can be refused by [`super::access`] (401, 403), its
/// limits (429) or a missing database (503, where every key is checked);
/// a body can be malformed (400), too large (413) or of another media
/// type (415). The handlers' own, more precise descriptions stay.
struct LayerAnswers;

impl LayerAnswers {
    fn problem(description: &str, retry_after: bool) -> utoipa::openapi::RefOr<Response> {
        use utoipa::openapi::{ContentBuilder, RefOr};

        let mut response = ResponseBuilder::new().description(description).content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Problem",
                ))))
                .build(),
        );
        if retry_after {
            response = response.header("Retry-After", Self::retry_after());
        }
        RefOr::T(response.build())
    }

    fn retry_after() -> utoipa::openapi::header::Header {
        use utoipa::openapi::header::HeaderBuilder;
        use utoipa::openapi::schema::{ObjectBuilder, Type};

        HeaderBuilder::new()
            .schema(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0)),
            )
            .description(Some("Seconds to wait before trying again"))
            .build()
    }
}

impl Modify for LayerAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;

        let keyed: [(&str, &str, bool); 4] = [
            ("401", "No valid API key", false),
            ("403", "The key's role may not do this", false),
            (
                "429",
                "Too many requests from this key or address; see `Retry-After`",
                true,
            ),
            (
                "503",
                "The database is unavailable; see `Retry-After`",
                true,
            ),
        ];
        let with_body: [(&str, &str, bool); 4] = [
            (
                "400",
                "The body is not well-formed for its media type",
                false,
            ),
            ("413", "The body is larger than this operation takes", false),
            (
                "415",
                "The body's media type is not one this operation takes",
                false,
            ),
            (
                "503",
                "The database is unavailable; see `Retry-After`",
                true,
            ),
        ];
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                item.post.as_mut(),
                item.put.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
                item.get.as_mut(),
            ];
            for operation in operations.into_iter().flatten() {
                let mut answers: Vec<(&str, &str, bool)> = Vec::new();
                if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    answers.extend(keyed);
                }
                if operation.request_body.is_some() {
                    answers.extend(with_body);
                }
                for (status, description, retry_after) in answers {
                    operation
                        .responses
                        .responses
                        .entry(status.into())
                        .or_insert_with(|| Self::problem(description, retry_after));
                }
                // Every 429 and 503, a handler's own included, says when to
                // come back.
                for status in ["429", "503"] {
                    if let Some(RefOr::T(response)) = operation.responses.responses.get_mut(status)
                    {
                        response
                            .headers
                            .entry("Retry-After".into())
                            .or_insert_with(Self::retry_after);
                    }
                }
            }
        }
    }
}

/// Says what the list routes do with an empty query value (`?per_page=`,
/// `?category=` from a form's "any" choice): it counts as absent. OpenAPI's
/// `allowEmptyValue` is the keyword for it; utoipa has no field for it, so
/// it goes in as an extension key, serialized beside the others.
struct EmptyIsAbsent;

/// The routes whose query values count as absent when empty: every
/// listing filter, the widget and HSDS.
fn empty_is_absent(path: &str) -> bool {
    matches!(
        path,
        "/v1/listings" | "/v1/listings.geojson" | "/v1/listings.ics" | "/embed/listings"
    ) || path.starts_with("/hsds/")
}

impl Modify for EmptyIsAbsent {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;

        for (path, item) in &mut openapi.paths.paths {
            if !empty_is_absent(path) {
                continue;
            }
            let Some(parameters) = item.get.as_mut().and_then(|get| get.parameters.as_mut()) else {
                continue;
            };
            for parameter in parameters
                .iter_mut()
                .filter(|p| p.parameter_in == ParameterIn::Query && p.name != "lang")
            {
                parameter
                    .extensions
                    .get_or_insert_with(Default::default)
                    .insert("allowEmptyValue".into(), serde_json::Value::Bool(true));
            }
        }
    }
}

/// The full document, built the same way the server builds it.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, mut document) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(super::configure)
        .split_for_parts();
    Revalidation.modify(&mut document);
    LayerAnswers.modify(&mut document);
    EmptyIsAbsent.modify(&mut document);
    document
}

//! The OpenAPI document: generated from the handlers' annotations, served
//! at `/openapi.json`, and committed as `openapi/openapi.json` (a test fails
//! when the two drift).

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
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
parameters read an empty value (`?city=`) as absent, as HTML forms send it; rules between \
parameters (`radius_m` needs `near`, say) are stated on each and refused with a 400.",
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

/// Says on every GET what [`super::http_cache::conditional_get`] does for
/// every GET: a successful answer carries an `ETag`, and `If-None-Match`
/// naming it is answered 304 without a body. Applied once the handlers'
/// paths are in the document.
struct Revalidation;

impl Modify for Revalidation {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        use utoipa::openapi::{RefOr, ResponseBuilder};

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

/// The full document, built the same way the server builds it.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, mut document) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(super::configure)
        .split_for_parts();
    Revalidation.modify(&mut document);
    document
}

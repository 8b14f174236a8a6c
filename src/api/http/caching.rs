//! HTTP caching: every response carries a `Cache-Control` policy (public
//! only for an explicit list of public routes), every successful GET a
//! strong `ETag`, and `If-None-Match` is answered with 304.
//!
//! Mobile apps on metered connections revalidate instead of downloading a
//! page again, and city sites' caches keep the widget. The ETag is computed
//! here from the body the handler produced (the identity representation),
//! unless the handler set one itself (a version-based tag such as
//! `"v3-ja"`), which is respected and matched the same way.
//!
//! Content coding (RFC 9110 8.8.3): a gzip body is a different
//! representation from the identity body, so it must not share a strong
//! ETag. [`tag_content_coding`], placed outside the compression middleware,
//! appends the coding to the tag (`"…"` becomes `"…-br"`), keeping every
//! validator strong; [`conditional_get`] accepts either form in
//! `If-None-Match`, and its 304 echoes the tag the client holds.

use actix_web::body::{self, BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};

use crate::api::error::ApiError;

/// Lists and listings: fresh for a minute (the server-side response cache
/// lives 30 s), then served stale for ten while the cache revalidates.
pub const LIST_POLICY: &str = "public, max-age=60, stale-while-revalidate=600";
/// Cities, districts and the API description change with a deployment,
/// not with data. (`/v1/locales` reports translation progress and live
/// reloads, so it takes the list policy.)
pub const REFERENCE_POLICY: &str = "public, max-age=3600, stale-while-revalidate=86400";
/// Probes must reach the process every time.
pub const PROBE_POLICY: &str = "no-store";
/// Everything else: answers that need a key (reports with reporters'
/// addresses, keys, history), errors, and any route nobody has classified.
pub const PRIVATE_POLICY: &str = "private, no-store";

/// Bodies larger than this (or streamed) are not hashed: buffering them
/// would cost more memory than revalidation saves.
const MAX_HASHED_BODY: u64 = 16 * 1024 * 1024;

/// Content codings the compression middleware may apply.
const CODINGS: [&str; 4] = ["br", "gzip", "zstd", "deflate"];

/// The public routes, by route template, and how long shared caches may
/// keep their successful answers. A route missing here is private: a new
/// route is never cached by a CDN until someone decides it may be (a test
/// checks this table against the OpenAPI document's security requirements).
const PUBLIC_ROUTES: &[(&str, &str)] = &[
    ("/healthz", PROBE_POLICY),
    ("/readyz", PROBE_POLICY),
    ("/v1/listings", LIST_POLICY),
    ("/v1/listings.ics", LIST_POLICY),
    ("/v1/listings/{id}", LIST_POLICY),
    ("/v1/changes", LIST_POLICY),
    ("/v1/categories", LIST_POLICY),
    ("/v1/locales", LIST_POLICY),
    ("/v1/translations/missing", LIST_POLICY),
    ("/v1/translations/{locale}.ftl", LIST_POLICY),
    ("/v1/exports/listings.csv", LIST_POLICY),
    ("/v1/exports/listings.json", LIST_POLICY),
    ("/embed/listings", LIST_POLICY),
    ("/v1/cities", REFERENCE_POLICY),
    ("/v1/cities/{city}/districts", REFERENCE_POLICY),
    ("/openapi.json", REFERENCE_POLICY),
];

/// Route families that are public as a whole: the read-only HSDS profile
/// and Swagger UI's static files.
const PUBLIC_PREFIXES: &[(&str, &str)] = &[("/hsds", LIST_POLICY), ("/docs/", REFERENCE_POLICY)];

/// The `Cache-Control` policy of a successful GET of this route template
/// (`None` for routes that matched nothing).
pub fn policy_for(route: Option<&str>) -> &'static str {
    let Some(route) = route else {
        return PRIVATE_POLICY;
    };
    PUBLIC_ROUTES
        .iter()
        .find(|(template, _)| *template == route)
        .or_else(|| {
            PUBLIC_PREFIXES
                .iter()
                .find(|(prefix, _)| route.starts_with(prefix))
        })
        .map_or(PRIVATE_POLICY, |(_, policy)| *policy)
}

/// Sets `Cache-Control` on every response, in this one place. Only a
/// successful (200 or 304) answer to an unauthenticated GET of a public
/// route may be stored by a shared cache; everything else is
/// `private, no-store`, so that no CDN ever keeps an authenticated answer
/// or an error.
pub async fn cache_policy(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let shareable_request =
        req.method() == Method::GET && !req.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.call(req).await?;
    let status = response.status();
    let route = response.request().match_pattern();
    let policy =
        if shareable_request && (status == StatusCode::OK || status == StatusCode::NOT_MODIFIED) {
            policy_for(route.as_deref())
        } else {
            PRIVATE_POLICY
        };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    Ok(response)
}

/// A strong entity tag of the body bytes: xxh3-128 has no seed, so every
/// instance behind a load balancer computes the same tag for the same body.
pub fn strong_etag(body: &[u8]) -> String {
    format!("\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(body))
}

/// The tag in `If-None-Match` that matches `current` (weak comparison,
/// RFC 9110 13.1.2), directly or as its content-coded form.
fn matching_tag(if_none_match: &str, current: &str) -> Option<String> {
    let opaque = current.strip_prefix("W/").unwrap_or(current);
    let stem = opaque.strip_suffix('"')?;
    if_none_match
        .split(',')
        .map(str::trim)
        .find_map(|candidate| {
            if candidate == "*" {
                return Some(opaque.to_owned());
            }
            let tag = candidate.strip_prefix("W/").unwrap_or(candidate);
            let coded = CODINGS
                .iter()
                .any(|coding| tag == format!("{stem}-{coding}\""));
            (tag == opaque || coded).then(|| tag.to_owned())
        })
}

/// Adds `ETag` and `Cache-Control` to successful GETs and answers a
/// matching `If-None-Match` with 304 and no body. Errors get neither.
pub async fn conditional_get(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.method() != Method::GET {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response = next.call(req).await?;
    if response.status() != StatusCode::OK {
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (mut response, body) = response.into_parts();
    let (etag, body) = match response.headers().get(header::ETAG) {
        Some(set_by_handler) => (set_by_handler.clone(), BoxBody::new(body)),
        None => match body.size() {
            BodySize::Sized(size) if size <= MAX_HASHED_BODY => {
                let bytes = body::to_bytes(body).await.map_err(|error| {
                    let error: Box<dyn std::error::Error> = error.into();
                    ApiError::internal(&error)
                })?;
                let tag = HeaderValue::from_str(&strong_etag(&bytes))
                    .map_err(|error| ApiError::internal(&error))?;
                (tag, BoxBody::new(bytes))
            }
            _ => {
                let response = response.set_body(body).map_into_boxed_body();
                return Ok(ServiceResponse::new(request, response));
            }
        },
    };
    response.headers_mut().insert(header::ETAG, etag.clone());
    let current = etag.to_str().unwrap_or_default();
    let matched = if_none_match
        .as_deref()
        .and_then(|list| matching_tag(list, current));
    let response = match matched {
        Some(tag) => not_modified(&response, &tag),
        None => response.set_body(body),
    };
    Ok(ServiceResponse::new(request, response))
}

/// A 304 with the validator and caching headers of the full response
/// (RFC 9110 15.4.5) and the tag the client holds.
fn not_modified(full: &HttpResponse<()>, tag: &str) -> HttpResponse {
    let mut reply = HttpResponse::NotModified().finish();
    let headers = reply.headers_mut();
    for name in [
        header::CACHE_CONTROL,
        header::VARY,
        header::CONTENT_LOCATION,
    ] {
        for value in full.headers().get_all(&name) {
            headers.append(name.clone(), value.clone());
        }
    }
    match HeaderValue::from_str(tag) {
        Ok(value) => {
            headers.insert(header::ETAG, value);
            reply
        }
        Err(error) => ApiError::internal(&error).error_response(),
    }
}

/// After compression: gives a content-coded body its own strong tag, and
/// says on every validated GET that the body varies by `Accept-Encoding`
/// (actix only says so when it did compress).
pub async fn tag_content_coding(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let Some(etag) = headers
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return Ok(response);
    };
    let coding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .filter(|coding| CODINGS.contains(coding))
        .map(str::to_owned);
    if let (Some(coding), Some(stem)) = (coding.as_deref(), etag.strip_suffix('"')) {
        if !etag.starts_with("W/") && !stem.ends_with(&format!("-{coding}")) {
            if let Ok(coded) = HeaderValue::from_str(&format!("{stem}-{coding}\"")) {
                headers.insert(header::ETAG, coded);
            }
        }
    }
    let varies = headers.get_all(header::VARY).any(|value| {
        value
            .to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bodies_have_equal_strong_tags() {
        let tag = strong_etag(b"{\"items\":[]}");
        assert_eq!(tag, strong_etag(b"{\"items\":[]}"));
        assert_ne!(tag, strong_etag(b"{\"items\":[1]}"));
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34);
    }

    #[test]
    fn if_none_match_matches_weakly_and_in_coded_form() {
        let current = "\"abc\"";
        assert_eq!(matching_tag("\"abc\"", current).as_deref(), Some("\"abc\""));
        assert_eq!(
            matching_tag("W/\"abc\"", current).as_deref(),
            Some("\"abc\"")
        );
        assert_eq!(
            matching_tag("\"x\", \"abc-br\"", current).as_deref(),
            Some("\"abc-br\"")
        );
        assert_eq!(matching_tag("*", current).as_deref(), Some("\"abc\""));
        assert_eq!(matching_tag("\"abd\", \"abc-xz\"", current), None);
        assert_eq!(
            matching_tag("\"v3-ja-gzip\"", "\"v3-ja\"").as_deref(),
            Some("\"v3-ja-gzip\"")
        );
    }

    #[actix_web::test]
    async fn a_tag_set_by_the_handler_is_kept_and_revalidated() {
        use actix_web::middleware::from_fn;
        use actix_web::{App, test, web};

        let app = test::init_service(
            App::new()
                .route(
                    "/v1/listings/wego",
                    web::get().to(|| async {
                        HttpResponse::Ok()
                            .insert_header((header::ETAG, "\"v3-ja\""))
                            .body("{}")
                    }),
                )
                .wrap(from_fn(conditional_get)),
        )
        .await;
        let full = test::call_service(
            &app,
            test::TestRequest::get()
                .uri("/v1/listings/wego")
                .to_request(),
        )
        .await;
        assert_eq!(full.headers().get(header::ETAG).unwrap(), "\"v3-ja\"");
        for held in ["\"v3-ja\"", "\"v3-ja-gzip\""] {
            let request = test::TestRequest::get()
                .uri("/v1/listings/wego")
                .insert_header((header::IF_NONE_MATCH, held))
                .to_request();
            let reply = test::call_service(&app, request).await;
            assert_eq!(reply.status(), StatusCode::NOT_MODIFIED, "{held}");
            assert_eq!(reply.headers().get(header::ETAG).unwrap(), held);
            assert!(test::read_body(reply).await.is_empty());
        }
    }

    #[test]
    fn reference_data_is_cached_longer_than_lists_and_probes_not_at_all() {
        assert_eq!(policy_for(Some("/v1/listings")), LIST_POLICY);
        assert_eq!(policy_for(Some("/embed/listings")), LIST_POLICY);
        assert_eq!(
            policy_for(Some("/v1/cities/{city}/districts")),
            REFERENCE_POLICY
        );
        assert_eq!(policy_for(Some("/openapi.json")), REFERENCE_POLICY);
        assert_eq!(policy_for(Some("/readyz")), PROBE_POLICY);
        assert_eq!(policy_for(Some("/hsds/services/{id}")), LIST_POLICY);
    }

    #[test]
    fn unclassified_and_authenticated_routes_are_private() {
        for route in [
            "/v1/reports",
            "/v1/keys",
            "/v1/listings/{id}/history",
            "/v1/something-new",
        ] {
            assert_eq!(policy_for(Some(route)), PRIVATE_POLICY, "{route}");
        }
        assert_eq!(policy_for(None), PRIVATE_POLICY);
    }

    /// The table above against the OpenAPI document: no operation that
    /// takes a key is public, and every GET that takes none is classified
    /// (so a new public route is a decision, not an accident).
    #[test]
    fn the_public_routes_are_exactly_the_unauthenticated_gets() {
        let document = serde_json::to_value(crate::api::openapi_document()).unwrap();
        for (path, item) in document["paths"].as_object().unwrap() {
            let Some(get) = item.get("get") else { continue };
            let authenticated = get
                .get("security")
                .and_then(|s| s.as_array())
                .is_some_and(|s| !s.is_empty());
            let policy = policy_for(Some(path));
            if authenticated {
                assert_eq!(policy, PRIVATE_POLICY, "{path} takes a key");
            } else {
                assert_ne!(policy, PRIVATE_POLICY, "{path} is not classified");
            }
        }
    }
}

//! HTTP caching: every successful GET carries a strong `ETag` and a
//! `Cache-Control` policy, and `If-None-Match` is answered with 304.
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

use super::error::ApiError;

/// Lists and listings: fresh for a minute (the server-side response cache
/// lives 30 s), then served stale for ten while the cache revalidates.
pub const LIST_POLICY: &str = "public, max-age=60, stale-while-revalidate=600";
/// Cities, districts and the API description change with a deployment,
/// not with data. (`/v1/locales` reports translation progress and live
/// reloads, so it takes the list policy.)
pub const REFERENCE_POLICY: &str = "public, max-age=3600, stale-while-revalidate=86400";
/// Probes must reach the process every time.
pub const PROBE_POLICY: &str = "no-store";

/// Bodies larger than this (or streamed) are not hashed: buffering them
/// would cost more memory than revalidation saves.
const MAX_HASHED_BODY: u64 = 16 * 1024 * 1024;

/// Content codings the compression middleware may apply.
const CODINGS: [&str; 4] = ["br", "gzip", "zstd", "deflate"];

/// The `Cache-Control` policy of a GET path.
pub fn policy_for(path: &str) -> &'static str {
    let reference = path == "/v1/cities"
        || path.starts_with("/v1/cities/")
        || path == "/openapi.json"
        || path.starts_with("/docs/");
    if path == "/healthz" || path == "/readyz" {
        PROBE_POLICY
    } else if reference {
        REFERENCE_POLICY
    } else {
        LIST_POLICY
    }
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
    let policy = policy_for(req.path());
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
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag.clone());
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
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
        assert_eq!(
            full.headers().get(header::CACHE_CONTROL).unwrap(),
            LIST_POLICY
        );
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
        assert_eq!(policy_for("/v1/listings"), LIST_POLICY);
        assert_eq!(policy_for("/embed/listings"), LIST_POLICY);
        assert_eq!(policy_for("/v1/cities/seoul/districts"), REFERENCE_POLICY);
        assert_eq!(policy_for("/openapi.json"), REFERENCE_POLICY);
        assert_eq!(policy_for("/readyz"), PROBE_POLICY);
    }
}

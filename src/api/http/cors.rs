//! CORS, in one place: public reads answer every origin, anything else
//! (writes, and reads that carry a key) only the configured allowlist
//! (`CORS_ALLOWED_ORIGINS`).
//!
//! Public GETs send `Access-Control-Allow-Origin: *` rather than echoing the
//! origin, so one cached response serves every site and needs no
//! `Vary: Origin`. Preflights are answered here, before routing, and cached
//! by browsers for [`MAX_AGE_SECONDS`].

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

use crate::config::AllowedOrigins;

/// How long a browser may reuse a preflight answer (browsers cap it
/// lower: Chromium at two hours).
pub const MAX_AGE_SECONDS: u32 = 86_400;
/// Methods any origin may use.
const PUBLIC_METHODS: &str = "GET, HEAD";
/// Methods allowlisted origins may use.
const ALL_METHODS: &str = "GET, HEAD, POST, PUT, PATCH, DELETE";
/// Request headers a public read may send (beyond the safelisted ones).
const PUBLIC_HEADERS: &str = "Accept, Accept-Language, Content-Language, If-None-Match";
/// Request headers an allowlisted origin may send.
const ALL_HEADERS: &str = "Accept, Accept-Language, Content-Language, Content-Type, If-Match, If-None-Match, Authorization";
/// Response headers scripts may read besides the safelisted ones.
const EXPOSED: &str =
    "ETag, Content-Language, Allow, Location, Retry-After, Link, X-Data-Freshness, X-Request-Id";

fn is_public(method: &Method) -> bool {
    method == Method::GET || method == Method::HEAD
}

/// Answers preflights and adds CORS headers to responses.
pub async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let allowed = req
        .app_data::<web::Data<AllowedOrigins>>()
        .is_some_and(|origins| origins.allows(&origin));
    let requested = req
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<Method>().ok());
    if req.method() == Method::OPTIONS {
        if let Some(requested) = requested {
            let reply = preflight(&origin, &requested, allowed);
            return Ok(req.into_response(reply));
        }
    }
    // A read with a key (an admin console listing reports) follows the
    // allowlist like a write: the answer is readable by allowed origins
    // only.
    let public = is_public(req.method()) && !req.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.call(req).await?.map_into_boxed_body();
    let headers = response.headers_mut();
    let allow_origin = if public {
        Some(HeaderValue::from_static("*"))
    } else {
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
        allowed
            .then(|| HeaderValue::from_str(&origin).ok())
            .flatten()
    };
    if let Some(value) = allow_origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED),
        );
    }
    Ok(response)
}

/// The answer to a preflight. A refused one is a 204 without
/// `Access-Control-Allow-*`, which the browser reads as "no".
fn preflight(origin: &str, requested: &Method, allowed: bool) -> HttpResponse {
    let mut reply = HttpResponse::NoContent();
    let set = |reply: &mut actix_web::HttpResponseBuilder, name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            reply.insert_header((name, value));
        }
    };
    // An allowed origin gets the full header list for reads too, so that
    // its admin console may send `Authorization` on a GET.
    // The answer now depends on the origin, whichever branch it takes.
    set(&mut reply, header::VARY, "Origin");
    if is_public(requested) && !allowed {
        set(&mut reply, header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        set(
            &mut reply,
            header::ACCESS_CONTROL_ALLOW_METHODS,
            PUBLIC_METHODS,
        );
        set(
            &mut reply,
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            PUBLIC_HEADERS,
        );
    } else {
        if allowed {
            set(&mut reply, header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            set(
                &mut reply,
                header::ACCESS_CONTROL_ALLOW_METHODS,
                ALL_METHODS,
            );
            set(
                &mut reply,
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                ALL_HEADERS,
            );
        } else {
            return reply.finish();
        }
    }
    set(
        &mut reply,
        header::ACCESS_CONTROL_MAX_AGE,
        &MAX_AGE_SECONDS.to_string(),
    );
    reply.finish()
}

//! Browser-facing protection: CORS (reads from anywhere, writes only from
//! the configured origins) and security headers on every response.

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{RequestHead, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

/// CORS: any origin may read; only `allowed` origins may write.
pub fn cors(allowed: &[String]) -> Cors {
    let allowed: Vec<String> = allowed.to_vec();
    Cors::default()
        .allowed_origin_fn(move |origin, head| {
            let listed = origin
                .to_str()
                .is_ok_and(|origin| allowed.iter().any(|a| a == origin));
            listed || is_read(head)
        })
        .allowed_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::ACCEPT_LANGUAGE,
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::CONTENT_LANGUAGE,
        ])
        .max_age(3600)
}

/// A read, or the preflight of one.
fn is_read(head: &RequestHead) -> bool {
    let method = if head.method == Method::OPTIONS {
        head.headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|m| Method::from_bytes(m.as_bytes()).ok())
    } else {
        Some(head.method.clone())
    };
    matches!(method, Some(Method::GET | Method::HEAD))
}

/// JSON is never a document to render: no scripts, no frames, no sniffing.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
/// Swagger UI needs its own scripts, styles and images.
const DOCS_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/// Adds the security headers a handler did not set itself.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let docs = req.path().starts_with("/docs");
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            if docs { DOCS_CSP } else { API_CSP },
        ),
    ];
    // One Vary header: CORS and locale negotiation each add their own.
    let vary: Vec<String> = headers
        .get_all(header::VARY)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if vary.len() > 1 {
        let mut unique: Vec<String> = Vec::new();
        for value in vary {
            if !unique.iter().any(|u| u.eq_ignore_ascii_case(&value)) {
                unique.push(value);
            }
        }
        if let Ok(joined) = HeaderValue::from_str(&unique.join(", ")) {
            headers.insert(header::VARY, joined);
        }
    }
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    Ok(response)
}

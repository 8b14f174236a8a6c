//! Browser-facing protection: security headers on every response (CORS is
//! in `crate::api::http::cors`).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;

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
    // The widget is made to be framed; its own CSP names who may frame it.
    let embed = req.path().starts_with("/embed");
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
        if embed && name == header::X_FRAME_OPTIONS {
            continue;
        }
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    Ok(response)
}

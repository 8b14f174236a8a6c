//! The base of the absolute URLs that responses carry.

use actix_web::{HttpRequest, web};

use crate::config::PublicBaseUrl;

/// The base of absolute URLs in responses: `PUBLIC_BASE_URL`, or the
/// listening address when it is unset. Never the request's `Host`,
/// `X-Forwarded-Host` or `Forwarded`, which any client can set, and which
/// would then reach bodies that shared caches keep.
pub fn base_url(req: &HttpRequest) -> String {
    req.app_data::<web::Data<PublicBaseUrl>>()
        .map(|base| base.as_str().to_owned())
        .unwrap_or_default()
}

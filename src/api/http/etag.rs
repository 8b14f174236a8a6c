//! Entity tags of listings: `"v<version>-<locale>"`, strong and distinct
//! per localized representation. Writes compare only the version, so any
//! locale's tag of the current version may be sent in `If-Match`.

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderMap};

use crate::api::error::{ApiError, ErrorCode};

/// The ETag of version `version` in `locale`.
pub fn etag(version: i64, locale: &str) -> String {
    format!("\"v{version}-{locale}\"")
}

/// The entity tags of a header (`*` as `"*"`), possibly over several lines.
fn tags(headers: &HeaderMap, name: header::HeaderName) -> Option<Vec<String>> {
    let mut found = None;
    for value in headers.get_all(name) {
        let text = value.to_str().ok()?;
        found.get_or_insert_with(Vec::new).extend(
            text.split(',')
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned),
        );
    }
    found
}

/// The version of a strong tag of ours (`"v3-ja"` → 3).
fn version_of(tag: &str) -> Option<i64> {
    let inner = tag
        .strip_prefix('"')?
        .strip_suffix('"')?
        .strip_prefix('v')?;
    inner.split('-').next()?.parse().ok()
}

/// Checks `If-Match` against the current version: 428 when absent, 412
/// when no tag names the current version (`*` matches any).
pub fn check_if_match(req: &HttpRequest, current: i64, locale: &str) -> Result<(), ApiError> {
    let Some(tags) = tags(req.headers(), header::IF_MATCH) else {
        return Err(ApiError::new(ErrorCode::PreconditionRequired));
    };
    let matches = tags
        .iter()
        .any(|tag| tag == "*" || version_of(tag) == Some(current));
    if matches {
        Ok(())
    } else {
        Err(stale(current, locale))
    }
}

/// The 412 for a listing now at `current`.
pub fn stale(current: i64, locale: &str) -> ApiError {
    ApiError::new(ErrorCode::PreconditionFailed).with_text("etag", etag(current, locale))
}

/// True when `If-None-Match` names this exact representation (or `*`):
/// a GET then answers 304.
pub fn none_match_hits(req: &HttpRequest, tag: &str) -> bool {
    tags(req.headers(), header::IF_NONE_MATCH).is_some_and(|tags| {
        tags.iter()
            .any(|t| t == "*" || t == tag || t.strip_prefix("W/") == Some(tag))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn if_match_compares_versions_across_locales() {
        let req = TestRequest::default()
            .insert_header((header::IF_MATCH, "\"v3-ja\""))
            .to_http_request();
        assert!(check_if_match(&req, 3, "en").is_ok());
        let stale = check_if_match(&req, 4, "en").unwrap_err();
        assert_eq!(stale.code, ErrorCode::PreconditionFailed);
        let missing =
            check_if_match(&TestRequest::default().to_http_request(), 3, "en").unwrap_err();
        assert_eq!(missing.code, ErrorCode::PreconditionRequired);
        let weak = TestRequest::default()
            .insert_header((header::IF_MATCH, "W/\"v3-ja\""))
            .to_http_request();
        assert!(check_if_match(&weak, 3, "en").is_err());
    }

    #[test]
    fn if_none_match_needs_the_exact_representation() {
        let req = TestRequest::default()
            .insert_header((header::IF_NONE_MATCH, "\"v2-en\", \"v3-ko\""))
            .to_http_request();
        assert!(none_match_hits(&req, &etag(3, "ko")));
        assert!(!none_match_hits(&req, &etag(3, "en")));
    }
}

//! Rendering bodies through the response cache.

use std::sync::Arc;

use actix_web::HttpResponse;
use actix_web::http::header::ContentType;
use actix_web::web::Bytes;

use super::error::ApiError;
use super::state::AppState;

/// A rendered list body and the cursor of its next page.
#[derive(Clone)]
pub struct Rendered {
    /// The serialized body.
    pub body: Bytes,
    /// The next page's cursor, for the `Link` header.
    pub next_cursor: Option<String>,
    /// The representation's version-based ETag, where the handler has one.
    pub etag: Option<String>,
}

/// The cached rendering for `key`, or `render`'s output (a body and the
/// next page's cursor), cached. Only successes are cached. `render` must
/// take its locales from `state` itself, so that they are at least as new
/// as the generation in the key.
pub fn cached_body<F>(state: &AppState, key: Arc<str>, render: F) -> Result<Rendered, ApiError>
where
    F: FnOnce() -> Result<Rendered, serde_json::Error>,
{
    let key: Arc<str> = format!("{}|{key}", state.locales_generation()).into();
    if let Some(rendered) = state.cache.get(&key) {
        return Ok(rendered);
    }
    let rendered = render().map_err(|error| ApiError::internal(&error))?;
    state.cache.insert(key, rendered.clone());
    Ok(rendered)
}

/// A 200 with a JSON body.
pub fn json(body: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(ContentType::json())
        .body(body)
}

//! Building JSON responses, through the response cache.

use std::future::Future;
use std::sync::Arc;

use actix_web::HttpResponse;
use actix_web::http::header::ContentType;
use actix_web::web::Bytes;
use serde::Serialize;

use super::error::ApiError;
use super::state::AppState;

/// Answers with the cached body for `key`, or renders `view`, caches it
/// and answers with it. Only successes are cached.
pub async fn cached_json<V, F>(
    state: &AppState,
    key: Arc<str>,
    view: F,
) -> Result<HttpResponse, ApiError>
where
    V: Serialize,
    F: Future<Output = Result<V, ApiError>>,
{
    let body = match state.cache.get(&key) {
        Some(body) => body,
        None => {
            let rendered = serde_json::to_vec(&view.await?)
                .map(Bytes::from)
                .map_err(|error| ApiError::internal(&error))?;
            state.cache.insert(key, rendered.clone());
            rendered
        }
    };
    Ok(json(body))
}

/// A 200 with a JSON body.
pub fn json(body: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(ContentType::json())
        .body(body)
}

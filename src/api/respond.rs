//! Rendering bodies through the response cache.

use std::sync::Arc;

use actix_web::HttpResponse;
use actix_web::http::header::ContentType;
use actix_web::web::Bytes;

use super::error::ApiError;
use super::heavy::HeavyWork;
pub(super) use crate::app::cache::Rendered;
use crate::app::state::AppState;
use crate::domain::ListingFilter;

/// Who a rendered body is for: the route, the request's parsed (so
/// canonical) parameters and the response locale. The one way to name a
/// cached body; [`cached_body`] adds the locale generation.
#[derive(Debug, Clone)]
pub(super) struct CacheKey(Option<Arc<str>>);

impl CacheKey {
    /// The body of `route` for these parsed parameters in `locale`.
    pub(super) fn new(route: &str, parameters: &impl std::fmt::Debug, locale: &str) -> Self {
        CacheKey(Some(format!("{route}|{parameters:?}|{locale}").into()))
    }

    /// Like [`CacheKey::new`] for a listing query, but no key at all (the
    /// answer is rendered and not kept) when the query names a continuous
    /// value that almost never repeats, so that varying it cannot fill
    /// the cache.
    pub(super) fn for_filter(
        route: &str,
        filter: &ListingFilter,
        representation: &impl std::fmt::Debug,
        locale: &str,
    ) -> Self {
        if filter.repeats_rarely() {
            CacheKey(None)
        } else {
            CacheKey::new(route, &(filter, representation), locale)
        }
    }
}

/// The cached rendering for `key`, or `render`'s output (a body and the
/// next page's cursor), cached. Only successes are cached. `render` must
/// take its locales from `state` itself, so that they are at least as new
/// as the generation in the key (which is what makes a locale reload
/// reach every cached body at once).
pub(super) fn cached_body<F, E>(
    state: &AppState,
    key: CacheKey,
    render: F,
) -> Result<Rendered, ApiError>
where
    F: FnOnce() -> Result<Rendered, E>,
    E: Into<ApiError>,
{
    let key = generational(state, key);
    if let Some(rendered) = key.as_ref().and_then(|key| state.cache.get(key)) {
        return Ok(rendered);
    }
    let rendered = render().map_err(Into::into)?;
    keep(state, key, &rendered);
    Ok(rendered)
}

/// [`cached_body`] for a rendering too heavy for a request thread: on a
/// miss, `render` runs on the blocking pool under a [`HeavyWork`] permit.
pub(super) async fn cached_body_off_thread<F>(
    state: &AppState,
    heavy: &HeavyWork,
    key: CacheKey,
    render: F,
) -> Result<Rendered, ApiError>
where
    F: FnOnce() -> Result<Rendered, ApiError> + Send + 'static,
{
    let key = generational(state, key);
    if let Some(rendered) = key.as_ref().and_then(|key| state.cache.get(key)) {
        return Ok(rendered);
    }
    let rendered = heavy.run(render).await?;
    keep(state, key, &rendered);
    Ok(rendered)
}

/// The key with the locale generation and the catalog's change id read
/// now, before rendering. The change id closes a race: a body rendered
/// from the catalog just before it caught up, and kept just after the
/// catch-up cleared the cache, is kept under the old id, which no later
/// request asks for (it would otherwise be served until the next change).
fn generational(state: &AppState, key: CacheKey) -> Option<Arc<str>> {
    key.0.map(|key| {
        let change = state.catalog().read().change_id();
        format!("{}|{change}|{key}", state.locales_generation()).into()
    })
}

fn keep(state: &AppState, key: Option<Arc<str>>, rendered: &Rendered) {
    if let Some(key) = key {
        state.cache.insert(key, rendered.clone());
    }
}

/// A 200 with a JSON body.
pub(super) fn json(body: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(ContentType::json())
        .body(body)
}

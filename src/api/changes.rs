//! `GET /v1/changes`: the change feed for offline apps. Each listing
//! changed after the cursor comes once, in the order of its latest change:
//! live ones as the localized view of `GET /v1/listings/{id}`, deleted ones
//! as tombstones. A client replaying it from the start holds exactly the
//! live listings.

use std::sync::Arc;

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::error::{ApiError, Problem};
use crate::api::labels::Labels;
use crate::api::listings::views::ListingView;
use crate::api::listings::zone_of;
use crate::api::locale::RequestLocale;
use crate::api::params;
use crate::app::state::AppState;
use crate::catalog::Hit;
use crate::db::changes::{self, ChangedListing};
use crate::domain::feed::{self, FeedCursor};

/// Query parameters of `GET /v1/changes`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ChangesQuery {
    /// The `next_cursor` of the previous page; none to start from the
    /// beginning. Opaque: only values the server handed out are accepted.
    #[param(value_type = Option<params::Token>, inline)]
    since: Option<String>,
    /// Changes per page, 1 to 1000 (default 100).
    #[param(value_type = Option<params::FeedPageSize>, inline, example = 100)]
    limit: Option<String>,
}

/// A deleted listing: remove it.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TombstoneView {
    /// The deleted listing's id.
    #[schema(example = "mapo-help-desk")]
    pub id: String,
    /// Always `true`: tells a tombstone from a listing.
    pub deleted: bool,
    /// When it was deleted (UTC).
    pub deleted_at: DateTime<Utc>,
}

/// One entry of the feed: a listing to upsert, or a tombstone.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub(super) enum ChangeView {
    /// The listing as it is now, localized.
    Listing(Box<ListingView>),
    /// The listing was deleted.
    Deleted(TombstoneView),
}

/// A page of the change feed.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ChangePageView {
    /// Changed listings, oldest change first.
    pub changes: Vec<ChangeView>,
    /// Pass as `since` to continue; store it to sync again later.
    pub next_cursor: String,
    /// `true` when more changes follow right now.
    pub has_more: bool,
}

/// The change feed: listings created, updated or deleted after a cursor.
#[utoipa::path(
    tag = "listings",
    params(ChangesQuery, ("lang" = Option<String>, Query, description = "Response locale (overrides `Accept-Language`), e.g. `ko`")),
    responses(
        (status = 200, description = "Changes after `since`, in commit order", body = ChangePageView),
        (status = 400, description = "`since` or `limit` is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is not reachable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/changes")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_changes(
    state: web::Data<AppState>,
    query: web::Query<ChangesQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let since = match &query.since {
        Some(raw) => FeedCursor::decode(raw)?,
        None => FeedCursor::START,
    };
    let limit = feed::parse_limit(query.limit.as_deref())?;
    // One more than asked tells whether more follow.
    let mut found = state
        .db
        .run(move |conn| changes::since(conn, since.0, limit + 1))
        .await?;
    let has_more = found.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = found.last().map_or(since, |last| FeedCursor(last.seq));
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let changes = found
        .into_iter()
        .map(|changed| view(&state, &labels, changed))
        .collect();
    Ok(HttpResponse::Ok().json(ChangePageView {
        changes,
        next_cursor: next.encode(),
        has_more,
    }))
}

/// The feed entry of a changed listing.
fn view(state: &AppState, labels: &Labels<'_>, changed: ChangedListing) -> ChangeView {
    if let Some(at) = changed.deleted_at {
        return ChangeView::Deleted(TombstoneView {
            id: changed.listing.id.to_string(),
            deleted: true,
            deleted_at: at.and_utc(),
        });
    }
    // Built as `GET /v1/listings/{id}` builds it, hours included.
    let schedule = state
        .catalog()
        .read()
        .schedule_of(changed.listing.id.as_str());
    let hit = Hit {
        listing: Arc::new(changed.listing),
        schedule,
        distance_m: None,
        rank: 0,
        matched: None,
    };
    let zone = zone_of(state, &hit.listing.city);
    ChangeView::Listing(Box::new(ListingView::from_hit(
        &hit,
        labels,
        zone,
        state.stale_after(),
    )))
}

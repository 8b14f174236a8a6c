//! `GET /v1/listings/{id}/history`: every recorded write of a listing
//! (editors, admins).

use actix_web::{HttpResponse, get, web};

use super::auth::Caller;
use super::views::{AuditImportView, AuditKeyView, HistoryEntryView, HistoryView};
use super::write::{load, parse_id};
use crate::api::error::{ApiError, Problem};
use crate::app::state::AppState;
use crate::db::audit;
use crate::domain::editing::AuditAction;

/// Every recorded write of a listing, deleted listings included (editor or
/// admin).
#[utoipa::path(
    tag = "editing",
    params(("id" = String, Path, description = "The listing's id", example = "seoul-global-center")),
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 200, description = "The history, oldest first", body = HistoryView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Translator keys may not read history", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No listing has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings/{id}/history")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn get_listing_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let stored = load(&state, &id).await?;
    let lookup = id.to_string();
    let entries = state
        .db
        .run(move |conn| audit::history(conn, &lookup))
        .await?;
    if stored.is_none() && entries.is_empty() {
        return Err(ApiError::listing_not_found(id.as_str()));
    }
    let parse = |json: Option<String>| json.and_then(|text| serde_json::from_str(&text).ok());
    let items = entries
        .into_iter()
        .map(|entry| HistoryEntryView {
            id: entry.id,
            action: AuditAction::parse(&entry.action)
                .map_or(entry.action.clone(), |a| a.code().to_owned()),
            key: entry.key_id.map(|key_id| AuditKeyView {
                id: key_id,
                name: entry.key_name.clone(),
            }),
            at: entry.at.and_utc(),
            import: entry.import.map(|import| AuditImportView {
                id: import.id,
                at: import.at.and_utc(),
                sha256: import.sha256,
                rows: import.rows_read,
                created: import.created,
                updated: import.updated,
                unchanged: import.unchanged,
            }),
            before: parse(entry.before),
            after: parse(entry.after),
        })
        .collect();
    Ok(HttpResponse::Ok().json(HistoryView {
        listing_id: id.to_string(),
        deleted: stored.is_none_or(|s| s.deleted),
        items,
    }))
}

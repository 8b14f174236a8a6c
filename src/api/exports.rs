//! `GET /v1/exports/listings.csv` and `.json`: every live listing, public
//! like every read. An export is streamed a page at a time (one page in
//! memory, a database connection held only while a page is read) under a
//! permit of [`HeavyWork`], and carries a weak ETag of the data version, so
//! a client that has the current export gets a 304 without any work.

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use futures_util::stream::{self, Stream};
use tokio::sync::OwnedSemaphorePermit;

use super::error::{ApiError, Problem};
use super::heavy::HeavyWork;
use crate::app::state::AppState;
use crate::db::{Database, DbError, audit};
use crate::exchange::ListingDocument;
use crate::exchange::export::{self, ExportFormat};

/// Where a streamed export is.
enum Step {
    /// Nothing sent yet.
    Start,
    /// Pages sent; the last listing id sent, if any.
    After(Option<String>),
    /// The last bytes are sent.
    Done,
}

/// The export's bytes, page by page; the permit is released when the
/// stream ends or the client goes away.
fn pages(
    db: Database,
    format: ExportFormat,
    permit: OwnedSemaphorePermit,
) -> impl Stream<Item = Result<Bytes, actix_web::Error>> {
    stream::unfold(
        (Step::Start, db, format, permit),
        |(step, db, format, permit)| async move {
            let (bytes, next) = match step {
                Step::Done => return None,
                Step::Start => (format.start(), Step::After(None)),
                Step::After(after) => {
                    let first = after.is_none();
                    let cursor = after.clone();
                    match db
                        .run(move |conn| export::read_page(conn, cursor.as_deref()))
                        .await
                    {
                        Err(error) => (Err(error), Step::Done),
                        Ok(page) if page.is_empty() => (Ok(format.end()), Step::Done),
                        Ok(page) => {
                            let last = page.last().map(|s| s.listing.id.to_string());
                            let bytes = format.page(&page, first);
                            let next = if page.len() < export::PAGE as usize {
                                // The last page: close the document now.
                                let bytes = bytes.map(|mut b| {
                                    b.extend(format.end());
                                    b
                                });
                                return Some((
                                    bytes.map(Bytes::from).map_err(failed),
                                    (Step::Done, db, format, permit),
                                ));
                            } else {
                                Step::After(last)
                            };
                            (bytes, next)
                        }
                    }
                }
            };
            Some((
                bytes.map(Bytes::from).map_err(failed),
                (next, db, format, permit),
            ))
        },
    )
}

/// A failure after the status line is sent can only cut the stream.
fn failed(error: DbError) -> actix_web::Error {
    tracing::error!(%error, "export stopped");
    actix_web::error::ErrorInternalServerError("export stopped")
}

/// The export as a streamed 200, or a 304 for a client that has it.
async fn export(
    state: &AppState,
    heavy: &HeavyWork,
    format: ExportFormat,
    content_type: &str,
    file_name: &str,
) -> Result<HttpResponse, ApiError> {
    let version = state.db.run(audit::data_version).await?;
    let permit = heavy.permit().await?;
    // Weak: a write landing while the pages are read may change one
    // listing's bytes under the same version.
    let tag = format!(
        "W/\"export-{version}-{}-{}\"",
        state.locales_generation(),
        file_name.replace('.', "-")
    );
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::ETAG, tag))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .streaming(pages(state.db.clone(), format, permit)))
}

/// Every live listing as CSV, in the import's columns (imports back as a
/// no-op); text cells that a spreadsheet would run as formulas start with
/// an apostrophe.
#[utoipa::path(
    tag = "exports",
    responses(
        (status = 200, description = "The listings, streamed", body = String, content_type = "text/csv"),
        (status = 304, description = "Unchanged since the ETag in `If-None-Match`"),
        (status = 503, description = "The database is unreachable, or too many exports are running; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/exports/listings.csv")]
#[tracing::instrument(skip_all)]
pub(crate) async fn export_listings_csv(
    state: web::Data<AppState>,
    heavy: web::Data<HeavyWork>,
) -> Result<HttpResponse, ApiError> {
    let locales = state.locales();
    let locales = locales.all().iter().map(|l| l.tag().to_owned()).collect();
    let format = ExportFormat::Csv { locales };
    export(
        &state,
        &heavy,
        format,
        "text/csv; charset=utf-8",
        "listings.csv",
    )
    .await
}

/// Every live listing as a JSON array of listing documents.
#[utoipa::path(
    tag = "exports",
    responses(
        (status = 200, description = "The listings, streamed", body = [ListingDocument]),
        (status = 304, description = "Unchanged since the ETag in `If-None-Match`"),
        (status = 503, description = "The database is unreachable, or too many exports are running; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/exports/listings.json")]
#[tracing::instrument(skip_all)]
pub(crate) async fn export_listings_json(
    state: web::Data<AppState>,
    heavy: web::Data<HeavyWork>,
) -> Result<HttpResponse, ApiError> {
    export(
        &state,
        &heavy,
        ExportFormat::Json,
        "application/json",
        "listings.json",
    )
    .await
}

//! `X-Data-Freshness`: how old the catalog is when reads are answered
//! from memory while the database is away.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use crate::app::state::AppState;
use crate::app::sync::SyncClock;

/// The header that says a read was served from memory while the database
/// is away: `X-Data-Freshness: age=<seconds>`, the seconds since the
/// catalog last caught up with the database.
pub const DATA_FRESHNESS: HeaderName = HeaderName::from_static("x-data-freshness");

/// Reads keep answering from the catalog while the database is away; each
/// successful one then says how old the catalog is, so that a client (or
/// an operator reading a response) knows the data may have moved on.
pub async fn data_freshness(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let reading = req.method() == actix_web::http::Method::GET;
    let degraded = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.db.health().is_down());
    let clock = req.app_data::<web::Data<SyncClock>>().cloned();
    let mut response = next.call(req).await?;
    if reading && degraded && response.status().is_success() {
        if let Some(clock) = clock {
            let age = format!("age={}", clock.age().as_secs());
            if let Ok(value) = HeaderValue::from_str(&age) {
                response.headers_mut().insert(DATA_FRESHNESS, value);
            }
        }
    }
    Ok(response)
}

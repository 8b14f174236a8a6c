//! The outermost middleware: decides the client's address and the
//! request's id, opens the request's tracing span (so that every log line
//! of the request carries them), echoes `X-Request-Id`, counts the request
//! for `/metrics`, and while the instance drains asks the client (the
//! proxy) to close the connection after this response.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::ConnectionType;
use actix_web::http::header::HeaderValue;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use tracing::Instrument;

use super::client::{
    ClientAddr, REQUEST_ID, RequestId, client_address, forwarded_request_id, new_request_id,
};
use super::metrics::Metrics;
use crate::app::lifecycle::Lifecycle;
use crate::config::{ForwardedHeader, TrustedProxies, canonical};

/// What the middleware needs to know about the network.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// `TRUSTED_PROXIES`.
    pub proxies: TrustedProxies,
    /// `TRUSTED_PROXY_HEADER`.
    pub header: ForwardedHeader,
}

/// See the module documentation.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let network = req.app_data::<web::Data<Network>>().cloned();
    let peer = req.peer_addr().map(|peer| canonical(peer.ip()));
    let trusted_peer = match (&network, peer) {
        (Some(network), Some(peer)) => network.proxies.contains(&peer),
        _ => false,
    };
    let client = match (&network, peer) {
        (Some(network), Some(peer)) => Some(client_address(
            peer,
            req.headers(),
            &network.proxies,
            network.header,
        )),
        _ => peer,
    };
    let request_id = trusted_peer
        .then(|| forwarded_request_id(req.headers()))
        .flatten()
        .unwrap_or_else(new_request_id);
    if let Some(client) = client {
        req.extensions_mut().insert(ClientAddr(client));
    }
    req.extensions_mut().insert(RequestId(request_id.clone()));
    // The template, not the path: `/v1/listings/{id}` is one series and
    // one log field value however many ids clients try.
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().clone();
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %method,
        route = %route,
        client = %client.map(|c| c.to_string()).unwrap_or_default(),
    );
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let lifecycle = req.app_data::<web::Data<Lifecycle>>().cloned();

    let mut response = next.call(req).instrument(span.clone()).await?;

    let status = response.status();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    if lifecycle.is_some_and(|lifecycle| lifecycle.is_draining()) {
        response
            .response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }
    let elapsed = started.elapsed();
    if let Some(metrics) = metrics {
        metrics.observe_request(&method, &route, status.as_u16(), elapsed);
    }
    span.in_scope(|| {
        if status.is_server_error() {
            tracing::warn!(
                status = status.as_u16(),
                elapsed_ms = elapsed.as_millis(),
                "request failed"
            );
        } else {
            tracing::debug!(
                status = status.as_u16(),
                elapsed_ms = elapsed.as_millis(),
                "request done"
            );
        }
    });
    Ok(response)
}

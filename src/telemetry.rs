//! Logging on stderr, filtered by `RUST_LOG`: human-readable lines, or
//! with `LOG_FORMAT=json` one JSON object per event. Either way an event
//! inside a request carries the request's span fields (`request_id`,
//! `route`, `client`): text lines as their prefix, JSON lines in `spans`.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global text subscriber once; later calls are no-ops
/// (tests start many apps in one process).
pub fn init() {
    init_with(LogFormat::Text);
}

/// Installs the global subscriber in `format` once; later calls are no-ops.
pub fn init_with(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(true)
            .try_init(),
    };
}

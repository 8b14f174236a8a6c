//! Settings for running several instances behind a proxy: whom to trust
//! for client addresses, the public URL, how fast to give up on the
//! database, how to stop, how to log and where to serve metrics.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

use super::network::{ForwardedHeader, PublicBaseUrl, TrustedProxies};

/// How log lines are written (`LOG_FORMAT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One human-readable line per event.
    #[default]
    Text,
    /// One JSON object per event, with the request's span fields
    /// (`request_id`, route, client address) in every line.
    Json,
}

/// Settings of a service in production (see `docs/operations.md`).
#[derive(Debug, Clone, Args)]
pub struct OperationsSettings {
    /// Proxies (CIDRs or addresses, comma separated) whose forwarded
    /// headers and `X-Request-Id` are believed; from any other peer they
    /// are ignored. Default: none.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "",
          value_parser = TrustedProxies::parse)]
    pub trusted_proxies: TrustedProxies,

    /// The header trusted proxies write the client chain into:
    /// `x-forwarded-for` or `forwarded` (RFC 7239).
    #[arg(long, env = "TRUSTED_PROXY_HEADER", value_enum,
          default_value_t = ForwardedHeader::XForwardedFor)]
    pub trusted_proxy_header: ForwardedHeader,

    /// The URL clients reach the service at (`https://directory.example.org`),
    /// used for every absolute URL in responses. Default: `http://` and the
    /// listening address (fine for development; set it in production).
    #[arg(long, env = "PUBLIC_BASE_URL", value_parser = PublicBaseUrl::parse)]
    pub public_base_url: Option<PublicBaseUrl>,

    /// Milliseconds a request waits for a database connection before it
    /// is answered 503 with `Retry-After` (100 to 60000).
    #[arg(long, env = "DATABASE_TIMEOUT_MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(100..=60_000))]
    pub database_timeout_ms: u64,

    /// On SIGTERM: milliseconds during which the service keeps answering
    /// (readiness 503, every connection closed after its response) so the
    /// load balancer moves away, before it stops accepting connections.
    #[arg(long, env = "SHUTDOWN_DRAIN_MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(0..=600_000))]
    pub shutdown_drain_ms: u64,

    /// On SIGTERM, after the drain: seconds in-flight requests may take to
    /// finish before the process exits anyway (1 to 3600).
    #[arg(long, env = "SHUTDOWN_TIMEOUT_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub shutdown_timeout_secs: u64,

    /// Log lines as `text` or `json`.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Serve `GET /metrics` on this address only (e.g. `127.0.0.1:9100`)
    /// instead of on the public listener.
    #[arg(long, env = "METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,
}

impl Default for OperationsSettings {
    fn default() -> Self {
        OperationsSettings {
            trusted_proxies: TrustedProxies::default(),
            trusted_proxy_header: ForwardedHeader::default(),
            public_base_url: None,
            database_timeout_ms: 1000,
            shutdown_drain_ms: 1000,
            shutdown_timeout_secs: 30,
            log_format: LogFormat::default(),
            metrics_bind: None,
        }
    }
}

impl OperationsSettings {
    /// How long a request waits for a database connection.
    pub fn database_timeout(&self) -> Duration {
        Duration::from_millis(self.database_timeout_ms)
    }
}

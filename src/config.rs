//! Configuration: command-line flags with environment fallbacks, each
//! validated when read, so a bad value stops start-up with a clear message
//! instead of failing at the first request.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser};

use crate::db::DatabaseUrl;
use crate::i18n::LocaleSource;

mod commands;
mod network;
mod operations;
mod origins;

pub use commands::{Command, KeysCommand, LocalesCommand, ReportFormat, StoreArgs};
pub use network::{ForwardedHeader, PublicBaseUrl, TrustedProxies, canonical};
pub use operations::{LogFormat, OperationsSettings};
pub use origins::{AllowedOrigins, FrameAncestors};

/// The directory service.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings of the service.
    #[command(flatten)]
    pub settings: Settings,
}

/// Settings of the write API.
#[derive(Debug, Clone, Args)]
pub struct EditingSettings {
    /// Authenticated requests per minute per API key (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_KEY", default_value_t = 120,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_per_key: u32,

    /// Authenticated requests (and failed attempts) per minute per client IP
    /// (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_IP", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_per_ip: u32,

    /// Failed API key attempts per minute per client IP, past which the
    /// address is answered 429 (0: no limit).
    #[arg(long, env = "RATE_LIMIT_FAILED_AUTH", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_failed_auth: u32,

    /// Anonymous reports per hour per client IP (0: no limit).
    #[arg(long, env = "RATE_LIMIT_REPORTS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_reports: u32,

    /// Anonymous reports per hour per client IP about one listing (0: no limit).
    #[arg(long, env = "RATE_LIMIT_REPORTS_PER_LISTING", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_reports_per_listing: u32,

    /// Largest CSV body `POST /v1/imports` accepts, in MiB.
    #[arg(long, env = "IMPORT_MAX_MB", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub import_max_mb: u32,

    /// Largest Fluent file `PUT /v1/translations/{locale}.ftl` accepts, in
    /// MiB (one locale's text of about 10 000 listings per MiB).
    #[arg(long, env = "TRANSLATIONS_IMPORT_MAX_MB", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=256))]
    pub translations_import_max_mb: u32,
}

impl Default for EditingSettings {
    fn default() -> Self {
        EditingSettings {
            rate_limit_per_key: 120,
            rate_limit_per_ip: 300,
            rate_limit_failed_auth: 10,
            rate_limit_reports: 30,
            rate_limit_reports_per_listing: 3,
            import_max_mb: 64,
            translations_import_max_mb: 4,
        }
    }
}

/// Settings of a running service.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database: a SQLite file path (created if missing) or a postgres:// URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "data/directory.sqlite3",
        value_parser = DatabaseUrl::parse
    )]
    pub database_url: DatabaseUrl,

    /// Address and port to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Folder of locale folders (`<dir>/<locale>/*.ftl`), reloaded live
    /// when saved. Unset: `locales/` in the working directory when it
    /// exists, else the locales built into the binary.
    #[arg(long, env = "LOCALES_DIR")]
    pub locales_dir: Option<PathBuf>,

    /// Load the demo data set into an empty database at start-up.
    #[arg(
        long,
        env = "DEMO_DATA",
        default_value_t = true,
        action = clap::ArgAction::Set
    )]
    pub demo_data: bool,

    /// Database connections in the pool.
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=256))]
    pub database_pool_size: u32,

    /// Seconds a rendered public read is reused; 0 disables the cache.
    #[arg(long, env = "RESPONSE_CACHE_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub response_cache_seconds: u64,

    /// Most memory the response cache may hold, in MiB; 0 disables it.
    #[arg(long, env = "RESPONSE_CACHE_MB", default_value_t = 64,
          value_parser = clap::value_parser!(u64).range(0..=65_536))]
    pub response_cache_mb: u64,

    /// Keep a snapshot of the in-memory catalog on disk, so that a restart
    /// reads it and catches up from the change log instead of rebuilding
    /// it from every listing.
    #[arg(
        long,
        env = "CATALOG_SNAPSHOTS",
        default_value_t = true,
        action = clap::ArgAction::Set
    )]
    pub catalog_snapshots: bool,

    /// Folder for the catalog's snapshot (one file per database, named by
    /// its identity). Unset: the SQLite file's folder; on PostgreSQL no
    /// snapshot is kept unless this is set.
    #[arg(long, env = "CATALOG_SNAPSHOT_DIR")]
    pub catalog_snapshot_dir: Option<PathBuf>,

    /// Milliseconds between checks for listings changed by another
    /// instance or tool; 0 disables the check.
    #[arg(long, env = "CATALOG_REFRESH_MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(0..=3_600_000))]
    pub catalog_refresh_ms: u64,

    /// Milliseconds between checks of `LOCALES_DIR` for saved locale
    /// files, which are then reloaded without a restart; 0 disables.
    #[arg(long, env = "LOCALES_RELOAD_MS", default_value_t = 250,
          value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub locales_reload_ms: u64,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "WORKERS", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: Option<u16>,

    /// Sites that may show the widget (`/embed/listings`) in a frame, as CSP
    /// `frame-ancestors` sources: `'self'`, `'none'`, or origins such as
    /// `https://www.seoul.go.kr https://*.busan.go.kr`.
    #[arg(long, env = "EMBED_FRAME_ANCESTORS", default_value = "'self'",
          value_parser = FrameAncestors::parse)]
    pub embed_frame_ancestors: FrameAncestors,

    /// Origins allowed to make non-public (non-GET) cross-origin requests,
    /// e.g. `https://admin.example.org`; public GETs answer every origin.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", default_value = "",
          value_parser = AllowedOrigins::parse)]
    pub cors_allowed_origins: AllowedOrigins,
    /// Settings of the write API.
    #[command(flatten)]
    pub editing: EditingSettings,

    /// Days after its `verified_at` date past which a listing is flagged
    /// `stale` (1 to 36500).
    #[arg(long, env = "STALE_AFTER_DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub stale_after_days: u32,

    /// Proxies, public URL, timeouts, shutdown, logs and metrics.
    #[command(flatten)]
    pub operations: OperationsSettings,
}

impl Settings {
    /// Where the locales come from (see [`LocaleSource::resolve`]).
    pub fn locale_source(&self) -> LocaleSource {
        LocaleSource::resolve(self.locales_dir.as_deref(), Path::new("."))
    }

    /// Where the catalog's snapshot is kept, if anywhere.
    pub fn catalog_snapshot_folder(&self) -> Option<PathBuf> {
        if !self.catalog_snapshots {
            return None;
        }
        if let Some(folder) = &self.catalog_snapshot_dir {
            return Some(folder.clone());
        }
        match &self.database_url {
            DatabaseUrl::Sqlite(path) if !path.contains(":memory:") => {
                let folder = std::path::Path::new(path).parent()?;
                Some(if folder.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    folder.to_owned()
                })
            }
            _ => None,
        }
    }

    /// How long a rendered public read is reused.
    pub fn response_cache_ttl(&self) -> Duration {
        Duration::from_secs(self.response_cache_seconds)
    }

    /// Most bytes the response cache may hold.
    pub fn response_cache_budget_bytes(&self) -> u64 {
        self.response_cache_mb * 1024 * 1024
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("directory").chain(args.iter().copied()))
    }

    #[test]
    fn defaults_run_on_an_embedded_file() {
        let cli = parse(&[]).unwrap();
        assert_eq!(
            cli.settings.database_url,
            DatabaseUrl::Sqlite("data/directory.sqlite3".into())
        );
        assert_eq!(cli.settings.bind.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn bad_values_are_refused_with_the_flag_named() {
        let error = parse(&["--bind", "localhost"]).unwrap_err().to_string();
        assert!(error.contains("--bind"), "{error}");
        let error = parse(&["--database-url", "mysql://x"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("unsupported database scheme"), "{error}");
        let error = parse(&["--embed-frame-ancestors", "https://a.example; script-src *"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("--embed-frame-ancestors"), "{error}");
        let error = parse(&["--cors-allowed-origins", "*"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("--cors-allowed-origins"), "{error}");
        for bad in ["0", "36501", "a year"] {
            let error = parse(&["--stale-after-days", bad]).unwrap_err().to_string();
            assert!(error.contains("--stale-after-days"), "{bad}: {error}");
        }
        assert_eq!(parse(&[]).unwrap().settings.stale_after_days, 365);
    }

    #[test]
    fn operations_settings_are_checked_at_start() {
        for (flag, bad) in [
            ("--trusted-proxies", "10.1.2.3/8"),
            ("--trusted-proxy-header", "x-real-ip"),
            ("--public-base-url", "evil.example"),
            ("--database-timeout-ms", "0"),
            ("--log-format", "xml"),
            ("--metrics-bind", "9100"),
        ] {
            let error = parse(&[flag, bad]).unwrap_err().to_string();
            assert!(error.contains(flag), "{flag}: {error}");
        }
        let operations = parse(&[]).unwrap().settings.operations;
        assert!(operations.trusted_proxies.is_empty());
        assert_eq!(operations.public_base_url, None);
        assert_eq!(
            operations.trusted_proxy_header,
            ForwardedHeader::XForwardedFor
        );
        assert_eq!(operations.metrics_bind, None);
    }

    #[test]
    fn the_widget_may_be_framed_by_the_service_itself_by_default() {
        let cli = parse(&[]).unwrap();
        assert_eq!(cli.settings.embed_frame_ancestors.to_string(), "'self'");
        assert_eq!(cli.settings.cors_allowed_origins, AllowedOrigins::default());
    }
}

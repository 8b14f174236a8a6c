//! Configuration: command-line flags with environment fallbacks, each
//! validated when read, so a bad value stops start-up with a clear message
//! instead of failing at the first request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::db::DatabaseUrl;
use crate::domain::editing::Role;

mod network;
mod operations;
mod origins;

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

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP API (the default).
    Serve,
    /// Print the OpenAPI document (regenerates `openapi/openapi.json`).
    Openapi,
    /// Fill the database with synthetic listings for load tests.
    Generate {
        /// How many listings.
        #[arg(long, default_value_t = 10_000)]
        count: usize,
        /// Random seed: the same seed gives the same listings.
        #[arg(long, default_value_t = 20_261_125)]
        seed: u64,
    },
    /// Create, list or revoke API keys.
    Keys {
        /// What to do with keys.
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Import listings from a CSV file (all rows or none).
    Import {
        /// The CSV file (UTF-8, with or without BOM; Seoul's data sets may
        /// also be CP949).
        file: PathBuf,
        /// `directory` (our CSV), or one of Seoul's open data sets:
        /// `brk-pg-global` (real-estate offices), `job-cafe-open-info`.
        #[arg(long, default_value = "directory",
            value_parser = ["directory", "brk-pg-global", "job-cafe-open-info"])]
        format: String,
        /// Check every row and report, but write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Work on the locale files.
    #[command(subcommand)]
    Locales(LocalesCommand),
}

/// The `keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key and print it once.
    Create {
        /// admin, editor or translator.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Who or what the key is for.
        #[arg(long)]
        name: String,
        /// The locales a translator key may write, e.g. `ja,ko` (required
        /// for translators; never the source locale `en`).
        #[arg(long, value_delimiter = ',')]
        locales: Vec<String>,
    },
    /// List keys (never their secrets).
    List,
    /// Revoke a key by id.
    Revoke {
        /// The key's id (see `keys list`).
        id: i64,
    },
}

fn parse_role(raw: &str) -> Result<Role, String> {
    raw.parse()
        .map_err(|error: crate::domain::editing::UnknownRole| error.to_string())
}

/// Settings of the write API.
#[derive(Debug, Clone, Args)]
pub struct EditingSettings {
    /// Authenticated requests per minute per API key (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_KEY", default_value_t = 120,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_per_key: u32,

    /// Authenticated requests (and failed attempts) per minute per client IP
    /// (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_IP", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_per_ip: u32,

    /// Failed API key attempts per minute per client IP, past which the
    /// address is answered 429 (0: no limit).
    #[arg(long, env = "RATE_LIMIT_FAILED_AUTH", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_failed_auth: u32,

    /// Anonymous reports per hour per client IP (0: no limit).
    #[arg(long, env = "RATE_LIMIT_REPORTS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_reports: u32,

    /// Anonymous reports per hour per client IP about one listing (0: no limit).
    #[arg(long, env = "RATE_LIMIT_REPORTS_PER_LISTING", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_reports_per_listing: u32,

    /// Largest CSV body `POST /v1/imports` accepts, in MiB.
    #[arg(long, env = "IMPORT_MAX_MB", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=1024), global = true)]
    pub import_max_mb: u32,

    /// Largest Fluent file `PUT /v1/translations/{locale}.ftl` accepts, in
    /// MiB (one locale's text of about 10 000 listings per MiB).
    #[arg(long, env = "TRANSLATIONS_IMPORT_MAX_MB", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=256), global = true)]
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

/// `directory locales ...`
#[derive(Debug, Subcommand)]
pub enum LocalesCommand {
    /// Check every `.ftl` file against the source locale `en`: syntax,
    /// missing and obsolete messages, variables, references, attributes.
    /// Exits 1 on errors, 0 with warnings only.
    Check {
        /// Folder of locale folders.
        #[arg(long, default_value = "locales")]
        dir: PathBuf,
        /// `text` (findings, then a completeness table) or `json`.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
}

/// How `locales check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// For people: compiler-style lines and a table.
    Text,
    /// For tools.
    Json,
}

/// Settings of a running service.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database: a SQLite file path (created if missing) or a postgres:// URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "data/directory.sqlite3",
        value_parser = DatabaseUrl::parse,
        global = true
    )]
    pub database_url: DatabaseUrl,

    /// Address and port to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: SocketAddr,

    /// Folder of locale folders (`<dir>/<locale>/*.ftl`).
    #[arg(long, env = "LOCALES_DIR", default_value = "locales", global = true)]
    pub locales_dir: PathBuf,

    /// Load the demo data set into an empty database at start-up.
    #[arg(
        long,
        env = "DEMO_DATA",
        default_value_t = true,
        action = clap::ArgAction::Set,
        global = true
    )]
    pub demo_data: bool,

    /// Database connections in the pool.
    #[arg(long, env = "DATABASE_POOL_SIZE", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=256), global = true)]
    pub database_pool_size: u32,

    /// Seconds a rendered public read is reused; 0 disables the cache.
    #[arg(long, env = "RESPONSE_CACHE_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=3600), global = true)]
    pub response_cache_seconds: u64,

    /// Most memory the response cache may hold, in MiB; 0 disables it.
    #[arg(long, env = "RESPONSE_CACHE_MB", default_value_t = 64,
          value_parser = clap::value_parser!(u64).range(0..=65_536), global = true)]
    pub response_cache_mb: u64,

    /// Milliseconds between checks for listings changed by another
    /// instance or tool; 0 disables the check.
    #[arg(long, env = "CATALOG_REFRESH_MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(0..=3_600_000), global = true)]
    pub catalog_refresh_ms: u64,

    /// Milliseconds between checks of `LOCALES_DIR` for saved locale
    /// files, which are then reloaded without a restart; 0 disables.
    #[arg(long, env = "LOCALES_RELOAD_MS", default_value_t = 250,
          value_parser = clap::value_parser!(u64).range(0..=60_000), global = true)]
    pub locales_reload_ms: u64,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "WORKERS", value_parser = clap::value_parser!(u16).range(1..=256), global = true)]
    pub workers: Option<u16>,

    /// Sites that may show the widget (`/embed/listings`) in a frame, as CSP
    /// `frame-ancestors` sources: `'self'`, `'none'`, or origins such as
    /// `https://www.seoul.go.kr https://*.busan.go.kr`.
    #[arg(long, env = "EMBED_FRAME_ANCESTORS", default_value = "'self'",
          value_parser = FrameAncestors::parse, global = true)]
    pub embed_frame_ancestors: FrameAncestors,

    /// Origins allowed to make non-public (non-GET) cross-origin requests,
    /// e.g. `https://admin.example.org`; public GETs answer every origin.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", default_value = "",
          value_parser = AllowedOrigins::parse, global = true)]
    pub cors_allowed_origins: AllowedOrigins,
    /// Settings of the write API.
    #[command(flatten)]
    pub editing: EditingSettings,

    /// Days after its `verified_at` date past which a listing is flagged
    /// `stale` (1 to 36500).
    #[arg(long, env = "STALE_AFTER_DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(u32).range(1..=36_500), global = true)]
    pub stale_after_days: u32,

    /// Proxies, public URL, timeouts, shutdown, logs and metrics.
    #[command(flatten)]
    pub operations: OperationsSettings,
}

impl Settings {
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
    fn locales_check_takes_a_folder_and_a_format() {
        let cli = parse(&["locales", "check", "--dir", "x", "--format", "json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Locales(LocalesCommand::Check { dir, format: ReportFormat::Json }))
                if dir == std::path::Path::new("x")
        ));
    }

    #[test]
    fn the_widget_may_be_framed_by_the_service_itself_by_default() {
        let cli = parse(&[]).unwrap();
        assert_eq!(cli.settings.embed_frame_ancestors.to_string(), "'self'");
        assert_eq!(cli.settings.cors_allowed_origins, AllowedOrigins::default());
    }

    #[test]
    fn editing_settings_are_read_and_subcommands_parse() {
        let cli = parse(&[
            "keys",
            "create",
            "--role",
            "editor",
            "--name",
            "ward office",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Keys {
                command: KeysCommand::Create {
                    role: Role::Editor,
                    ..
                }
            })
        ));
        assert!(parse(&["keys", "create", "--role", "root", "--name", "x"]).is_err());
        assert!(matches!(
            parse(&["import", "x.csv", "--dry-run"]).unwrap().command,
            Some(Command::Import { dry_run: true, .. })
        ));
        assert!(matches!(
            parse(&["import", "--format", "brk-pg-global", "x.csv"]).unwrap().command,
            Some(Command::Import { format, .. }) if format == "brk-pg-global"
        ));
        assert!(parse(&["import", "--format", "xls", "x.csv"]).is_err());
    }
}

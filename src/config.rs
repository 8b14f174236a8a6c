//! Configuration: command-line flags with environment fallbacks, each
//! validated when read, so a bad value stops start-up with a clear message
//! instead of failing at the first request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::db::DatabaseUrl;

mod origins;

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
    /// Work on the locale files.
    #[command(subcommand)]
    Locales(LocalesCommand),
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
}

impl Settings {
    /// How long a rendered public read is reused.
    pub fn response_cache_ttl(&self) -> Duration {
        Duration::from_secs(self.response_cache_seconds)
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
}

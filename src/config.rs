//! Configuration: command-line flags with environment fallbacks, each
//! validated when read, so a bad value stops start-up with a clear message
//! instead of failing at the first request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::db::DatabaseUrl;
use crate::domain::editing::Role;

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
    /// Create, list or revoke API keys.
    Keys {
        /// What to do with keys.
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Import listings from a CSV file (all rows or none).
    Import {
        /// The CSV file (UTF-8, with or without BOM).
        file: PathBuf,
        /// Check every row and report, but write nothing.
        #[arg(long)]
        dry_run: bool,
    },
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

/// Reads a web origin: `scheme://host[:port]`, nothing after it.
fn parse_origin(raw: &str) -> Result<String, String> {
    let origin = raw.trim().trim_end_matches('/');
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(|| format!("{origin:?} is not an origin: use http(s)://host[:port]"))?;
    if rest.is_empty() || rest.contains(['/', '?', '#', '*', ' ']) {
        return Err(format!(
            "{origin:?} is not an origin: use http(s)://host[:port]"
        ));
    }
    Ok(origin.to_owned())
}

/// Settings of the write API.
#[derive(Debug, Clone, Args)]
pub struct EditingSettings {
    /// Web origins allowed to send writes from a browser, comma-separated
    /// (`https://admin.example.org`). Reads are open to any origin.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", value_delimiter = ',',
          value_parser = parse_origin, global = true)]
    pub cors_allowed_origins: Vec<String>,

    /// Authenticated requests per minute per API key (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_KEY", default_value_t = 120,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_per_key: u32,

    /// Authenticated requests (and failed attempts) per minute per client IP
    /// (0: no limit).
    #[arg(long, env = "RATE_LIMIT_PER_IP", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000), global = true)]
    pub rate_limit_per_ip: u32,

    /// Largest CSV body `POST /v1/imports` accepts, in MiB.
    #[arg(long, env = "IMPORT_MAX_MB", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=1024), global = true)]
    pub import_max_mb: u32,
}

impl Default for EditingSettings {
    fn default() -> Self {
        EditingSettings {
            cors_allowed_origins: Vec::new(),
            rate_limit_per_key: 120,
            rate_limit_per_ip: 300,
            import_max_mb: 64,
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

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "WORKERS", value_parser = clap::value_parser!(u16).range(1..=256), global = true)]
    pub workers: Option<u16>,

    /// Settings of the write API.
    #[command(flatten)]
    pub editing: EditingSettings,
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
        let error = parse(&["--cors-allowed-origins", "https://a.org/path"])
            .unwrap_err()
            .to_string();
        assert!(error.contains("--cors-allowed-origins"), "{error}");
    }

    #[test]
    fn editing_settings_are_read_and_subcommands_parse() {
        let cli = parse(&[
            "--cors-allowed-origins",
            "https://a.org,http://localhost:3000/",
            "keys",
            "create",
            "--role",
            "editor",
            "--name",
            "ward office",
        ])
        .unwrap();
        assert_eq!(
            cli.settings.editing.cors_allowed_origins,
            ["https://a.org", "http://localhost:3000"]
        );
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
    }
}

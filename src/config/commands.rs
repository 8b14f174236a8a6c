//! The subcommands and their own flags. Each shows only what it reads in
//! its `--help`; the server's flags belong to `directory` (bare) and
//! `directory serve`. Environment variables still reach every command
//! through the top-level settings.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Settings;
use crate::db::DatabaseUrl;
use crate::domain::editing::Role;

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP API (the default; the same flags as bare `directory`).
    Serve(Box<Settings>),
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
        /// The database to fill.
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Create, list or revoke API keys.
    Keys {
        /// What to do with keys.
        #[command(subcommand)]
        command: KeysCommand,
        /// The database holding the keys.
        #[command(flatten)]
        store: StoreArgs,
        /// The locales a translator key may be bound to.
        #[command(flatten)]
        locales: LocalesArgs,
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
        /// The database to import into.
        #[command(flatten)]
        store: StoreArgs,
        /// The locales rows are checked against.
        #[command(flatten)]
        locales: LocalesArgs,
    },
    /// Work on the locale files.
    #[command(subcommand)]
    Locales(LocalesCommand),
}

/// The database flags of the maintenance commands. Unset, the value comes
/// from the environment (`DATABASE_URL`, `DEMO_DATA`) or its default, as
/// for the server.
#[derive(Debug, Clone, Default, Args)]
pub struct StoreArgs {
    /// Database: a SQLite file path or a postgres:// URL [default:
    /// `DATABASE_URL`, else data/directory.sqlite3].
    #[arg(id = "store_database_url", long = "database-url", value_parser = DatabaseUrl::parse, global = true)]
    pub database_url: Option<DatabaseUrl>,
    /// Load the demo data set into an empty database first [default:
    /// `DEMO_DATA`, else true].
    #[arg(id = "store_demo_data", long = "demo-data", action = clap::ArgAction::Set, global = true)]
    pub demo_data: Option<bool>,
}

impl StoreArgs {
    /// Puts the flags given over the settings read from the environment.
    pub fn apply(self, settings: &mut Settings) {
        if let Some(url) = self.database_url {
            settings.database_url = url;
        }
        if let Some(demo) = self.demo_data {
            settings.demo_data = demo;
        }
    }
}

/// The locale flag of the commands that check against the locales.
#[derive(Debug, Clone, Default, Args)]
pub struct LocalesArgs {
    /// Folder of locale folders [default: `LOCALES_DIR`, else `locales/`
    /// when present, else the locales built into the binary].
    #[arg(id = "command_locales_dir", long = "locales-dir", global = true)]
    pub locales_dir: Option<PathBuf>,
}

impl LocalesArgs {
    /// Puts the flag, when given, over the settings.
    pub fn apply(self, settings: &mut Settings) {
        if let Some(dir) = self.locales_dir {
            settings.locales_dir = Some(dir);
        }
    }
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

/// `directory locales ...`
#[derive(Debug, Subcommand)]
pub enum LocalesCommand {
    /// Check every `.ftl` file against the source locale `en` (syntax,
    /// missing and obsolete messages, variables, references, attributes)
    /// and against what a native reader expects (the locale's
    /// `glossary.toml`, full-width punctuation in zh and ja, no Korean
    /// particle after a variable). Exits 1 on errors, 0 with warnings only
    /// unless `--deny-warnings`.
    Check {
        /// Folder of locale folders.
        #[arg(long, env = "LOCALES_DIR", default_value = "locales")]
        dir: PathBuf,
        /// Fail on warnings too (CI does, for the shipped files).
        #[arg(long)]
        deny_warnings: bool,
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

#[cfg(test)]
mod tests;

//! The operator's subcommands: `keys create|list|revoke` and `import`.
//! They open the configured database directly (migrating it first), so
//! they work whether or not a server is running.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use anyhow::Context;
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};

use crate::app::import::{self, ImportOptions};
use crate::config::{KeysCommand, Settings};
use crate::db::{self, Database, reference};
use crate::domain::editing::{Grant, InvalidLocaleGrant, ValidationContext};
use crate::domain::listing::SOURCE_LOCALE;
use crate::exchange::open_data::{ImportFormat, decode};
use crate::seed;

fn open(settings: &Settings) -> anyhow::Result<Database> {
    let db = Database::connect(&settings.database_url, 2).context("cannot open the database")?;
    let demo = settings.demo_data.then(|| seed::demo_data(Utc::now()));
    db::prepare(&db, demo.as_ref()).context("cannot prepare the database")?;
    Ok(db)
}

/// Runs a `keys` subcommand.
pub fn keys(settings: &Settings, command: KeysCommand) -> anyhow::Result<()> {
    let db = open(settings)?;
    let mut conn = db.get_blocking()?;
    match command {
        KeysCommand::Create {
            role,
            name,
            locales,
        } => {
            let shipped = settings
                .locale_source()
                .load()
                .context("cannot load the locales")?;
            let tags: Vec<&str> = shipped.all().iter().map(|l| l.tag()).collect();
            let requested = (!locales.is_empty()).then_some(locales);
            let locales = Grant::bind(role, requested.as_deref(), &tags).map_err(|invalid| {
                anyhow::anyhow!(match invalid {
                    InvalidLocaleGrant::Missing =>
                        "a translator key needs --locales (e.g. --locales ja,ko)".to_owned(),
                    InvalidLocaleGrant::NotAllowed =>
                        "--locales is only for translator keys".to_owned(),
                    InvalidLocaleGrant::Unknown(locale) =>
                        format!("{locale} is not a shipped locale ({})", tags.join(", ")),
                    InvalidLocaleGrant::Source =>
                        format!("{SOURCE_LOCALE} is the source locale, which only editors change"),
                })
            })?;
            let issued = crate::keys::create(&mut conn, role, locales, &name, Utc::now())?;
            eprintln!(
                "created key {} ({}, {:?}). It is shown once; store it now:",
                issued.id, issued.role, issued.name
            );
            println!("{}", issued.key);
        }
        KeysCommand::List => {
            println!(
                "{:>4}  {:<8}  {:<10}  {:<14}  {:<20}  {:<20}  name",
                "id", "prefix", "role", "locales", "created", "revoked"
            );
            for key in crate::keys::list(&mut conn)? {
                let revoked = key
                    .revoked_at
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string());
                let locales = match (key.role.as_str(), key.locales.as_deref()) {
                    (_, Some(locales)) => locales.to_owned(),
                    ("translator", None) => format!("all but {SOURCE_LOCALE}"),
                    _ => "all".to_owned(),
                };
                println!(
                    "{:>4}  {:<8}  {:<10}  {:<14}  {:<20}  {:<20}  {}",
                    key.id,
                    key.prefix,
                    key.role,
                    locales,
                    key.created_at.format("%Y-%m-%d %H:%M").to_string(),
                    revoked.unwrap_or_else(|| "-".into()),
                    key.name
                );
            }
        }
        KeysCommand::Revoke { id } => {
            if !crate::keys::revoke(&mut conn, id, Utc::now())? {
                anyhow::bail!("no live key has the id {id}");
            }
            eprintln!("revoked key {id}; running servers refuse it from their next request");
        }
    }
    Ok(())
}

/// Runs `import [--format F] FILE [--dry-run]`; fails (exit 1) when any
/// row is bad.
pub fn import(settings: &Settings, file: &Path, format: &str, dry_run: bool) -> anyhow::Result<()> {
    let format = ImportFormat::parse(format).with_context(|| format!("unknown format {format}"))?;
    let locales = settings
        .locale_source()
        .load()
        .context("cannot load the locales")?;
    let db = open(settings)?;
    let mut conn = db.get_blocking()?;
    // Without the demo data, the cities are still needed to import.
    reference::ensure_cities(&mut conn, &seed::cities())?;
    let reference = reference::load(&mut conn)?;
    let tags: Vec<&str> = locales.all().iter().map(|l| l.tag()).collect();
    let ctx = ValidationContext::new(&reference, &tags, "import");
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let reader = File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    // Rows are not known in advance: estimate them from the size (about
    // a kilobyte a row in four locales) and fix the length at the end.
    let bar = ProgressBar::new((size / 1024).max(1));
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos} rows [{elapsed_precise}] {wide_bar} {per_sec}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let options = ImportOptions {
        dry_run,
        key_id: None,
    };
    let mut progress = |rows: usize| {
        bar.set_length(bar.length().unwrap_or(0).max(rows as u64));
        bar.set_position(rows as u64);
    };
    let report = if format == ImportFormat::Directory {
        let input = BufReader::with_capacity(1 << 20, reader);
        import::run(&mut conn, input, &ctx, options, &mut progress)?
    } else {
        // Open data sets are small, and may be CP949: decoded whole.
        let bytes =
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let text = decode(&bytes);
        let mut rows = format.reader();
        import::run_format(
            &mut conn,
            text.as_bytes(),
            rows.as_mut(),
            &ctx,
            options,
            &mut progress,
        )?
    };
    bar.finish_and_clear();
    let source = locales.source();
    for change in &report.changes {
        let fields = change.fields.join(", ");
        eprintln!(
            "line {}: {} {} {fields}",
            change.line,
            change.kind.code(),
            change.listing_id
        );
    }
    for error in &report.errors {
        let detail = crate::i18n::editing::field_error(&locales, source, &error.error);
        eprintln!("line {}: {}: {detail}", error.line, error.error.field);
    }
    eprintln!(
        "{}{} rows: {} created, {} updated, {} unchanged, {} deleted left deleted, {} bad ({:.1} s)",
        if dry_run { "dry run: " } else { "" },
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.deleted,
        report.errors.len(),
        started.elapsed().as_secs_f64()
    );
    if !report.errors.is_empty() {
        anyhow::bail!("nothing was imported: fix the rows above and run again");
    }
    Ok(())
}

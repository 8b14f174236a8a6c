//! `directory import [--format F] FILE [--dry-run]`: a CSV file through the
//! same import, validation and audit trail as `POST /v1/imports`.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::open;
use crate::app::import::{self, ImportOptions};
use crate::config::Settings;
use crate::db::reference;
use crate::domain::editing::ValidationContext;
use crate::exchange::open_data::{ImportFormat, decode};
use crate::seed;

/// Runs `import [--format F] FILE [--dry-run]`; fails (exit 1) when any
/// row is bad.
pub fn run(settings: &Settings, file: &Path, format: &str, dry_run: bool) -> anyhow::Result<()> {
    let format = ImportFormat::parse(format).with_context(|| format!("unknown format {format}"))?;
    let locales = settings
        .locale_source()
        .load()
        .context("cannot load the locales")?;
    let db = open(settings, 2)?;
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
    // A line per listing written: buffered, as a bulk import has a million.
    let mut out = BufWriter::new(std::io::stderr().lock());
    for change in &report.changes {
        let fields = change.fields.join(", ");
        writeln!(
            out,
            "line {}: {} {} {fields}",
            change.line,
            change.kind.code(),
            change.listing_id
        )?;
    }
    for error in &report.errors {
        let detail = crate::i18n::write_messages::field_error(&locales, source, &error.error);
        writeln!(out, "line {}: {}: {detail}", error.line, error.error.field)?;
    }
    writeln!(
        out,
        "{}{} rows: {} created, {} updated, {} unchanged, {} deleted left deleted, {} bad ({:.1} s)",
        if dry_run { "dry run: " } else { "" },
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.deleted,
        report.errors.len(),
        started.elapsed().as_secs_f64()
    )?;
    out.flush()?;
    if !report.errors.is_empty() {
        anyhow::bail!("nothing was imported: fix the rows above and run again");
    }
    Ok(())
}

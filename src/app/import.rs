//! Bulk import of a CSV file: every row validated and reported with its
//! line, then, only if no row is bad and it is not a dry run, everything
//! written in one transaction. Rows are upserted by external id (the `id`
//! when the file has no `external_id` column, as in the benchmark data), and
//! a row equal to what is stored writes nothing: re-importing a file is a
//! no-op, with no version bump and no audit entry.
//!
//! The audit trail of an import is one record of the import (who, when,
//! the file's SHA-256, the counts) and, per listing written, an entry that
//! names it: empty for a creation, the changed fields for an update.
//! Whole documents per row were 45 % of a bulk-loaded database and of the
//! bytes an import writes (`docs/read-model.md`).

use std::collections::{HashMap, HashSet};
use std::io::Read;

use chrono::{DateTime, Utc};
use csv::{ReaderBuilder, StringRecord, Trim};
use diesel::Connection;

use sha2::{Digest, Sha256};

use super::editing::{self, Author, PlannedWrite, WriteConflict};
use crate::db::audit;
use crate::db::imports::{self, ImportCounts};
use crate::db::writes::audit_entry;
use crate::db::{DbConnection, DbError};
use crate::domain::editing::{FieldError, FieldErrorCode, ListingDraft, ValidationContext};
use crate::exchange::bom::SkipBom;
use crate::exchange::diff::{ChangeKind, RowChange};
use crate::exchange::format::{DirectoryCsv, RowFormat};
pub use crate::exchange::report::{ImportOptions, ImportReport, RowError};

/// Rows looked up and written together.
const CHUNK: usize = 500;

/// Why an import wrote nothing, besides bad rows (which are reported).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A listing changed while the file was imported.
    #[error("a listing changed while the file was imported: {0:?}")]
    Conflict(WriteConflict),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl ImportError {
    /// The conflict as a value and a database failure as the error, for a
    /// caller whose work may only fail with the database.
    pub fn into_outcome(
        result: Result<ImportReport, ImportError>,
    ) -> Result<Result<ImportReport, WriteConflict>, DbError> {
        match result {
            Ok(report) => Ok(Ok(report)),
            Err(ImportError::Conflict(conflict)) => Ok(Err(conflict)),
            Err(ImportError::Db(error)) => Err(error),
        }
    }
}

/// State carried from chunk to chunk.
struct Run<'a> {
    ctx: &'a ValidationContext<'a>,
    options: ImportOptions,
    format: &'a mut dyn RowFormat,
    seen_ids: HashSet<String>,
    seen_keys: HashSet<String>,
    report: ImportReport,
    now: DateTime<Utc>,
    /// This import's record, named by the listings' audit entries.
    import_id: i64,
}

/// A reader that hashes what is read through it, for the import's record.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

impl<R> Hashing<R> {
    /// The SHA-256 of everything read so far, in hex.
    fn hex(&self) -> String {
        self.hasher
            .clone()
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// Imports our own CSV from `input`. `progress` is called with the rows
/// read so far after each chunk. Bad rows are reported, not returned as
/// errors; an `Err` is a database failure, and then nothing was written
/// either.
pub fn run(
    conn: &mut DbConnection,
    input: impl Read,
    ctx: &ValidationContext<'_>,
    options: ImportOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, ImportError> {
    run_format(
        conn,
        input,
        &mut DirectoryCsv::default(),
        ctx,
        options,
        progress,
    )
}

/// Imports a CSV file of `format`, like [`run`].
pub fn run_format(
    conn: &mut DbConnection,
    input: impl Read,
    format: &mut dyn RowFormat,
    ctx: &ValidationContext<'_>,
    options: ImportOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<ImportReport, ImportError> {
    let mut reader = ReaderBuilder::new()
        .trim(Trim::None)
        .flexible(false)
        .from_reader(SkipBom::new(Hashing {
            inner: input,
            hasher: Sha256::new(),
        }));
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(_) => StringRecord::new(),
    };
    let mut run = Run {
        ctx,
        options,
        format,
        seen_ids: HashSet::new(),
        seen_keys: HashSet::new(),
        report: ImportReport {
            dry_run: options.dry_run,
            ..ImportReport::default()
        },
        now: ctx.now,
        import_id: 0,
    };
    if let Err(errors) = run.format.header(&header, ctx.locales) {
        run.report
            .errors
            .extend(errors.into_iter().map(|error| RowError { line: 1, error }));
        return Ok(run.report);
    }
    let mut outcome = None;
    let mut conflict = None;
    // One transaction, so that a failed import leaves nothing: SQLite
    // keeps its dirty pages in a large cache until it commits.
    let result = imports::with_import_cache(conn, |conn| {
        conn.transaction(|conn| {
            // Before any row lock: see `db::changes` on why writers serialise.
            crate::db::changes::serialize(conn)?;
            // Rolled back with the rest when the import writes nothing.
            run.import_id = imports::open(conn, run.options.key_id, run.now.naive_utc())?;
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut records = reader.records();
            loop {
                let next = records.next();
                let done = next.is_none();
                match next {
                    Some(Ok(record)) => {
                        let line = record.position().map_or(0, |p| p.line());
                        chunk.push((line, record));
                    }
                    Some(Err(error)) => {
                        let line = error.position().map_or(0, |p| p.line());
                        run.report.rows += 1;
                        run.report.errors.push(RowError {
                            line,
                            error: FieldError::new("row", FieldErrorCode::InvalidFormat)
                                .text("expected", "csv"),
                        });
                    }
                    None => {}
                }
                if chunk.len() == CHUNK || (done && !chunk.is_empty()) {
                    if let Err(found) = run.chunk(conn, std::mem::take(&mut chunk))? {
                        conflict = Some(found);
                        return Err(DbError::Query(diesel::result::Error::RollbackTransaction));
                    }
                    progress(run.report.rows);
                }
                if done {
                    break;
                }
            }
            drop(records);
            let wrote = run.report.created + run.report.updated > 0;
            let commit = run.report.committed() && wrote;
            if commit {
                let sha256 = reader.get_ref().get_ref().hex();
                let report = &run.report;
                let counts = ImportCounts {
                    sha256: &sha256,
                    rows_read: report.rows,
                    created: report.created,
                    updated: report.updated,
                    unchanged: report.unchanged,
                };
                imports::close(conn, run.import_id, counts)?;
                audit::bump_data_version(conn)?;
            }
            outcome = Some(std::mem::take(&mut run.report));
            if commit {
                Ok(())
            } else {
                // A dry run, a bad row or nothing to write: nothing stays.
                Err(DbError::Query(diesel::result::Error::RollbackTransaction))
            }
        })
    })
    .and_then(|result| result);
    if let Some(conflict) = conflict {
        return Err(ImportError::Conflict(conflict));
    }
    match (result, outcome) {
        (Ok(()), Some(report)) => Ok(report),
        (Err(DbError::Query(diesel::result::Error::RollbackTransaction)), Some(report)) => {
            Ok(report)
        }
        (Err(error), _) => Err(error.into()),
        (Ok(()), None) => Ok(ImportReport::default()),
    }
}

impl Run<'_> {
    fn fail(&mut self, line: u64, error: FieldError) {
        self.report.errors.push(RowError { line, error });
    }

    /// Checks and plans a chunk of rows, and writes it when the import
    /// writes; a conflict leaves the rollback to the caller.
    fn chunk(
        &mut self,
        conn: &mut DbConnection,
        records: Vec<(u64, StringRecord)>,
    ) -> Result<Result<(), WriteConflict>, DbError> {
        self.report.rows += records.len();
        let keys: Vec<String> = records
            .iter()
            .filter_map(|(_, r)| self.format.key(r))
            .collect();
        let ids: Vec<String> = records
            .iter()
            .filter_map(|(_, r)| self.format.id(r))
            .collect();
        let stored = imports::find_for_upsert(conn, &keys, &ids)?;
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for (index, listing) in stored.iter().enumerate() {
            if let Some(key) = &listing.external_id {
                by_key.insert(key.clone(), index);
            }
            by_id.insert(listing.listing.id.to_string(), index);
        }
        let mut plans = Vec::new();
        for (line, record) in records {
            let key = self.format.key(&record);
            let id = self.format.id(&record);
            if let Some(key) = &key {
                if !self.seen_keys.insert(key.clone()) {
                    let field = self.format.key_field();
                    self.fail(
                        line,
                        FieldError::new(field, FieldErrorCode::Duplicate)
                            .text("value", key.clone()),
                    );
                    continue;
                }
            }
            let existing = key
                .as_ref()
                .and_then(|k| by_key.get(k))
                .or_else(|| id.as_ref().and_then(|i| by_id.get(i)))
                .map(|index| &stored[*index]);
            if let Some(found) = existing {
                let other_key =
                    found.external_id.is_some() && found.external_id != key && key.is_some();
                if other_key {
                    self.fail(
                        line,
                        FieldError::new("id", FieldErrorCode::Duplicate)
                            .text("value", found.listing.id.to_string()),
                    );
                    continue;
                }
                if found.deleted {
                    self.report.deleted += 1;
                    continue;
                }
            }
            let mut draft = existing.map_or_else(ListingDraft::default, |s| {
                ListingDraft::from_listing(&s.listing, s.external_id.as_deref())
            });
            let cell_errors = self.format.apply(&record, &mut draft, self.ctx);
            if !self.format.keyed_by_external_id() {
                draft.external_id =
                    existing.map_or(key.clone(), |s| s.external_id.clone().or(key.clone()));
            }
            let validated = draft.validate(self.ctx);
            let mut errors = cell_errors;
            if let Err(field_errors) = &validated {
                errors.extend(field_errors.iter().cloned().map(|mut e| {
                    e.field = crate::exchange::row::column_of(&e.field);
                    e
                }));
            }
            if let Ok(valid) = &validated {
                let id = valid.listing.id.to_string();
                if !self.seen_ids.insert(id.clone())
                    || (existing.is_none() && by_id.contains_key(&id))
                {
                    errors.push(FieldError::new("id", FieldErrorCode::Duplicate).text("value", id));
                }
            }
            if !errors.is_empty() {
                // One entry per column, as for the API's 422.
                let mut named = HashSet::new();
                for error in errors {
                    if named.insert(error.field.clone()) {
                        self.fail(line, error);
                    }
                }
                continue;
            }
            let Ok(mut valid) = validated else { continue };
            let author = Author::from_key_id(self.options.key_id);
            valid.listing.updated_at = self.now;
            match existing {
                None => {
                    self.report.changes.push(RowChange {
                        line,
                        listing_id: valid.listing.id.to_string(),
                        kind: ChangeKind::Created,
                        fields: Vec::new(),
                    });
                    plans.push(editing::plan_import_create(author, self.import_id, valid));
                }
                Some(found) => {
                    match editing::plan_import_update(author, self.import_id, found, valid) {
                        None => self.report.unchanged += 1,
                        Some((plan, diff)) => {
                            self.report.changes.push(RowChange {
                                line,
                                listing_id: plan.id().to_string(),
                                kind: ChangeKind::Updated,
                                fields: diff.fields,
                            });
                            plans.push(plan);
                        }
                    }
                }
            }
        }
        self.write(conn, plans)
    }

    /// Counts the plans and, when the import writes, writes them: updates
    /// one by one through the editing service, new listings in one batch
    /// with the same audit entries.
    fn write(
        &mut self,
        conn: &mut DbConnection,
        plans: Vec<PlannedWrite>,
    ) -> Result<Result<(), WriteConflict>, DbError> {
        let writing = !self.options.dry_run && self.report.errors.is_empty();
        let mut new = Vec::new();
        let mut entries = Vec::new();
        for plan in plans {
            if plan.creates() {
                self.report.created += 1;
            } else {
                self.report.updated += 1;
            }
            if !writing {
                continue;
            }
            if !plan.creates() {
                if let Err(conflict) = editing::write_one(conn, &plan)? {
                    return Ok(Err(conflict));
                }
                continue;
            }
            if let Some(listing) = plan.listing() {
                entries.push(audit_entry(listing.id.as_str(), plan.audit()));
                new.push((listing.clone(), plan.external_id().map(str::to_owned)));
            }
        }
        if writing && !new.is_empty() {
            imports::insert_new(conn, &new, &entries)?;
        }
        Ok(Ok(()))
    }
}

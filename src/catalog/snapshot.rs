//! The catalog persisted, so that a starting instance reads its indexes
//! instead of rebuilding them from every listing in the database (which
//! normalises and splits every text), then catches up from the change log.
//!
//! One file per database: a header, a stamp, the indexes (postcard), then
//! every live listing's record. The indexes are read into the heap; the
//! records stay in the file, mapped read-only ([`super::records`]).
//!
//! A snapshot is trusted only when everything it was built from matches:
//! its format and the code that laid it out (`CATALOG_CODE_HASH`, from
//! `build.rs`), the database's identity (`db::identity`), the search
//! vocabulary, and a change-log id no later than the database's. Its
//! checksum is verified by reading the file (page cache, not the process's
//! memory) before it is mapped. Anything else is a [`SnapshotError`] and the
//! caller rebuilds from the database: a snapshot is a cache, never a source.
//!
//! A file is written under a temporary name, synced and renamed over the
//! old one, never changed in place: a process that maps the old file keeps
//! reading the old inode.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::bits::Bits;
use super::columns::Columns;
use super::names::{FrozenNames, NameIndex};
use super::records::{Record, RecordFile};
use super::text::{GramIndex, WordIndex};
use super::{Catalog, Held, Order, Vocabulary};
use crate::domain::City;

const MAGIC: &[u8; 8] = b"DIRCATLG";
/// Bumped by hand when the layout changes in a way the code hash would
/// not see (it sees every source file that lays it out, so rarely).
const FORMAT: u32 = 1;
const CODE: &str = env!("CATALOG_CODE_HASH");
/// A stamp is a few dozen bytes; more means the file is not a snapshot.
const MAX_STAMP: u32 = 4096;

/// Why a snapshot was not used.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// There is none yet.
    #[error("no snapshot at {0}")]
    Missing(PathBuf),
    /// It was built from something else than what is running now.
    #[error("the snapshot does not match: {0}")]
    Mismatch(&'static str),
    /// It is not a whole, intact snapshot.
    #[error("the snapshot is damaged: {0}")]
    Damaged(&'static str),
    /// It could not be read or written.
    #[error("snapshot I/O: {0}")]
    Io(#[from] std::io::Error),
}

/// What a snapshot says it was built from.
#[derive(Debug, Serialize, Deserialize)]
struct Stamp {
    format: u32,
    code: String,
    database: String,
    vocabulary: u64,
    change_id: i64,
    index_len: u64,
    records_len: u64,
    checksum: u64,
}

/// What a snapshot must match to be read.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The database's identity.
    pub database: &'a str,
    /// The database's latest change-log id: a snapshot past it was built
    /// from another history (a restored backup).
    pub latest_change_id: i64,
}

/// The file of the snapshot of `database` in `folder`.
pub fn path_in(folder: &Path, database: &str) -> PathBuf {
    folder.join(format!("catalog-{database}.snapshot"))
}

/// One slot as written: its listing's id, version, targets and the length
/// of its record (records follow one another in slot order).
#[derive(Debug, Serialize, Deserialize)]
struct SlotRow<S> {
    id: S,
    version: i64,
    targets: [Option<u32>; 3],
    record_len: u64,
}

/// The indexes section. Written from borrowed parts and read into owned
/// ones: postcard is positional, so [`IndexesOut`] must keep these fields
/// in this order (the round-trip tests fail otherwise).
#[derive(Debug, Deserialize)]
struct IndexesIn {
    slots: Vec<Option<SlotRow<String>>>,
    live: Bits,
    grams: GramIndex,
    words: WordIndex,
    name_grams: GramIndex,
    name_words: WordIndex,
    names: FrozenNames,
    target_slots: Vec<Vec<u32>>,
    columns: Columns,
    schedules: Vec<(String, String, Vec<u32>)>,
    id_order: Vec<u32>,
}

#[derive(Serialize)]
struct IndexesOut<'a> {
    slots: Vec<Option<SlotRow<&'a str>>>,
    live: &'a Bits,
    grams: &'a GramIndex,
    words: &'a WordIndex,
    name_grams: &'a GramIndex,
    name_words: &'a WordIndex,
    names: FrozenNames,
    target_slots: &'a Vec<Vec<u32>>,
    columns: &'a Columns,
    schedules: Vec<(&'a str, &'a str, &'a [u32])>,
    id_order: &'a [u32],
}

impl Catalog {
    /// Writes the catalog's snapshot to `path`, stamped with `database`
    /// and the change-log id the catalog holds. Atomic: the file is
    /// complete or absent.
    pub fn write_snapshot(&self, path: &Path, database: &str) -> Result<(), SnapshotError> {
        let slots = self
            .slots
            .iter()
            .map(|held| {
                held.as_ref().map(|held| SlotRow {
                    id: &*held.id,
                    version: held.version,
                    targets: held.targets,
                    record_len: self.records.bytes(&held.record).len() as u64,
                })
            })
            .collect();
        let index = postcard::to_stdvec(&IndexesOut {
            slots,
            live: &self.live,
            grams: &self.grams,
            words: &self.words,
            name_grams: &self.name_grams,
            name_words: &self.name_words,
            names: self.names.freeze(),
            target_slots: &self.target_slots,
            columns: &self.columns,
            schedules: self.schedules.sources(),
            id_order: &self.id_order.slots,
        })
        .map_err(|_| SnapshotError::Damaged("the indexes do not encode"))?;
        let records = || {
            self.slots
                .iter()
                .flatten()
                .map(|held| self.records.bytes(&held.record))
        };
        let mut hasher = Xxh3::new();
        hasher.update(&index);
        let mut records_len = 0u64;
        for bytes in records() {
            hasher.update(bytes);
            records_len += bytes.len() as u64;
        }
        let stamp = postcard::to_stdvec(&Stamp {
            format: FORMAT,
            code: CODE.to_owned(),
            database: database.to_owned(),
            vocabulary: self.vocabulary.fingerprint(),
            change_id: self.change_id,
            index_len: index.len() as u64,
            records_len,
            checksum: hasher.digest(),
        })
        .map_err(|_| SnapshotError::Damaged("the stamp does not encode"))?;

        let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
        let written = (|| {
            let mut out = BufWriter::with_capacity(1 << 20, File::create(&temporary)?);
            out.write_all(MAGIC)?;
            out.write_all(&(stamp.len() as u32).to_le_bytes())?;
            out.write_all(&stamp)?;
            out.write_all(&index)?;
            for bytes in records() {
                out.write_all(bytes)?;
            }
            let file = out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            file.sync_all()?;
            std::fs::rename(&temporary, path)?;
            // The rename itself is durable once the folder is synced.
            if let Some(folder) = path.parent() {
                File::open(folder)?.sync_all()?;
            }
            Ok(())
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written.map_err(SnapshotError::Io)
    }

    /// The catalog in the snapshot at `path`, if it matches `expected`
    /// and the running code, with `cities` and `vocabulary` as
    /// [`Catalog::build`] takes them. It holds the changes up to its
    /// [`change_id`](Catalog::change_id); the caller catches up.
    pub fn open_snapshot(
        path: &Path,
        expected: Expected<'_>,
        cities: &[City],
        vocabulary: Vocabulary,
    ) -> Result<Catalog, SnapshotError> {
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(SnapshotError::Missing(path.to_owned()));
            }
            Err(error) => return Err(error.into()),
        };
        let size = file.metadata()?.len();
        let mut head = [0u8; 12];
        file.read_exact(&mut head)
            .map_err(|_| SnapshotError::Damaged("shorter than a header"))?;
        if &head[..8] != MAGIC {
            return Err(SnapshotError::Damaged("not a catalog snapshot"));
        }
        let stamp_len = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        if stamp_len > MAX_STAMP {
            return Err(SnapshotError::Damaged("the stamp is too long"));
        }
        let mut stamp = vec![0u8; stamp_len as usize];
        file.read_exact(&mut stamp)
            .map_err(|_| SnapshotError::Damaged("shorter than its stamp"))?;
        let stamp: Stamp = postcard::from_bytes(&stamp)
            .map_err(|_| SnapshotError::Mismatch("a stamp of another format"))?;
        check(&stamp, expected, &vocabulary)?;
        let records_at = 12 + u64::from(stamp_len) + stamp.index_len;
        if records_at.checked_add(stamp.records_len) != Some(size) {
            return Err(SnapshotError::Damaged("its length is not the stamp's"));
        }

        // Read (not mapped) to check it: the bytes pass through the page
        // cache, not the process's resident memory.
        let mut index = vec![0u8; usize::try_from(stamp.index_len).unwrap_or(usize::MAX)];
        file.read_exact(&mut index)?;
        let mut hasher = Xxh3::new();
        hasher.update(&index);
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            let read = file.read(&mut chunk)?;
            if read == 0 {
                break;
            }
            hasher.update(&chunk[..read]);
        }
        if hasher.digest() != stamp.checksum {
            return Err(SnapshotError::Damaged("its checksum does not match"));
        }
        let indexes: IndexesIn = postcard::from_bytes(&index)
            .map_err(|_| SnapshotError::Damaged("the indexes do not decode"))?;
        drop(index);
        // SAFETY: the map is read-only and snapshot files are never changed
        // in place (a new one is renamed over the old, which stays intact
        // for the processes that map it). Another program truncating the
        // file would fault the reader; nothing in this service does.
        let map = unsafe { Mmap::map(&file)? };
        let records_at = usize::try_from(records_at)
            .map_err(|_| SnapshotError::Damaged("larger than the address space"))?;
        assemble(
            indexes,
            map,
            records_at,
            stamp.change_id,
            cities,
            vocabulary,
        )
    }
}

fn check(
    stamp: &Stamp,
    expected: Expected<'_>,
    vocabulary: &Vocabulary,
) -> Result<(), SnapshotError> {
    if stamp.format != FORMAT {
        return Err(SnapshotError::Mismatch("another format version"));
    }
    if stamp.code != CODE {
        return Err(SnapshotError::Mismatch("written by another build"));
    }
    if stamp.database != expected.database {
        return Err(SnapshotError::Mismatch("another database"));
    }
    if stamp.vocabulary != vocabulary.fingerprint() {
        return Err(SnapshotError::Mismatch("another search vocabulary"));
    }
    if stamp.change_id > expected.latest_change_id {
        return Err(SnapshotError::Mismatch(
            "newer than the database's change log",
        ));
    }
    Ok(())
}

/// The catalog from a snapshot's decoded indexes and its mapped records.
fn assemble(
    indexes: IndexesIn,
    map: Mmap,
    records_at: usize,
    change_id: i64,
    cities: &[City],
    vocabulary: Vocabulary,
) -> Result<Catalog, SnapshotError> {
    let size = map.len();
    let mut catalog = Catalog::empty(cities, vocabulary, indexes.slots.len());
    let mut offset = records_at;
    for (slot, row) in indexes.slots.into_iter().enumerate() {
        let held = match row {
            None => None,
            Some(row) => {
                let len = usize::try_from(row.record_len).unwrap_or(usize::MAX);
                let end = offset.checked_add(len).filter(|end| *end <= size);
                let end = end.ok_or(SnapshotError::Damaged("a record past the end"))?;
                let id: Arc<str> = Arc::from(row.id);
                catalog.by_id.insert(Arc::clone(&id), slot as u32);
                let held = Held {
                    record: Record::Mapped { offset, len },
                    id,
                    schedule: None,
                    version: row.version,
                    targets: row.targets,
                };
                offset = end;
                Some(held)
            }
        };
        catalog.slots.push(held);
    }
    if offset != size {
        return Err(SnapshotError::Damaged("records and stamp disagree"));
    }
    let slot_count = catalog.slots.len();
    let valid = |slots: &[u32]| slots.iter().all(|slot| (*slot as usize) < slot_count);
    if !valid(&indexes.id_order) || indexes.target_slots.iter().any(|s| !valid(s)) {
        return Err(SnapshotError::Damaged("a slot past the end"));
    }
    for (city, expression, slots) in &indexes.schedules {
        let Some(locality) = catalog.localities.get(city) else {
            continue;
        };
        for slot in slots {
            let schedule = catalog.schedules.add(*slot, city, expression, locality);
            if let Some(held) = catalog
                .slots
                .get_mut(*slot as usize)
                .and_then(Option::as_mut)
            {
                held.schedule = schedule;
            }
        }
    }
    for (slot, point) in indexes.columns.point.iter().enumerate() {
        catalog.grid.add(slot as u32, point[0], point[1]);
    }
    catalog.records = RecordFile::mapped(map);
    catalog.live = indexes.live;
    catalog.grams = indexes.grams;
    catalog.words = indexes.words;
    catalog.name_grams = indexes.name_grams;
    catalog.name_words = indexes.name_words;
    catalog.names = NameIndex::thaw(indexes.names)
        .map_err(|_| SnapshotError::Damaged("the names do not read"))?;
    if indexes.target_slots.len() != catalog.target_slots.len() {
        return Err(SnapshotError::Damaged("target lists of another vocabulary"));
    }
    catalog.target_slots = indexes.target_slots;
    catalog.columns = indexes.columns;
    catalog.id_order = Order::new(indexes.id_order, slot_count);
    catalog.change_id = change_id;
    Ok(catalog)
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;

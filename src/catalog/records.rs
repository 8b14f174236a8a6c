//! Listings as the catalog keeps them: each one encoded (postcard) and
//! decoded only when a page, a single listing or an export needs it. The
//! indexes answer every filter without reading a listing, so at 100 000
//! listings a query decodes the twenty of its page, not 100 000 structs of
//! strings (which were a third of the catalog's heap).
//!
//! A record loaded from a [snapshot](super::snapshot) stays in the file,
//! mapped read-only: its bytes are in the page cache, shared between
//! processes and evictable, and only the pages that pages of results touch
//! are resident. A listing written since lives in the heap.

use std::sync::Arc;

use memmap2::Mmap;

use crate::domain::Listing;

/// Where one listing's encoded bytes are.
#[derive(Debug)]
pub(super) enum Record {
    /// Written since the snapshot (or with none).
    Heap(Box<[u8]>),
    /// In the mapped snapshot file.
    Mapped { offset: usize, len: usize },
}

/// The mapped snapshot file that [`Record::Mapped`] points into.
#[derive(Debug, Clone, Default)]
pub(super) struct RecordFile {
    map: Option<Arc<Mmap>>,
}

impl RecordFile {
    /// Records in `map`.
    pub(super) fn mapped(map: Mmap) -> Self {
        RecordFile {
            map: Some(Arc::new(map)),
        }
    }

    /// The encoded bytes of `record`; empty if it points past the file,
    /// which decodes to nothing.
    pub(super) fn bytes<'a>(&'a self, record: &'a Record) -> &'a [u8] {
        match record {
            Record::Heap(bytes) => bytes,
            Record::Mapped { offset, len } => self
                .map
                .as_ref()
                .and_then(|map| map.get(*offset..offset.saturating_add(*len)))
                .unwrap_or_default(),
        }
    }

    /// The listing `record` holds. `None` only for bytes this build did
    /// not write, which a snapshot's checksum and stamp rule out.
    pub(super) fn decode(&self, record: &Record) -> Option<Listing> {
        match postcard::from_bytes(self.bytes(record)) {
            Ok(listing) => Some(listing),
            Err(error) => {
                tracing::error!(%error, "a catalog record does not decode; the listing is skipped");
                None
            }
        }
    }
}

/// The record of `listing`, in the heap.
pub(super) fn encode(listing: &Listing) -> Record {
    #[expect(
        clippy::expect_used,
        reason = "encoding owned structs of strings and numbers into a Vec cannot fail"
    )]
    let bytes = postcard::to_stdvec(listing).expect("a listing encodes");
    Record::Heap(bytes.into_boxed_slice())
}

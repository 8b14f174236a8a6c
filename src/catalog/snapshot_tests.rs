//! A snapshot is read only when it is whole and matches what runs now;
//! every other file is an error the caller answers by rebuilding.

use super::*;
use crate::catalog::{Change, VocabularyTarget};
use crate::domain::{Category, ListingBuilder, ListingId, VersionedListing};

fn catalog() -> Catalog {
    let listings = (0..50)
        .map(|n| {
            let id = ListingId::parse(&format!("place-{n}")).unwrap();
            let listing = ListingBuilder::new(
                id,
                Category::JobCafe,
                &format!("Place {n}"),
                chrono::Utc::now(),
            )
            .with(|listing| listing.opening_hours = Some("Mo-Fr 09:00-18:00".into()))
            .build();
            VersionedListing {
                listing,
                version: 1,
            }
        })
        .collect();
    Catalog::build(listings, &crate::seed::cities(), vocabulary("Gangnam-gu")).reflecting(7)
}

fn vocabulary(name: &str) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    vocabulary.add(
        VocabularyTarget::District("seoul".into(), "gangnam".into()),
        name,
    );
    vocabulary
}

fn expected(latest_change_id: i64) -> Expected<'static> {
    Expected {
        database: "db-1",
        latest_change_id,
    }
}

fn open(path: &Path, expected: Expected<'_>, name: &str) -> Result<Catalog, SnapshotError> {
    Catalog::open_snapshot(path, expected, &crate::seed::cities(), vocabulary(name))
}

#[test]
fn a_snapshot_reads_back_whole_with_its_change_id() {
    let folder = tempfile::tempdir().unwrap();
    let path = path_in(folder.path(), "db-1");
    let mut written = catalog();
    written.apply(vec![Change::Remove("place-3".into())]);
    written.write_snapshot(&path, "db-1").unwrap();
    let read = open(&path, expected(9), "Gangnam-gu").unwrap();
    assert_eq!((read.len(), read.change_id()), (49, 7));
    assert!(read.get("place-3").is_none());
    let entry = read.get("place-4").unwrap();
    assert_eq!(entry.listing.texts["en"].name, "Place 4");
    assert!(entry.schedule.is_some(), "hours are parsed again");
    // Nothing is left under a temporary name.
    let files: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn a_snapshot_of_something_else_is_a_mismatch() {
    let folder = tempfile::tempdir().unwrap();
    let path = path_in(folder.path(), "db-1");
    catalog().write_snapshot(&path, "db-1").unwrap();
    let other_database = Expected {
        database: "db-2",
        latest_change_id: 9,
    };
    for (result, why) in [
        (
            open(&path, other_database, "Gangnam-gu"),
            "another database",
        ),
        (
            open(&path, expected(9), "Gangnam"),
            "another search vocabulary",
        ),
        (
            open(&path, expected(6), "Gangnam-gu"),
            "newer than the database's change log",
        ),
    ] {
        match result {
            Err(SnapshotError::Mismatch(reason)) => assert_eq!(reason, why),
            other => panic!("{why}: {other:?}"),
        }
    }
    assert!(matches!(
        open(&folder.path().join("none"), expected(9), "Gangnam-gu"),
        Err(SnapshotError::Missing(_))
    ));
}

#[test]
fn a_damaged_snapshot_is_never_read() {
    let folder = tempfile::tempdir().unwrap();
    let path = path_in(folder.path(), "db-1");
    catalog().write_snapshot(&path, "db-1").unwrap();
    let whole = std::fs::read(&path).unwrap();
    let mut flipped = whole.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let mut other_format = whole.clone();
    other_format[12] ^= 0x7f; // the stamp's first byte: its format number
    let cases: [(&str, Vec<u8>); 5] = [
        ("a flipped bit", flipped),
        ("truncated", whole[..whole.len() - 10].to_vec()),
        ("grown", [whole.as_slice(), b"tail"].concat()),
        ("not a snapshot", b"SQLite format 3\0 and so on".to_vec()),
        ("another format", other_format),
    ];
    for (case, bytes) in cases {
        std::fs::write(&path, bytes).unwrap();
        match open(&path, expected(9), "Gangnam-gu") {
            Err(SnapshotError::Damaged(_) | SnapshotError::Mismatch(_)) => {}
            other => panic!("{case}: {other:?}"),
        }
    }
}

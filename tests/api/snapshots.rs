//! The catalog's snapshot across restarts, on the real app and database:
//! a starting instance reads the snapshot and catches up from the change
//! log (so it serves writes made after the snapshot), and a damaged
//! snapshot is ignored, rebuilt and replaced, never served.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use foreign_resident_directory::db::DatabaseUrl;
use foreign_resident_directory::domain::editing::Role;

use crate::changes::new_listing;
use crate::helpers::TestApp;

/// The one snapshot file in `folder`.
fn snapshot_in(folder: &Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "snapshot"))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one snapshot in {}: {found:?}",
        folder.display()
    );
    found.into_iter().next().unwrap()
}

async fn total(app: &TestApp) -> u64 {
    let reply = app.get("/v1/listings?limit=1", None).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json()["total"].as_u64().unwrap()
}

/// `app` wrote its snapshot into `folder` at start-up; `folder` is passed
/// to the instances started beside it.
async fn restarts_read_the_snapshot_and_catch_up(app: TestApp, folder: PathBuf) {
    let snapshot = snapshot_in(&folder);
    let before = total(&app).await;
    assert!(before > 100, "the demo data is loaded");

    // A write after the snapshot: only the change log has it.
    let editor = app.key(Role::Editor).await;
    let created = new_listing("after-the-snapshot", "After the snapshot");
    let reply = app
        .write("POST", "/v1/listings", Some(&editor), None, Some(created))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let written = std::fs::metadata(&snapshot).unwrap();

    let configure = |folder: PathBuf| {
        move |settings: &mut foreign_resident_directory::config::Settings| {
            settings.catalog_snapshot_dir = Some(folder);
        }
    };
    let restarted = app.spawn_beside_with(configure(folder.clone())).await;
    assert_eq!(
        total(&restarted).await,
        before + 1,
        "caught up from the change log"
    );
    let reply = restarted.get("/v1/listings/after-the-snapshot", None).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let reply = restarted
        .get("/v1/listings?q=after%20the%20snapshot", None)
        .await;
    assert_eq!(
        reply.json()["total"],
        1,
        "the caught-up listing is searchable: {}",
        reply.text
    );
    let read = std::fs::metadata(&snapshot).unwrap();
    assert_eq!(
        (read.ino(), read.mtime_nsec()),
        (written.ino(), written.mtime_nsec()),
        "the snapshot was read, not rebuilt and replaced"
    );
    drop(restarted);

    // Damage one byte in the middle: the checksum catches it.
    let mut bytes = std::fs::read(&snapshot).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    std::fs::write(&snapshot, &bytes).unwrap();
    let damaged = std::fs::metadata(&snapshot).unwrap();
    let rebuilt = app.spawn_beside_with(configure(folder.clone())).await;
    assert_eq!(
        total(&rebuilt).await,
        before + 1,
        "rebuilt from the database"
    );
    let reply = rebuilt.get("/v1/listings/after-the-snapshot", None).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let replaced = std::fs::metadata(snapshot_in(&folder)).unwrap();
    assert_ne!(
        replaced.ino(),
        damaged.ino(),
        "the damaged snapshot was replaced"
    );
    assert_ne!(std::fs::read(snapshot_in(&folder)).unwrap(), bytes);

    // Not a snapshot at all (a truncated copy): ignored the same way.
    std::fs::write(snapshot_in(&folder), b"DIRCATLG").unwrap();
    drop(rebuilt);
    let again = app.spawn_beside_with(configure(folder.clone())).await;
    assert_eq!(total(&again).await, before + 1);
    assert!(std::fs::metadata(snapshot_in(&folder)).unwrap().len() > 1000);
}

#[tokio::test]
async fn sqlite_restarts_read_the_snapshot_beside_the_database() {
    let app = TestApp::spawn_sqlite().await;
    let DatabaseUrl::Sqlite(path) = &app.database_url else {
        unreachable!("a SQLite app")
    };
    let folder = Path::new(path).parent().unwrap().to_owned();
    restarts_read_the_snapshot_and_catch_up(app, folder).await;
}

#[tokio::test]
async fn postgres_restarts_read_the_snapshot_in_its_folder() {
    let folder = tempfile::tempdir().unwrap();
    let configured = folder.path().to_owned();
    let Some(app) = TestApp::spawn_postgres_with(|settings| {
        settings.catalog_snapshot_dir = Some(configured);
    })
    .await
    else {
        return;
    };
    let server = app.server.clone();
    restarts_read_the_snapshot_and_catch_up(app, folder.path().to_owned()).await;
    server.stop(false).await;
}

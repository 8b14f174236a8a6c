#![expect(
    clippy::expect_used,
    reason = "a build script fails the build by panicking, with the message"
)]
//! Compile-time inputs:
//! - `embed_migrations!` reads `migrations/`; cargo must rebuild when a
//!   migration is added or changed.
//! - The shipped locales (`locales/<locale>/*.ftl`) are built into the
//!   binary, so it runs from any folder; this writes the list of
//!   `include_str!`s that `src/i18n/embedded.rs` includes.
//! - The catalog's snapshot files are stamped with a hash of the code that
//!   lays them out (`src/catalog`, `src/domain`, `Cargo.lock`), so that a
//!   build with any change there rebuilds the catalog instead of reading a
//!   file it may not lay out the same way.
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    catalog_code_hash();
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=locales");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut folders: Vec<_> = std::fs::read_dir(&root)
        .expect("the locales folder is readable")
        .map(|entry| entry.expect("a locales entry is readable").path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    let mut code = String::from("&[\n");
    for folder in folders {
        // A new file in a locale folder must rebuild too.
        println!("cargo:rerun-if-changed={}", folder.display());
        let locale = folder
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 folder name");
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .expect("a locale folder is readable")
            .map(|entry| entry.expect("a locale file is readable").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 file name");
            writeln!(
                code,
                "    ({locale:?}, {name:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .expect("writing to a String");
        }
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_locales.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

/// Sets `CATALOG_CODE_HASH`: a hash of every file the snapshot's layout
/// depends on, in a fixed order.
fn catalog_code_hash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("Cargo.lock")];
    for folder in ["src/catalog", "src/domain"] {
        println!("cargo:rerun-if-changed={folder}");
        files.extend(rust_files(&root.join(folder)));
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.strip_prefix(root).unwrap_or(&file).hash(&mut hasher);
        std::fs::read(&file)
            .expect("a source file is readable")
            .hash(&mut hasher);
    }
    println!("cargo:rustc-env=CATALOG_CODE_HASH={:016x}", hasher.finish());
}

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).expect("a source folder is readable") {
        let path = entry.expect("a source entry is readable").path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    found
}

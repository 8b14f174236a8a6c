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
use std::fmt::Write as _;
use std::path::Path;

fn main() {
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

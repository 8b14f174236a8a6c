//! The built binary runs from any folder: the shipped locales are built
//! into it, and `LOCALES_DIR` (or a `locales/` folder in the working
//! directory) replaces them.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use foreign_resident_directory::i18n::Locales;

use crate::instances::fresh_postgres_schema;

const BINARY: &str = env!("CARGO_BIN_EXE_directory");

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn shipped_text(locale: &str, id: &str) -> String {
    let locales = Locales::load(&shipped()).unwrap();
    let locale = locales.get(locale).unwrap().clone();
    locales.format(&locale, id, None)
}

/// `directory` started as an operator would, from `cwd`, with only the
/// environment given here (plus `PATH`).
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command(cwd: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BINARY);
    command.current_dir(cwd).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        command.env("PATH", path);
    }
    command.envs(env.iter().copied());
    command
}

async fn start(cwd: &Path, database_url: &str, env: &[(&str, &str)]) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bind = format!("127.0.0.1:{port}");
    let mut all = vec![("DATABASE_URL", database_url), ("BIND", bind.as_str())];
    all.extend_from_slice(env);
    let child = command(cwd, &all)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut server = Server {
        child,
        address: format!("http://{bind}"),
    };
    let started = Instant::now();
    loop {
        let answered = reqwest::get(format!("{}/healthz", server.address))
            .await
            .is_ok_and(|reply| reply.status().is_success());
        if answered {
            return server;
        }
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!("the server stopped at start ({status})");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the server never answered"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The title of a missing listing's problem, in `locale`.
async fn not_found_title(server: &Server, locale: &str) -> String {
    let reply = reqwest::Client::new()
        .get(format!("{}/v1/listings/no-such-listing", server.address))
        .header("Accept-Language", locale)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 404);
    let body: serde_json::Value = reply.json().await.unwrap();
    assert_eq!(body["code"], "listing_not_found", "{body}");
    body["title"].as_str().unwrap_or_default().to_owned()
}

async fn answers_in_every_locale_without_a_locales_folder(database_url: &str, cwd: &Path) {
    assert!(!cwd.join("locales").exists());
    let server = start(cwd, database_url, &[]).await;
    for locale in ["en", "ja", "ko", "zh-Hans"] {
        let expected = shipped_text(locale, "problem-title-listing-not-found");
        assert_eq!(not_found_title(&server, locale).await, expected, "{locale}");
    }
    let languages: serde_json::Value = reqwest::get(format!("{}/v1/locales", server.address))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(languages.to_string().contains("zh-Hans"), "{languages}");
}

#[tokio::test]
async fn the_binary_serves_localized_answers_from_a_folder_without_locales_on_sqlite() {
    let cwd = tempfile::tempdir().unwrap();
    let database = cwd.path().join("fresh.sqlite3").display().to_string();
    answers_in_every_locale_without_a_locales_folder(&database, cwd.path()).await;
}

#[tokio::test]
async fn the_binary_serves_localized_answers_from_a_folder_without_locales_on_postgres() {
    let Some((url, _database)) = fresh_postgres_schema() else {
        return;
    };
    let cwd = tempfile::tempdir().unwrap();
    answers_in_every_locale_without_a_locales_folder(&url, cwd.path()).await;
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A copy of the shipped locales whose Japanese title of a missing
/// listing reads `title`.
fn locales_with_japanese_title(root: &Path, title: &str) -> PathBuf {
    let dir = root.join("translators-copy");
    copy_tree(&shipped(), &dir);
    let file = dir.join("ja/errors.ftl");
    let text = std::fs::read_to_string(&file).unwrap();
    let changed: String = text
        .lines()
        .map(|line| {
            if line.starts_with("problem-title-listing-not-found =") {
                format!("problem-title-listing-not-found = {title}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_ne!(changed, text);
    std::fs::write(file, changed).unwrap();
    dir
}

#[tokio::test]
async fn locales_dir_replaces_the_built_in_locales_and_is_reloaded_live() {
    let cwd = tempfile::tempdir().unwrap();
    let dir = locales_with_japanese_title(cwd.path(), "翻訳者の版");
    let database = cwd.path().join("fresh.sqlite3").display().to_string();
    let dir_text = dir.display().to_string();
    let server = start(
        cwd.path(),
        &database,
        &[("LOCALES_DIR", &dir_text), ("LOCALES_RELOAD_MS", "100")],
    )
    .await;
    assert_eq!(not_found_title(&server, "ja").await, "翻訳者の版");
    assert_eq!(
        not_found_title(&server, "ko").await,
        shipped_text("ko", "problem-title-listing-not-found")
    );

    // The folder is watched: a save is served without a restart.
    locales_with_japanese_title(cwd.path(), "保存後の版");
    let started = Instant::now();
    while not_found_title(&server, "ja").await != "保存後の版" {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the save was never served"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_locales_folder_in_the_working_directory_replaces_the_built_in_locales() {
    let cwd = tempfile::tempdir().unwrap();
    let copy = locales_with_japanese_title(cwd.path(), "作業フォルダの版");
    std::fs::rename(copy, cwd.path().join("locales")).unwrap();
    let database = cwd.path().join("fresh.sqlite3").display().to_string();
    let server = start(cwd.path(), &database, &[]).await;
    assert_eq!(not_found_title(&server, "ja").await, "作業フォルダの版");
}

#[test]
fn import_runs_from_a_folder_without_locales() {
    let cwd = tempfile::tempdir().unwrap();
    let csv = cwd.path().join("one.csv");
    std::fs::write(
        &csv,
        "id,category,city,district,lat,lon,phone,languages,sample,name_en,name_ja,name_ko,name_zh_Hans,address_en,address_ja,address_ko,address_zh_Hans,summary_en,summary_ja,summary_ko,summary_zh_Hans\n\
         standalone-one,real_estate,seoul,gangnam,37.51,127.0473,+82-2-0123-4567,\"[\"\"en\"\"]\",1,\
         Sample Realty,サンプル不動産,샘플 부동산,示例房地产,\"1 Teheran-ro, Gangnam-gu, Seoul\",,,,Sample data.,,,\n",
    )
    .unwrap();
    let database = cwd.path().join("fresh.sqlite3").display().to_string();
    let output = command(cwd.path(), &[("DATABASE_URL", &database)])
        .args(["import", "one.csv", "--dry-run"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("dry run: 1 rows: 1 created"), "{stderr}");

    // An explicit folder that does not exist is still an error.
    let output = command(
        cwd.path(),
        &[("DATABASE_URL", &database), ("LOCALES_DIR", "missing")],
    )
    .args(["import", "one.csv", "--dry-run"])
    .output()
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("cannot load the locales: missing"),
        "{stderr}"
    );
}

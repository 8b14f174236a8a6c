use clap::{CommandFactory, Parser};

use super::super::Cli;
use super::*;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("directory").chain(args.iter().copied()))
}

fn help(path: &[&str]) -> String {
    let mut command = Cli::command();
    command.build();
    let mut current = &mut command;
    for name in path {
        current = current
            .find_subcommand_mut(name)
            .unwrap_or_else(|| panic!("no subcommand {name}"));
    }
    current.render_long_help().to_string()
}

#[test]
fn locales_check_takes_a_folder_a_format_and_denies_warnings_on_request() {
    let cli = parse(&["locales", "check", "--dir", "x", "--format", "json"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(Command::Locales(LocalesCommand::Check {
            dir,
            format: ReportFormat::Json,
            deny_warnings: false,
        })) if dir == std::path::Path::new("x")
    ));
    let strict = parse(&["locales", "check", "--deny-warnings"]).unwrap();
    assert!(matches!(
        strict.command,
        Some(Command::Locales(LocalesCommand::Check {
            deny_warnings: true,
            ..
        }))
    ));
}

#[test]
fn subcommand_help_shows_only_that_subcommands_options() {
    let check = help(&["locales", "check"]);
    for own in ["--dir", "--format", "--deny-warnings", "LOCALES_DIR"] {
        assert!(check.contains(own), "{own} missing from:\n{check}");
    }
    for server in [
        "--bind",
        "--rate-limit-per-key",
        "--database-url",
        "--workers",
    ] {
        assert!(!check.contains(server), "{server} in:\n{check}");
    }
    let import = help(&["import"]);
    for own in ["--format", "--dry-run", "--database-url", "--locales-dir"] {
        assert!(import.contains(own), "{own} missing from:\n{import}");
    }
    let list = help(&["keys", "list"]);
    assert!(list.contains("--database-url"), "{list}");
    let generate = help(&["generate"]);
    assert!(generate.contains("--count") && !generate.contains("--locales-dir"));
    for command in [import, list, generate] {
        for server in ["--bind", "--rate-limit-per-key", "--public-base-url"] {
            assert!(!command.contains(server), "{server} in:\n{command}");
        }
    }
    let serve = help(&["serve"]);
    assert!(serve.contains("--bind") && serve.contains("--rate-limit-per-key"));
}

#[test]
fn maintenance_flags_override_the_environment_settings() {
    let cli = parse(&[
        "import",
        "x.csv",
        "--database-url",
        "other.sqlite3",
        "--demo-data",
        "false",
        "--locales-dir",
        "mine",
    ])
    .unwrap();
    let Some(Command::Import { store, locales, .. }) = cli.command else {
        panic!("not an import");
    };
    let mut settings = cli.settings;
    store.apply(&mut settings);
    locales.apply(&mut settings);
    assert_eq!(
        settings.database_url,
        DatabaseUrl::Sqlite("other.sqlite3".into())
    );
    assert!(!settings.demo_data);
    assert_eq!(settings.locales_dir, Some("mine".into()));

    // Nothing given: the settings stay as read.
    let cli = parse(&["keys", "list"]).unwrap();
    let Some(Command::Keys { store, .. }) = cli.command else {
        panic!("not keys");
    };
    let mut settings = cli.settings.clone();
    store.apply(&mut settings);
    assert_eq!(settings.database_url, cli.settings.database_url);
    // A flag after the sub-subcommand counts too.
    let cli = parse(&["keys", "list", "--database-url", "k.sqlite3"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(Command::Keys { store: StoreArgs { database_url: Some(DatabaseUrl::Sqlite(path)), .. }, .. })
            if path == "k.sqlite3"
    ));
}

#[test]
fn serve_takes_the_server_flags() {
    let cli = parse(&["serve", "--bind", "127.0.0.1:9999"]).unwrap();
    let Some(Command::Serve(settings)) = cli.command else {
        panic!("not serve");
    };
    assert_eq!(settings.bind.to_string(), "127.0.0.1:9999");
    assert_eq!(
        parse(&["--bind", "127.0.0.1:9998"])
            .unwrap()
            .settings
            .bind
            .to_string(),
        "127.0.0.1:9998"
    );
}

#[test]
fn editing_settings_are_read_and_subcommands_parse() {
    let cli = parse(&[
        "keys",
        "create",
        "--role",
        "editor",
        "--name",
        "ward office",
    ])
    .unwrap();
    assert!(matches!(
        cli.command,
        Some(Command::Keys {
            command: KeysCommand::Create {
                role: Role::Editor,
                ..
            },
            ..
        })
    ));
    assert!(parse(&["keys", "create", "--role", "root", "--name", "x"]).is_err());
    assert!(matches!(
        parse(&["import", "x.csv", "--dry-run"]).unwrap().command,
        Some(Command::Import { dry_run: true, .. })
    ));
    assert!(matches!(
        parse(&["import", "--format", "brk-pg-global", "x.csv"]).unwrap().command,
        Some(Command::Import { format, .. }) if format == "brk-pg-global"
    ));
    assert!(parse(&["import", "--format", "xls", "x.csv"]).is_err());
}

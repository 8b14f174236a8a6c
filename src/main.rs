//! `directory`: runs the API, prints its OpenAPI document, manages API
//! keys, imports a CSV file, checks the locale files, or generates
//! synthetic listings.

use std::process::ExitCode;

use clap::Parser;
use foreign_resident_directory::config::{Cli, Command, LocalesCommand, ReportFormat, Settings};
use foreign_resident_directory::i18n::check;
use foreign_resident_directory::startup::Application;
use foreign_resident_directory::{api, cli, commands, telemetry};

fn main() -> ExitCode {
    let Cli {
        command,
        mut settings,
    } = Cli::parse();
    match command {
        None => serve(settings),
        Some(Command::Serve(settings)) => serve(*settings),
        Some(Command::Openapi) => match api::openapi_document().to_pretty_json() {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Generate { count, seed, store }) => {
            store.apply(&mut settings);
            telemetry::init_with(settings.operations.log_format);
            report(commands::generate::run(&settings, count, seed))
        }
        Some(Command::Keys {
            command,
            store,
            locales,
        }) => {
            store.apply(&mut settings);
            locales.apply(&mut settings);
            report(cli::keys(&settings, command))
        }
        Some(Command::Import {
            file,
            format,
            dry_run,
            store,
            locales,
        }) => {
            store.apply(&mut settings);
            locales.apply(&mut settings);
            report(cli::import(&settings, &file, &format, dry_run))
        }
        Some(Command::Locales(LocalesCommand::Check {
            dir,
            deny_warnings,
            format,
        })) => check_locales(&dir, format, deny_warnings),
    }
}

fn serve(settings: Settings) -> ExitCode {
    telemetry::init_with(settings.operations.log_format);
    let served = actix_web::rt::System::new().block_on(async {
        let app = Application::build(settings).await?;
        foreign_resident_directory::app::lifecycle::shutdown_on_signals(app.lifecycle());
        app.run_until_stopped().await?;
        anyhow::Ok(())
    });
    report(served)
}

fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the report; fails on errors, and on warnings only when they are
/// denied: a translator's work in progress (served in English where it is
/// missing) never blocks a local run, but shipped files have none.
fn check_locales(dir: &std::path::Path, format: ReportFormat, deny_warnings: bool) -> ExitCode {
    let report = match check::check_dir(dir) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: cannot read {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    match format {
        ReportFormat::Text => print!("{}", report.to_text()),
        ReportFormat::Json => match report.to_json() {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
    }
    if report.has_errors() || (deny_warnings && report.has_findings()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

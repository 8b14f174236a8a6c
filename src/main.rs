//! `directory`: runs the API, prints its OpenAPI document, manages API
//! keys, imports a CSV file, checks the locale files, or generates
//! synthetic listings.

use std::process::ExitCode;

use clap::Parser;
use foreign_resident_directory::config::{Cli, Command, LocalesCommand, Settings};
use foreign_resident_directory::startup::Application;
use foreign_resident_directory::{api, commands, telemetry};

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
            report(commands::keys::run(&settings, command))
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
            report(commands::import::run(&settings, &file, &format, dry_run))
        }
        Some(Command::Locales(LocalesCommand::Check {
            dir,
            deny_warnings,
            format,
        })) => commands::locales::check(&dir, format, deny_warnings),
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

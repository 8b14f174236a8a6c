//! `directory`: runs the API, prints its OpenAPI document, manages API
//! keys or imports a CSV file.

use std::process::ExitCode;

use clap::Parser;
use foreign_resident_directory::config::{Cli, Command};
use foreign_resident_directory::startup::Application;
use foreign_resident_directory::{api, cli, commands, telemetry};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => match api::openapi_document().to_pretty_json() {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Command::Generate { count, seed } => {
            telemetry::init();
            match commands::generate::run(&cli.settings, count, seed) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Keys { command } => report(cli::keys(&cli.settings, command)),
        Command::Import { file, dry_run } => report(cli::import(&cli.settings, &file, dry_run)),
        Command::Serve => {
            telemetry::init();
            let served = actix_web::rt::System::new().block_on(async {
                let app = Application::build(cli.settings).await?;
                app.run_until_stopped().await?;
                anyhow::Ok(())
            });
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
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

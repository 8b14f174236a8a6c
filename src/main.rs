//! `directory`: runs the API, or prints its OpenAPI document.

use std::process::ExitCode;

use clap::Parser;
use foreign_resident_directory::config::{Cli, Command};
use foreign_resident_directory::startup::Application;
use foreign_resident_directory::{api, commands, telemetry};

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

//! `directory locales check [--dir D] [--deny-warnings]`: the locale
//! checker's report, and its exit code for CI.

use std::path::Path;
use std::process::ExitCode;

use crate::config::ReportFormat;
use crate::i18n::check;

/// Prints the report; fails on errors, and on warnings only when they are
/// denied: a translator's work in progress (served in English where it is
/// missing) never blocks a local run, but shipped files have none.
pub fn check(dir: &Path, format: ReportFormat, deny_warnings: bool) -> ExitCode {
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

//! The report as text for a terminal (findings in compiler style, then the
//! completeness table) or as JSON for tools.

use std::fmt::Write as _;

use super::{Report, Severity};

impl Report {
    /// One line per finding, `path:line:column: severity[kind] locale: message`,
    /// then the completeness table and a summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for finding in &self.findings {
            let severity = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let kind = serde_json::to_value(finding.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}:{}:{}: {severity}[{kind}] {}: {}",
                finding.path.display(),
                finding.line,
                finding.column,
                finding.locale,
                finding.message
            );
        }
        if !self.findings.is_empty() {
            out.push('\n');
        }
        let width = self
            .completeness
            .iter()
            .map(|row| row.locale.len())
            .max()
            .unwrap_or(0)
            .max("locale".len());
        let _ = writeln!(out, "{:<width$}  translated   complete", "locale");
        for row in &self.completeness {
            let count = format!("{}/{}", row.translated, row.total);
            let _ = writeln!(
                out,
                "{:<width$}  {count:>10}  {:>8.1}%",
                row.locale, row.percent
            );
        }
        let _ = writeln!(
            out,
            "\n{} error(s), {} warning(s)",
            self.count(Severity::Error),
            self.count(Severity::Warning)
        );
        out
    }

    /// The report as JSON: `{"findings": [...], "completeness": [...],
    /// "errors": n, "warnings": n}`.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let mut value = serde_json::to_value(self)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("errors".into(), self.count(Severity::Error).into());
            object.insert("warnings".into(), self.count(Severity::Warning).into());
        }
        serde_json::to_string_pretty(&value)
    }
}

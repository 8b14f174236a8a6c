//! The CSV columns of imports and exports, and reading one row onto a
//! listing draft. Cells are applied over the listing already stored (if
//! any), so a file that lacks a column leaves that field as it is; an
//! empty cell clears it.

use csv::StringRecord;

use super::spreadsheet;
use crate::domain::editing::{FieldError, FieldErrorCode, ListingDraft, TextDraft};

/// Columns of facts, in export order. `lat` and `lon` are read as
/// `latitude` and `longitude` (the benchmark data's header).
pub const FACT_COLUMNS: [&str; 26] = [
    "external_id",
    "id",
    "category",
    "city",
    "district",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "languages",
    "opening_hours",
    "min_age",
    "max_age",
    "application_opens_at",
    "application_closes_at",
    "capacity_rooms",
    "capacity_people_min",
    "capacity_people_max",
    "max_hours_per_day",
    "capacity_teams",
    "residency_months",
    "max_residency_months",
    "source",
    "sample",
    "verified_at",
];

/// Text fields, each a column per locale: `name_ko`, `summary_zh_Hans`.
pub const TEXT_FIELDS: [&str; 4] = ["name", "address", "summary", "eligibility"];

/// One column of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A fact, by its canonical name.
    Fact(&'static str),
    /// A text field in a locale.
    Text {
        /// `name`, `address`, `summary` or `eligibility`.
        field: &'static str,
        /// BCP 47 locale, e.g. `zh-Hans`.
        locale: String,
    },
}

/// The column name of a locale's text field: `-` becomes `_`.
pub fn text_column(field: &str, locale: &str) -> String {
    format!("{field}_{}", locale.replace('-', "_"))
}

/// Reads a header: every column must be known, and each at most once.
pub fn parse_header(
    header: &StringRecord,
    locales: &[&str],
) -> Result<Vec<Column>, Vec<FieldError>> {
    let mut columns = Vec::new();
    let mut errors = Vec::new();
    for raw in header {
        let name = raw.trim();
        let canonical = match name {
            "lat" => "latitude",
            "lon" => "longitude",
            other => other,
        };
        let column = if let Some(fact) = FACT_COLUMNS.iter().find(|c| **c == canonical) {
            Some(Column::Fact(fact))
        } else {
            TEXT_FIELDS.iter().find_map(|field| {
                let locale = name
                    .strip_prefix(field)?
                    .strip_prefix('_')?
                    .replace('_', "-");
                locales
                    .contains(&locale.as_str())
                    .then_some(Column::Text { field, locale })
            })
        };
        match column {
            Some(column) if !columns.contains(&column) => columns.push(column),
            Some(_) => errors.push(FieldError::new(name, FieldErrorCode::Duplicate)),
            None => errors.push(FieldError::new(name, FieldErrorCode::NotAllowed)),
        }
    }
    if errors.is_empty() {
        Ok(columns)
    } else {
        Err(errors)
    }
}

/// The value of a column's cell, trimmed and with the export's formula
/// escape undone; `None` when empty or absent.
pub fn cell<'r>(columns: &[Column], record: &'r StringRecord, fact: &str) -> Option<&'r str> {
    let wanted = Column::Fact(fact_name(fact)?);
    let index = columns.iter().position(|c| *c == wanted)?;
    record.get(index).and_then(value)
}

/// A cell's value: trimmed, unescaped (see [`spreadsheet`]), `None` when empty.
fn value(raw: &str) -> Option<&str> {
    Some(spreadsheet::restore(raw.trim())).filter(|v| !v.is_empty())
}

fn fact_name(name: &str) -> Option<&'static str> {
    FACT_COLUMNS.iter().copied().find(|c| *c == name)
}

fn invalid(column: &str, expected: &str) -> FieldError {
    FieldError::new(column, FieldErrorCode::InvalidFormat).text("expected", expected)
}

/// `en;ja`, `en,ja` or a JSON list `["en","ja"]`.
fn languages(raw: &str) -> Result<Vec<String>, ()> {
    if raw.starts_with('[') {
        return serde_json::from_str::<Vec<String>>(raw).map_err(|_| ());
    }
    Ok(raw
        .split([';', ','])
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Sets the draft's fields from the row's cells; returns the cells that
/// cannot be read (numbers, booleans, language lists).
pub fn apply(
    columns: &[Column],
    record: &StringRecord,
    draft: &mut ListingDraft,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut touched_locales = Vec::new();
    for (column, raw) in columns.iter().zip(record.iter()) {
        let value = value(raw);
        let text = value.map(str::to_owned);
        let mut number = |name: &str, target: &mut Option<i64>| match value.map(str::parse::<i64>) {
            None => *target = None,
            Some(Ok(n)) => *target = Some(n),
            Some(Err(_)) => errors.push(invalid(name, "integer")),
        };
        match column {
            Column::Fact(name) => match *name {
                "external_id" => draft.external_id = text,
                "id" => draft.id = text,
                "category" => draft.category = text,
                "city" => draft.city = text,
                "district" => draft.district = text,
                "phone" => draft.phone = text,
                "email" => draft.email = text,
                "website" => draft.website = text,
                "opening_hours" => draft.opening_hours = text,
                "application_opens_at" => draft.application_opens_at = text,
                "application_closes_at" => draft.application_closes_at = text,
                "source" => draft.source = text,
                "verified_at" => draft.verified_at = text,
                "min_age" => number(name, &mut draft.min_age),
                "max_age" => number(name, &mut draft.max_age),
                "capacity_rooms" => number(name, &mut draft.capacity_rooms),
                "capacity_people_min" => number(name, &mut draft.capacity_people_min),
                "capacity_people_max" => number(name, &mut draft.capacity_people_max),
                "max_hours_per_day" => number(name, &mut draft.max_hours_per_day),
                "capacity_teams" => number(name, &mut draft.capacity_teams),
                "residency_months" => number(name, &mut draft.residency_months),
                "max_residency_months" => number(name, &mut draft.max_residency_months),
                "latitude" | "longitude" => {
                    let parsed = value.map(str::parse::<f64>).transpose();
                    match (parsed, *name == "latitude") {
                        (Ok(v), true) => draft.latitude = v,
                        (Ok(v), false) => draft.longitude = v,
                        (Err(_), _) => errors.push(invalid(name, "number")),
                    }
                }
                "languages" => match value.map(languages).transpose() {
                    Ok(codes) => draft.languages = codes.unwrap_or_default(),
                    Err(()) => errors.push(invalid(name, "language-list")),
                },
                "sample" => match value.map(str::to_ascii_lowercase).as_deref() {
                    None | Some("0" | "false" | "no") => draft.sample = false,
                    Some("1" | "true" | "yes") => draft.sample = true,
                    Some(_) => errors.push(invalid(name, "boolean")),
                },
                _ => {}
            },
            Column::Text { field, locale } => {
                let entry = draft.texts.entry(locale.clone()).or_default();
                match *field {
                    "name" => entry.name = text,
                    "address" => entry.address = text,
                    "summary" => entry.summary = text,
                    _ => entry.eligibility = text,
                }
                touched_locales.push(locale.clone());
            }
        }
    }
    // A locale whose cells are all empty has no text (rather than a text
    // without a name).
    for locale in touched_locales {
        if draft.texts.get(&locale) == Some(&TextDraft::default()) {
            draft.texts.remove(&locale);
        }
    }
    errors
}

/// The column a validation error's field is read from, so that import
/// reports name what the file calls it.
pub fn column_of(field: &str) -> String {
    if let Some(rest) = field.strip_prefix("texts.") {
        return match rest.split_once('.') {
            Some((locale, name)) => text_column(name, locale),
            None => field.to_owned(),
        };
    }
    match field {
        "location.latitude" => "latitude".into(),
        "location.longitude" => "longitude".into(),
        "capacity.max_hours_per_day" => "max_hours_per_day".into(),
        "residency.months" => "residency_months".into(),
        "residency.max_months" => "max_residency_months".into(),
        other => other.replacen("capacity.", "capacity_", 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCALES: [&str; 4] = ["en", "ja", "ko", "zh-Hans"];

    #[test]
    fn the_benchmark_header_is_understood() {
        let header = StringRecord::from(vec![
            "id",
            "category",
            "city",
            "district",
            "lat",
            "lon",
            "phone",
            "languages",
            "sample",
            "name_en",
            "name_ja",
            "name_ko",
            "name_zh_Hans",
            "address_en",
            "summary_zh_Hans",
        ]);
        let columns = parse_header(&header, &LOCALES).unwrap();
        assert_eq!(columns[4], Column::Fact("latitude"));
        assert_eq!(
            columns[12],
            Column::Text {
                field: "name",
                locale: "zh-Hans".into()
            }
        );
        let record = StringRecord::from(vec![
            "a-b",
            "job_cafe",
            "seoul",
            "jung",
            "37.5",
            "127",
            "+82-2-0100-0000",
            "[\"en\", \"ja\"]",
            "1",
            "A",
            "",
            "",
            "中",
            "",
            "",
        ]);
        let mut draft = ListingDraft::default();
        assert!(apply(&columns, &record, &mut draft).is_empty());
        assert_eq!(draft.languages, ["en", "ja"]);
        assert!(draft.sample);
        assert_eq!(draft.latitude, Some(37.5));
        assert_eq!(draft.texts.keys().collect::<Vec<_>>(), ["en", "zh-Hans"]);
    }

    #[test]
    fn unknown_and_repeated_columns_are_refused() {
        let header = StringRecord::from(vec!["id", "colour", "name_fr", "lat", "latitude"]);
        let errors = parse_header(&header, &LOCALES).unwrap_err();
        let named: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("colour", "not_allowed"),
                ("name_fr", "not_allowed"),
                ("latitude", "duplicate")
            ]
        );
    }

    #[test]
    fn fields_map_back_to_columns() {
        assert_eq!(column_of("texts.zh-Hans.name"), "name_zh_Hans");
        assert_eq!(column_of("location.latitude"), "latitude");
        assert_eq!(column_of("capacity.people_min"), "capacity_people_min");
        assert_eq!(column_of("residency.max_months"), "max_residency_months");
        assert_eq!(column_of("phone"), "phone");
    }
}

//! Localized labels for coded values and counted phrases, for one request.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::Category;
use crate::domain::listing::WindowStatus;
use crate::i18n::{FluentArgs, FluentValue, Locale, Locales, messages};

/// A coded value with its label in the response locale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CodedValue {
    /// Stable code, the same in every locale.
    #[schema(example = "job_cafe")]
    pub code: String,
    /// Label in the response locale.
    #[schema(example = "Job café")]
    pub name: String,
}

/// Formats labels in one locale.
pub struct Labels<'a> {
    locales: &'a Locales,
    locale: &'a Locale,
    /// The instant time-dependent labels are computed for.
    pub now: DateTime<Utc>,
}

impl<'a> Labels<'a> {
    /// Labels in `locale`, as of now.
    pub fn new(locales: &'a Locales, locale: &'a Locale) -> Self {
        Labels {
            locales,
            locale,
            now: Utc::now(),
        }
    }

    /// The response locale.
    pub fn locale(&self) -> &Locale {
        self.locale
    }

    /// A message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.locales.format(self.locale, id, None)
    }

    /// A message with numeric arguments, plural-aware in Fluent.
    pub fn counted(&self, id: &str, numbers: &[(&'static str, i64)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in numbers {
            args.set(*name, FluentValue::from(*value));
        }
        self.locales.format(self.locale, id, Some(&args))
    }

    /// A message with text arguments (already localized fragments).
    pub fn with_texts(&self, id: &str, texts: &[(&'static str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in texts {
            args.set(*name, FluentValue::from(*value));
        }
        self.locales.format(self.locale, id, Some(&args))
    }

    fn coded(&self, code: &str, id: &str) -> CodedValue {
        CodedValue {
            code: code.to_owned(),
            name: self
                .locales
                .try_format(self.locale, id, None)
                .unwrap_or_else(|| code.to_owned()),
        }
    }

    /// A category with its label.
    pub fn category(&self, category: Category) -> CodedValue {
        self.coded(category.code(), &messages::category(category))
    }

    /// A city with its name.
    pub fn city(&self, code: &str) -> CodedValue {
        self.coded(code, &messages::city(code))
    }

    /// A district with its name.
    pub fn district(&self, city: &str, code: &str) -> CodedValue {
        self.coded(code, &messages::district(city, code))
    }

    /// A spoken language with its name; a language without a message is
    /// named by its code.
    pub fn language(&self, code: &str) -> CodedValue {
        self.coded(code, &messages::language(code))
    }

    /// An application window status with its label.
    pub fn window_status(&self, status: WindowStatus) -> CodedValue {
        self.coded(status.code(), &messages::window_status(status))
    }
}

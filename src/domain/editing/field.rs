//! One invalid field of a write: where, and a stable code that the API and
//! the importer turn into a localized sentence.

/// Why a field was refused. The snake_case code is stable; its sentence is
/// the Fluent message `field-error-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldErrorCode {
    /// A value is required and missing or empty.
    Required,
    /// The text is longer than allowed (`max` characters).
    TooLong,
    /// A number is outside `min..=max`.
    OutOfRange,
    /// The value is not in the expected form (`expected` says which).
    InvalidFormat,
    /// The value names no known category, city, district or locale.
    UnknownValue,
    /// The opening hours are not an OpenStreetMap `opening_hours` expression.
    InvalidOpeningHours,
    /// A range ends before it starts (window, ages, group sizes).
    WrongOrder,
    /// Only one of latitude and longitude was given.
    Incomplete,
    /// Another listing already has this id or external id.
    Duplicate,
    /// The field cannot be set here (e.g. an unknown import column).
    NotAllowed,
    /// A Fluent file does not parse or holds what listing text cannot
    /// (`reason` says what, from the parser).
    InvalidFluent,
    /// The source locale (`value`), whose text editors write, was named
    /// where only translated locales may be (a translator key's locales).
    SourceLocale,
    /// An invisible character (`value`, e.g. `U+202E`) that changes how the
    /// text around it is displayed.
    HiddenCharacter,
}

impl FieldErrorCode {
    /// Every code, for the test that each has a message in every locale.
    pub const ALL: [FieldErrorCode; 13] = [
        FieldErrorCode::Required,
        FieldErrorCode::TooLong,
        FieldErrorCode::OutOfRange,
        FieldErrorCode::InvalidFormat,
        FieldErrorCode::UnknownValue,
        FieldErrorCode::InvalidOpeningHours,
        FieldErrorCode::WrongOrder,
        FieldErrorCode::Incomplete,
        FieldErrorCode::Duplicate,
        FieldErrorCode::NotAllowed,
        FieldErrorCode::InvalidFluent,
        FieldErrorCode::SourceLocale,
        FieldErrorCode::HiddenCharacter,
    ];

    /// The code as shown in `errors[].code`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldErrorCode::Required => "required",
            FieldErrorCode::TooLong => "too_long",
            FieldErrorCode::OutOfRange => "out_of_range",
            FieldErrorCode::InvalidFormat => "invalid_format",
            FieldErrorCode::UnknownValue => "unknown_value",
            FieldErrorCode::InvalidOpeningHours => "invalid_opening_hours",
            FieldErrorCode::WrongOrder => "wrong_order",
            FieldErrorCode::Incomplete => "incomplete",
            FieldErrorCode::Duplicate => "duplicate",
            FieldErrorCode::NotAllowed => "not_allowed",
            FieldErrorCode::InvalidFluent => "invalid_fluent",
            FieldErrorCode::SourceLocale => "source_locale",
            FieldErrorCode::HiddenCharacter => "hidden_character",
        }
    }

    /// Fluent id of the sentence, which takes `$field` and the arguments
    /// of the error.
    pub fn message_id(self) -> String {
        format!("field-error-{}", self.as_str().replace('_', "-"))
    }
}

/// One invalid field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// Path of the field in the write's JSON form, e.g. `location.latitude`
    /// or `texts.en.name`.
    pub field: String,
    /// Why it was refused.
    pub code: FieldErrorCode,
    /// Arguments of the sentence besides the field: `max`, `min`, `value`,
    /// `expected`, `other`.
    pub args: Vec<(&'static str, FieldArg)>,
}

/// An argument of a field error's sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldArg {
    /// Text, inserted as is.
    Text(String),
    /// A number, formatted by the locale.
    Number(f64),
}

impl FieldError {
    /// An error without arguments.
    pub fn new(field: impl Into<String>, code: FieldErrorCode) -> Self {
        FieldError {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    /// Adds a text argument.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, FieldArg::Text(value.into())));
        self
    }

    /// Adds a numeric argument.
    pub fn number(mut self, name: &'static str, value: f64) -> Self {
        self.args.push((name, FieldArg::Number(value)));
        self
    }
}

//! Why a request parameter was refused: one error for every parameter of
//! every query, which the API turns into a localized 400 naming it.

/// Why a request parameter was refused; the API turns it into a localized 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParameter {
    /// The parameter's name as the client sent it.
    pub parameter: &'static str,
    /// What is wrong with its value.
    pub problem: ParameterProblem,
}

/// What is wrong with a parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterProblem {
    /// A whole number was expected in `min..=max`.
    NotInRange {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// The value is well formed but names nothing known.
    Unknown {
        /// The value as sent.
        value: String,
    },
    /// The value is not of the expected form.
    Malformed,
    /// The parameter only makes sense together with another one.
    Requires {
        /// The missing parameter.
        other: &'static str,
    },
    /// The parameter cannot be combined with another one.
    ConflictsWith {
        /// The other parameter.
        other: &'static str,
    },
}

impl InvalidParameter {
    pub(super) fn new(parameter: &'static str, problem: ParameterProblem) -> Self {
        InvalidParameter { parameter, problem }
    }

    pub(super) fn unknown(parameter: &'static str, value: &str) -> Self {
        Self::new(
            parameter,
            ParameterProblem::Unknown {
                value: value.to_owned(),
            },
        )
    }

    pub(super) fn malformed(parameter: &'static str) -> Self {
        Self::new(parameter, ParameterProblem::Malformed)
    }
}

/// How the value of a parameter whose form a client cannot guess is
/// written: the form and an example, for the problem that says it was not.
/// The examples are the OpenAPI document's (`ListingQuery` in
/// `api::listings::handlers`), so a client reads one example in both.
pub fn expected_form(parameter: &str) -> Option<(&'static str, &'static str)> {
    match parameter {
        "near" => Some(("latitude,longitude", "37.5665,126.9780")),
        "bbox" => Some(("west,south,east,north", "126.95,37.50,127.10,37.60")),
        "open_at" => Some(("RFC 3339", "2026-09-24T11:00:00+09:00")),
        "verified_within" => Some(("<N>d | <N>w | <N>m", "90d")),
        _ => None,
    }
}

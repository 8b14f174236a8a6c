//! Verification reports: anyone may say a listing is wrong; editors
//! resolve. Bodies are validated here, every invalid field listed, with the
//! field-error codes of the write API.

use super::editing::shape::is_email;
use super::editing::{FieldError, FieldErrorCode as Code, plain_text};
use super::parameter::{InvalidParameter, ParameterProblem};

/// Longest report message or resolution note, in characters.
pub const MAX_TEXT: usize = 1_000;

/// What is wrong with a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// The phone number does not reach the place.
    WrongPhone,
    /// The address or location is wrong.
    WrongAddress,
    /// The place has closed.
    Closed,
    /// The opening hours are wrong.
    WrongHours,
    /// Anything else.
    Other,
}

impl ReportKind {
    /// Every kind.
    pub const ALL: [ReportKind; 5] = [
        ReportKind::WrongPhone,
        ReportKind::WrongAddress,
        ReportKind::Closed,
        ReportKind::WrongHours,
        ReportKind::Other,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::WrongPhone => "wrong_phone",
            ReportKind::WrongAddress => "wrong_address",
            ReportKind::Closed => "closed",
            ReportKind::WrongHours => "wrong_hours",
            ReportKind::Other => "other",
        }
    }

    /// The kind with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// Where a report is in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    /// Waiting for an editor.
    Open,
    /// An editor fixed the listing (or confirmed it).
    Fixed,
    /// An editor found nothing to change.
    Rejected,
}

impl ReportStatus {
    /// Every status.
    pub const ALL: [ReportStatus; 3] = [
        ReportStatus::Open,
        ReportStatus::Fixed,
        ReportStatus::Rejected,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::Open => "open",
            ReportStatus::Fixed => "fixed",
            ReportStatus::Rejected => "rejected",
        }
    }

    /// The status with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// The queue's `status` filter: one status, or `all` (`None`). The
    /// queue is read by tools, not forms: an empty value is no status.
    pub fn parse_filter(raw: Option<&str>) -> Result<Option<Self>, InvalidParameter> {
        match raw.map(str::trim) {
            None => Ok(Some(ReportStatus::Open)),
            Some("all") => Ok(None),
            Some(code) => Self::parse(code).map(Some).ok_or_else(|| {
                InvalidParameter::new(
                    "status",
                    ParameterProblem::Unknown {
                        value: code.to_owned(),
                    },
                )
            }),
        }
    }
}

/// The queue's `cursor`: the id of the last report served (0: start).
pub fn parse_after(raw: Option<&str>) -> Result<i64, InvalidParameter> {
    match raw.map(str::trim) {
        None => Ok(0),
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|id| *id >= 0)
            .ok_or_else(|| InvalidParameter::new("cursor", ParameterProblem::Malformed)),
    }
}

/// A report as sent; every member optional so that each missing one is
/// named in the answer.
#[derive(Debug, Clone, Default)]
pub struct ReportDraft {
    /// A [`ReportKind`] code.
    pub kind: Option<String>,
    /// What is wrong, in the reporter's words.
    pub message: Option<String>,
    /// An e-mail address for questions back.
    pub contact: Option<String>,
}

/// A report that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidReport {
    /// What is wrong.
    pub kind: ReportKind,
    /// The message, trimmed.
    pub message: String,
    /// The e-mail address, trimmed; `None` when absent or empty.
    pub contact: Option<String>,
}

/// Checks a text: present unless optional, at most [`MAX_TEXT`] characters.
fn text(
    field: &str,
    raw: Option<&str>,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let value = raw.map(str::trim).filter(|v| !v.is_empty());
    let value = match value.map(plain_text::clean).transpose() {
        Ok(value) => value,
        Err(refused) => {
            errors.push(
                FieldError::new(field, Code::HiddenCharacter)
                    .text("value", plain_text::code_point(refused)),
            );
            return None;
        }
    };
    match &value {
        None if required => errors.push(FieldError::new(field, Code::Required)),
        Some(v) if v.chars().count() > MAX_TEXT => {
            errors.push(FieldError::new(field, Code::TooLong).number("max", MAX_TEXT as f64));
        }
        _ => {}
    }
    value
}

impl ReportDraft {
    /// The report, or every invalid field.
    pub fn validate(&self) -> Result<ValidReport, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("kind", Code::Required));
                None
            }
            Some(code) => {
                let kind = ReportKind::parse(code);
                if kind.is_none() {
                    errors.push(FieldError::new("kind", Code::UnknownValue).text("value", code));
                }
                kind
            }
        };
        let message = text("message", self.message.as_deref(), true, &mut errors);
        let contact = self
            .contact
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if contact.as_deref().is_some_and(|c| !is_email(c)) {
            errors.push(FieldError::new("contact", Code::InvalidFormat).text("expected", "email"));
        }
        match (kind, message) {
            (Some(kind), Some(message)) if errors.is_empty() => Ok(ValidReport {
                kind,
                message,
                contact,
            }),
            _ => Err(errors),
        }
    }
}

/// An editor's resolution as sent.
#[derive(Debug, Clone, Default)]
pub struct ResolutionDraft {
    /// `fixed` or `rejected`.
    pub resolution: Option<String>,
    /// Why, for the other editors.
    pub note: Option<String>,
    /// With `fixed`: the listing's facts were checked today.
    pub verified: Option<bool>,
}

/// A resolution that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidResolution {
    /// `Fixed` or `Rejected`, never `Open`.
    pub status: ReportStatus,
    /// The note, trimmed.
    pub note: Option<String>,
    /// Set the listing's `verified_at` to today.
    pub verified: bool,
}

impl ResolutionDraft {
    /// The resolution, or every invalid field.
    pub fn validate(&self) -> Result<ValidResolution, Vec<FieldError>> {
        let mut errors = Vec::new();
        let status = match self.resolution.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("resolution", Code::Required));
                None
            }
            Some(code) => match ReportStatus::parse(code) {
                Some(status) if status != ReportStatus::Open => Some(status),
                _ => {
                    errors.push(
                        FieldError::new("resolution", Code::UnknownValue).text("value", code),
                    );
                    None
                }
            },
        };
        let note = text("note", self.note.as_deref(), false, &mut errors);
        let verified = self.verified.unwrap_or(false);
        if verified && status == Some(ReportStatus::Rejected) {
            // Verifying is a claim that the facts hold after a fix.
            errors.push(FieldError::new("verified", Code::NotAllowed));
        }
        match status {
            Some(status) if errors.is_empty() => Ok(ValidResolution {
                status,
                note,
                verified,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_lists_every_invalid_field() {
        let draft = ReportDraft {
            kind: Some("broken".into()),
            message: Some("x".repeat(MAX_TEXT + 1)),
            contact: Some("not an address".into()),
        };
        let fields: Vec<(String, Code)> = draft
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("kind".into(), Code::UnknownValue),
                ("message".into(), Code::TooLong),
                ("contact".into(), Code::InvalidFormat),
            ]
        );
        let empty = ReportDraft::default().validate().unwrap_err();
        assert_eq!(empty.len(), 2);
    }

    #[test]
    fn a_valid_report_is_trimmed_and_an_empty_contact_is_none() {
        let draft = ReportDraft {
            kind: Some("closed".into()),
            message: Some("  Closed since May. ".into()),
            contact: Some(" ".into()),
        };
        assert_eq!(
            draft.validate(),
            Ok(ValidReport {
                kind: ReportKind::Closed,
                message: "Closed since May.".into(),
                contact: None,
            })
        );
    }

    #[test]
    fn a_resolution_is_fixed_or_rejected_and_only_a_fix_verifies() {
        let draft = |resolution: &str, verified| ResolutionDraft {
            resolution: Some(resolution.into()),
            note: None,
            verified: Some(verified),
        };
        assert!(draft("fixed", true).validate().is_ok());
        assert!(draft("rejected", false).validate().is_ok());
        assert!(draft("rejected", true).validate().is_err());
        assert!(draft("open", false).validate().is_err());
        assert_eq!(
            ReportStatus::parse_filter(None),
            Ok(Some(ReportStatus::Open))
        );
        assert_eq!(ReportStatus::parse_filter(Some("all")), Ok(None));
        assert!(ReportStatus::parse_filter(Some("nope")).is_err());
        assert!(ReportStatus::parse_filter(Some("")).is_err());
        assert!(parse_after(Some("")).is_err());
        assert_eq!(parse_after(Some("42")), Ok(42));
    }
}

//! Roles of API keys and the kinds of write the audit trail records.

use std::fmt;
use std::str::FromStr;

/// What a key may do. Reads need no key at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Manages keys, and may do everything an editor may.
    Admin,
    /// Creates, changes, deletes and imports listings.
    Editor,
    /// Changes a listing's text in one locale, nothing else.
    Translator,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Translator];

    /// The stable code stored and shown.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Translator => "translator",
        }
    }

    /// True when this role may change a listing's facts, not only its text.
    pub fn may_edit_listings(self) -> bool {
        matches!(self, Role::Admin | Role::Editor)
    }
}

/// A string that names no role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown role {:?}: use admin, editor or translator",
            self.0
        )
    }
}

impl std::error::Error for UnknownRole {}

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.code() == code)
            .ok_or_else(|| UnknownRole(code.to_owned()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A kind of write, as recorded in the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// A listing was added.
    Create,
    /// A listing's facts or texts were changed.
    Update,
    /// A listing was (softly) deleted.
    Delete,
    /// A listing's text in one locale was replaced.
    Translate,
    /// A bulk import added or changed the listing.
    Import,
}

impl AuditAction {
    /// Every action.
    pub const ALL: [AuditAction; 5] = [
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Delete,
        AuditAction::Translate,
        AuditAction::Import,
    ];

    /// The stable code stored and shown.
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Translate => "translate",
            AuditAction::Import => "import",
        }
    }

    /// The action with this code.
    pub fn parse(code: &str) -> Option<Self> {
        AuditAction::ALL.into_iter().find(|a| a.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_actions_round_trip_through_their_codes() {
        for role in Role::ALL {
            assert_eq!(role.code().parse::<Role>(), Ok(role));
        }
        assert!("root".parse::<Role>().is_err());
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.code()), Some(action));
        }
    }

    // Which role may call which operation is the OpenAPI document's
    // `security` (see `api::access`); only the fact/text split is here.
    #[test]
    fn translators_change_texts_only() {
        assert!(Role::Admin.may_edit_listings() && Role::Editor.may_edit_listings());
        assert!(!Role::Translator.may_edit_listings());
    }
}

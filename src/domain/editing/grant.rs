//! What a verified key may change: its role, and for a translator the
//! locales it translates. The rule is checked on the change itself (the
//! listing before and after), so every write path (PATCH, PUT content, the
//! translations import, bulk imports) obeys it the same way, however the
//! change was asked for.

use std::collections::BTreeSet;

use super::Role;
use crate::domain::Listing;
use crate::domain::listing::SOURCE_LOCALE;

/// The locales whose text a key may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocaleGrant {
    /// Every locale, the source included (editors and admins).
    Every,
    /// Every locale but the source: translator keys made before keys
    /// were bound to locales.
    AllButSource,
    /// These locales only, never the source (translator keys).
    Only(Vec<String>),
}

/// A key's permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The key's role.
    pub role: Role,
    /// The locales it may write text in.
    pub locales: LocaleGrant,
}

/// Why a change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// The role may not do this at all (a translator changing facts).
    Role,
    /// A translator writing a locale it was not given.
    Locale {
        /// The locale written.
        locale: String,
        /// The locales the key may write.
        allowed: Vec<String>,
    },
    /// A translator writing the source text.
    SourceLocale,
    /// Removing a locale's whole text, which only editors may do.
    LocaleRemoval {
        /// The locale removed.
        locale: String,
    },
}

/// Why a translator's locales cannot be set as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidLocaleGrant {
    /// A translator key must name the locales it translates.
    Missing,
    /// Only translator keys are bound to locales.
    NotAllowed,
    /// A locale that is not shipped.
    Unknown(String),
    /// The source locale, which translators never write.
    Source,
}

impl Grant {
    /// The grant of a stored key: `locales` is the stored list (translator
    /// keys made before locales were bound have none).
    pub fn stored(role: Role, locales: Option<Vec<String>>) -> Self {
        let locales = match (role, locales) {
            (Role::Translator, Some(locales)) => LocaleGrant::Only(locales),
            (Role::Translator, None) => LocaleGrant::AllButSource,
            _ => LocaleGrant::Every,
        };
        Grant { role, locales }
    }

    /// The locales a new key of `role` is bound to: required (and never the
    /// source) for translators, refused for the other roles.
    pub fn bind(
        role: Role,
        requested: Option<&[String]>,
        shipped: &[&str],
    ) -> Result<Option<Vec<String>>, InvalidLocaleGrant> {
        match (role, requested) {
            (Role::Translator, None) => Err(InvalidLocaleGrant::Missing),
            (Role::Translator, Some([])) => Err(InvalidLocaleGrant::Missing),
            (Role::Translator, Some(requested)) => {
                let mut locales = BTreeSet::new();
                for locale in requested {
                    let locale = locale.trim();
                    if locale == SOURCE_LOCALE {
                        return Err(InvalidLocaleGrant::Source);
                    }
                    if !shipped.contains(&locale) {
                        return Err(InvalidLocaleGrant::Unknown(locale.to_owned()));
                    }
                    locales.insert(locale.to_owned());
                }
                Ok(Some(locales.into_iter().collect()))
            }
            (_, Some(_)) => Err(InvalidLocaleGrant::NotAllowed),
            (_, None) => Ok(None),
        }
    }

    /// True when the key may change facts, not only text.
    pub fn may_edit_listings(&self) -> bool {
        self.role.may_edit_listings()
    }

    /// May this key write `locale`'s text?
    pub fn may_write_text(&self, locale: &str) -> Result<(), Denied> {
        match &self.locales {
            LocaleGrant::Every => Ok(()),
            _ if locale == SOURCE_LOCALE => Err(Denied::SourceLocale),
            LocaleGrant::AllButSource => Ok(()),
            LocaleGrant::Only(allowed) if allowed.iter().any(|l| l == locale) => Ok(()),
            LocaleGrant::Only(allowed) => Err(Denied::Locale {
                locale: locale.to_owned(),
                allowed: allowed.clone(),
            }),
        }
    }

    /// May this key turn `before` into `after`? Facts need an editor; each
    /// locale whose text changes must be one the key writes; a locale's
    /// text may be removed only by an editor.
    pub fn authorize(&self, before: &Listing, after: &Listing) -> Result<(), Denied> {
        if self.may_edit_listings() {
            return Ok(());
        }
        let mut facts_after = after.clone();
        facts_after.texts = before.texts.clone();
        facts_after.updated_at = before.updated_at;
        if facts_after != *before {
            return Err(Denied::Role);
        }
        let locales: BTreeSet<&String> = before.texts.keys().chain(after.texts.keys()).collect();
        for locale in locales {
            match (before.texts.get(locale), after.texts.get(locale)) {
                (Some(_), None) => {
                    return Err(Denied::LocaleRemoval {
                        locale: locale.clone(),
                    });
                }
                (old, new) if old != new => self.may_write_text(locale)?,
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: [&str; 4] = ["en", "ja", "ko", "zh-Hans"];

    fn listing(texts: &[(&str, &str)]) -> Listing {
        let id = crate::domain::ListingId::parse("a-place").unwrap();
        let at = chrono::DateTime::UNIX_EPOCH;
        let mut builder =
            crate::domain::ListingBuilder::new(id, crate::domain::Category::ContactPoint, "", at);
        builder = builder.with(|l| l.texts.clear());
        for (locale, name) in texts {
            builder = builder.with_name(locale, name);
        }
        builder.build()
    }

    fn translator(locales: &[&str]) -> Grant {
        Grant::stored(
            Role::Translator,
            Some(locales.iter().map(|l| (*l).to_owned()).collect()),
        )
    }

    #[test]
    fn a_translator_writes_only_its_locales_and_never_the_source() {
        let before = listing(&[("en", "Center"), ("ja", "センター")]);
        let japanese = listing(&[("en", "Center"), ("ja", "新センター")]);
        let korean = listing(&[("en", "Center"), ("ja", "センター"), ("ko", "센터")]);
        let english = listing(&[("en", "New Center"), ("ja", "センター")]);
        let grant = translator(&["ja"]);
        assert_eq!(grant.authorize(&before, &japanese), Ok(()));
        assert_eq!(
            grant.authorize(&before, &korean),
            Err(Denied::Locale {
                locale: "ko".into(),
                allowed: vec!["ja".into()]
            })
        );
        assert_eq!(
            grant.authorize(&before, &english),
            Err(Denied::SourceLocale)
        );
        let legacy = Grant::stored(Role::Translator, None);
        assert_eq!(legacy.authorize(&before, &korean), Ok(()));
        assert_eq!(
            legacy.authorize(&before, &english),
            Err(Denied::SourceLocale)
        );
        let editor = Grant::stored(Role::Editor, None);
        assert_eq!(editor.authorize(&before, &english), Ok(()));
    }

    #[test]
    fn removing_a_locale_or_changing_facts_needs_an_editor() {
        let before = listing(&[("en", "Center"), ("ja", "センター")]);
        let removed = listing(&[("en", "Center")]);
        let grant = translator(&["ja"]);
        assert_eq!(
            grant.authorize(&before, &removed),
            Err(Denied::LocaleRemoval {
                locale: "ja".into()
            })
        );
        let mut moved = before.clone();
        moved.phone = Some("+82-2-0000-0001".into());
        assert_eq!(grant.authorize(&before, &moved), Err(Denied::Role));
        let mut touched = before.clone();
        touched.updated_at += chrono::Duration::seconds(1);
        assert_eq!(
            grant.authorize(&before, &touched),
            Ok(()),
            "a new timestamp is no fact"
        );
        assert_eq!(
            Grant::stored(Role::Admin, None).authorize(&before, &removed),
            Ok(())
        );
    }

    #[test]
    fn translator_keys_are_bound_to_shipped_locales_other_than_the_source() {
        let bind = |role, locales: Option<&[&str]>| {
            let owned: Option<Vec<String>> =
                locales.map(|l| l.iter().map(|s| (*s).to_owned()).collect());
            Grant::bind(role, owned.as_deref(), &SHIPPED)
        };
        assert_eq!(
            bind(Role::Translator, Some(&["ko", "ja", "ko"])),
            Ok(Some(vec!["ja".into(), "ko".into()]))
        );
        assert_eq!(
            bind(Role::Translator, None),
            Err(InvalidLocaleGrant::Missing)
        );
        assert_eq!(
            bind(Role::Translator, Some(&[])),
            Err(InvalidLocaleGrant::Missing)
        );
        assert_eq!(
            bind(Role::Translator, Some(&["en"])),
            Err(InvalidLocaleGrant::Source)
        );
        assert_eq!(
            bind(Role::Translator, Some(&["fr"])),
            Err(InvalidLocaleGrant::Unknown("fr".into()))
        );
        assert_eq!(
            bind(Role::Editor, Some(&["ja"])),
            Err(InvalidLocaleGrant::NotAllowed)
        );
        assert_eq!(bind(Role::Editor, None), Ok(None));
    }
}

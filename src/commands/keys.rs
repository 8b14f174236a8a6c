//! `directory keys create|list|revoke`: the operator's API keys.

use anyhow::Context;
use chrono::Utc;

use super::open;
use crate::config::{KeysCommand, Settings};
use crate::domain::editing::{Grant, InvalidLocaleGrant};
use crate::domain::listing::SOURCE_LOCALE;

/// Runs a `keys` subcommand.
pub fn run(settings: &Settings, command: KeysCommand) -> anyhow::Result<()> {
    let db = open(settings, 2)?;
    let mut conn = db.get_blocking()?;
    match command {
        KeysCommand::Create {
            role,
            name,
            locales,
        } => {
            let shipped = settings
                .locale_source()
                .load()
                .context("cannot load the locales")?;
            let tags: Vec<&str> = shipped.all().iter().map(|l| l.tag()).collect();
            let requested = (!locales.is_empty()).then_some(locales);
            let locales = Grant::bind(role, requested.as_deref(), &tags).map_err(|invalid| {
                anyhow::anyhow!(match invalid {
                    InvalidLocaleGrant::Missing =>
                        "a translator key needs --locales (e.g. --locales ja,ko)".to_owned(),
                    InvalidLocaleGrant::NotAllowed =>
                        "--locales is only for translator keys".to_owned(),
                    InvalidLocaleGrant::Unknown(locale) =>
                        format!("{locale} is not a shipped locale ({})", tags.join(", ")),
                    InvalidLocaleGrant::Source =>
                        format!("{SOURCE_LOCALE} is the source locale, which only editors change"),
                })
            })?;
            let issued = crate::keys::create(&mut conn, role, locales, &name, Utc::now())?;
            eprintln!(
                "created key {} ({}, {:?}). It is shown once; store it now:",
                issued.id, issued.role, issued.name
            );
            println!("{}", issued.key);
        }
        KeysCommand::List => {
            println!(
                "{:>4}  {:<8}  {:<10}  {:<14}  {:<20}  {:<20}  name",
                "id", "prefix", "role", "locales", "created", "revoked"
            );
            for key in crate::keys::list(&mut conn)? {
                let revoked = key
                    .revoked_at
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string());
                let locales = match (key.role.as_str(), key.locales.as_deref()) {
                    (_, Some(locales)) => locales.to_owned(),
                    ("translator", None) => format!("all but {SOURCE_LOCALE}"),
                    _ => "all".to_owned(),
                };
                println!(
                    "{:>4}  {:<8}  {:<10}  {:<14}  {:<20}  {:<20}  {}",
                    key.id,
                    key.prefix,
                    key.role,
                    locales,
                    key.created_at.format("%Y-%m-%d %H:%M").to_string(),
                    revoked.unwrap_or_else(|| "-".into()),
                    key.name
                );
            }
        }
        KeysCommand::Revoke { id } => {
            if !crate::keys::revoke(&mut conn, id, Utc::now())? {
                anyhow::bail!("no live key has the id {id}");
            }
            eprintln!("revoked key {id}; running servers refuse it from their next request");
        }
    }
    Ok(())
}

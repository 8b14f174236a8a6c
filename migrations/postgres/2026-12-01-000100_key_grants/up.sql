-- Translator keys are bound to the locales they translate (comma-separated
-- BCP 47 tags; NULL for editors and admins, and for translator keys made
-- before this, which may write every locale but the source). Key hashes
-- move from argon2 to `sha256$<hex>` digests as each key is next used
-- (src/keys.rs), so the hash column itself is unchanged.
ALTER TABLE api_keys ADD COLUMN locales TEXT;

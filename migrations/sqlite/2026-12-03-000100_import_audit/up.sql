-- A bulk import is one audit event, not a full document per row (issue 13):
-- one `imports` row says who imported which file (its SHA-256), when, and
-- what came of it; each listing it wrote keeps an audit entry that names
-- the import and holds only what changed (nothing for a creation, the
-- changed fields before and after for an update). Entries written before
-- this migration keep their full documents and no import.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id BIGINT REFERENCES api_keys (id),
    at TIMESTAMP NOT NULL,
    sha256 TEXT NOT NULL,
    rows_read BIGINT NOT NULL,
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    unchanged BIGINT NOT NULL
);
ALTER TABLE listing_audit ADD COLUMN import_id BIGINT REFERENCES imports (id);

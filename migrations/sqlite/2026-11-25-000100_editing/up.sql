-- Editing: API keys, an audit trail, optimistic concurrency and idempotent
-- imports. Same schema as the PostgreSQL migration of the same name.

-- Every write bumps a listing's version; its ETag is "v<version>-<locale>".
ALTER TABLE listings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
-- The upsert key of bulk imports (the publishing district's own id).
ALTER TABLE listings ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX listings_external_id ON listings (external_id);

-- Keys are shown once; only an argon2 hash is kept. The short public prefix
-- finds the row without hashing every key.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    prefix TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'translator')),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

-- Who changed what, when: one row per write of a listing, never updated.
-- key_id is NULL for the operator's command-line imports.
CREATE TABLE listing_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id TEXT NOT NULL,
    key_id BIGINT REFERENCES api_keys (id),
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'translate', 'import')),
    at TIMESTAMP NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX listing_audit_listing ON listing_audit (listing_id, id);

-- One row, bumped inside every write transaction, so that instances can
-- tell cheaply whether anything changed since they last looked.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

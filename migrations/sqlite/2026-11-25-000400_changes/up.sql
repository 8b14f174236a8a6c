-- The change feed and verification reports. Same schema as the PostgreSQL
-- migration of the same name.

-- One row per write of a listing (create, update, delete, translate,
-- import, demo data), appended in the write's own transaction. The feed
-- serves each listing once, at its latest row; writers take an advisory
-- lock before appending so that ids commit in order (see src/db/changes.rs).
CREATE TABLE listing_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX listing_changes_listing ON listing_changes (listing_id, id);

-- Listings written before this migration (demo data, earlier writes)
-- start the feed, so that a replay from the start holds them too.
INSERT INTO listing_changes (listing_id, at)
SELECT id, updated_at FROM listings ORDER BY updated_at, id;

-- Problems reported by anyone, resolved by editors.
CREATE TABLE listing_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    listing_id TEXT NOT NULL REFERENCES listings (id),
    kind TEXT NOT NULL CHECK (kind IN ('wrong_phone', 'wrong_address', 'closed', 'wrong_hours', 'other')),
    message TEXT NOT NULL,
    contact TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'rejected')),
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    resolved_by BIGINT REFERENCES api_keys (id),
    note TEXT
);
CREATE INDEX listing_reports_status ON listing_reports (status, id);

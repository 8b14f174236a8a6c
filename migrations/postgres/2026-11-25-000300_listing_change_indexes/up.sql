-- The catalog refresh asks for listings changed since its last look, and
-- the fingerprint for the latest change: both are index lookups with these.
CREATE INDEX listings_updated_at ON listings (updated_at);
CREATE INDEX listings_deleted_at ON listings (deleted_at);

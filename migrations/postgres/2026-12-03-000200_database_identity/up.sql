-- A random identity for this database, drawn once. The catalog's snapshot
-- file (src/catalog/snapshot.rs) is stamped with it, so a snapshot is never
-- applied to another database that happens to have the same change ids
-- (a copy, a restore, a test schema).
CREATE TABLE database_identity (
    id TEXT PRIMARY KEY NOT NULL
);
INSERT INTO database_identity (id) VALUES (md5(random()::text || clock_timestamp()::text));

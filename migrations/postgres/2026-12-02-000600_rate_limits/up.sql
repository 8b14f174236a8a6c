-- Rate limits shared by every instance (PostgreSQL only: on SQLite there
-- is one instance and the limits live in its memory). One row per limited
-- subject (a key, an address, an address and a listing) holding the
-- generic cell rate algorithm's "theoretical arrival time" in Unix
-- milliseconds of the database's clock, so instances' clocks never
-- disagree about it. UNLOGGED: it is written on every limited request,
-- and a crash that empties it only forgives what was counted.
CREATE UNLOGGED TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    tat_ms BIGINT NOT NULL
);

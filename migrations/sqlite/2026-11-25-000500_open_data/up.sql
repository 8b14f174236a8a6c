-- Open-data imports (Seoul's brkPgGlobal, jobCafeOpenInfo) carry no
-- coordinates: such listings are placed at their district's centre, and
-- clients must be told so rather than draw a precise pin.
ALTER TABLE listings ADD COLUMN location_approximate BOOLEAN NOT NULL DEFAULT FALSE;

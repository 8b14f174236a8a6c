ALTER TABLE listings DROP COLUMN location_approximate;

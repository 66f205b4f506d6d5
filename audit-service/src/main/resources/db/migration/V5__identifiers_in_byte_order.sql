-- The identifier columns of audit_event compare byte by byte (COLLATE "C"). They are ids, names,
-- versions and enum-like types, never prose, so a locale's order means nothing for them; but every
-- insert compares them along the descent of each of the table's indexes, and a locale comparison
-- (strcoll, even under C.UTF-8) costs several times a byte comparison. Under bulk ingest that was a
-- visible share of an event's cost. Equality, the indexes' order for range and prefix scans, and
-- keyset pagination behave as before; other tables' columns keep the database default, which
-- yields to "C" wherever the two meet in one expression.
ALTER TABLE audit_event
    ALTER COLUMN chain_id      TYPE text COLLATE "C",
    ALTER COLUMN topic         TYPE text COLLATE "C",
    ALTER COLUMN event_id      TYPE text COLLATE "C",
    ALTER COLUMN event_type    TYPE text COLLATE "C",
    ALTER COLUMN actor         TYPE text COLLATE "C",
    ALTER COLUMN deployment_id TYPE text COLLATE "C",
    ALTER COLUMN model_name    TYPE text COLLATE "C",
    ALTER COLUMN model_version TYPE text COLLATE "C",
    ALTER COLUMN environment   TYPE text COLLATE "C";

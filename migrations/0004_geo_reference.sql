-- Official geography (COG, Code officiel géographique) as published by INSEE through
-- @etalab/decoupage-administratif: the 18 régions, 101 départements and current communes.
-- Reference data, loaded and refreshed by seedGeography(); no business rule lives here.

CREATE TABLE geo_regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL
);

CREATE TABLE geo_departements (
  code text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|2[AB]|97[0-9])$'),
  name text NOT NULL,
  region_code text NOT NULL REFERENCES geo_regions (code)
);
CREATE INDEX geo_departements_region_code_idx ON geo_departements (region_code);

CREATE TABLE geo_communes (
  code text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|2[AB])[0-9]{3}$'),
  name text NOT NULL,
  departement_code text NOT NULL REFERENCES geo_departements (code),
  region_code text NOT NULL REFERENCES geo_regions (code),
  population integer CHECK (population >= 0),
  postal_codes text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX geo_communes_departement_code_idx ON geo_communes (departement_code);
CREATE INDEX geo_communes_region_code_idx ON geo_communes (region_code);

-- The search key of a place name: no accents, lower case, every run of other characters (hyphen,
-- apostrophe, space) as one space. 'Saint-Étienne' -> 'saint etienne', 'L''Haÿ-les-Roses' -> 'l hay les roses'.
-- IMMUTABLE (it only calls f_unaccent from 0001 and immutable built-ins), so it can be indexed.
CREATE FUNCTION geo_name_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT btrim(regexp_replace(lower(public.f_unaccent($1)), '[^a-z0-9]+', ' ', 'g')) $$;

-- Trigram index on the key: serves prefix (LIKE 'saint et%') and fuzzy (similarity) searches, with a
-- pattern bound at run time, on PGlite and PostgreSQL alike.
CREATE INDEX geo_communes_name_key_trgm_idx ON geo_communes USING gin (geo_name_key(name) gin_trgm_ops);

-- migrate:down
DROP TABLE IF EXISTS geo_communes;
DROP FUNCTION IF EXISTS geo_name_key(text);
DROP TABLE IF EXISTS geo_departements;
DROP TABLE IF EXISTS geo_regions;

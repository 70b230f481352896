-- The platform's foundations, on PGlite and on PostgreSQL >= 15 alike.
-- Accent-insensitive French full-text search: a copy of `french` that strips accents before stemming.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- unaccent() is only STABLE; indexes need an IMMUTABLE wrapper with the dictionary named explicitly.
CREATE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- migrate:down
DROP FUNCTION IF EXISTS f_unaccent(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent;

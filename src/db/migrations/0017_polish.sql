-- Search folds æ/ø/å and the aa/oe/ae spellings, so "lonn", "losninger" and "innkjop" find what "lønn",
-- "løsninger" and "innkjøp" find. The same immutable function folds the indexed text (generated columns) and the
-- query (src/resources/services/queries.ts). PostgreSQL 15 cannot change a generated column's expression, so the
-- columns are dropped and added again (with their indexes).
CREATE OR REPLACE FUNCTION fold_search(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT replace(replace(replace(lower(translate(t, 'ÆØÅÄÖÉÈÊÓÒÔÜæøåäöéèêóòôü', 'æoaaoeeeooouæoaaoeeeooou')), 'æ', 'ae'), 'aa', 'a'), 'oe', 'o')
$$;
--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "search_vector";
--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "search_title";
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('norwegian', fold_search(coalesce(name->>'nb','') || ' ' || coalesce(name->>'nn','') || ' ' || coalesce(name->>'en',''))), 'A') || setweight(to_tsvector('norwegian', fold_search(keywords)), 'B') || setweight(to_tsvector('norwegian', fold_search(coalesce(summary->>'nb','') || ' ' || coalesce(summary->>'en',''))), 'C') || setweight(to_tsvector('norwegian', fold_search(coalesce(description->>'nb',''))), 'D')) STORED;
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "search_title" text GENERATED ALWAYS AS (fold_search(coalesce(name->>'nb','') || ' ' || coalesce(name->>'en','') || ' ' || keywords)) STORED;
--> statement-breakpoint
CREATE INDEX "services_search_idx" ON "services" USING gin ("search_vector");
--> statement-breakpoint
CREATE INDEX "services_title_trgm_idx" ON "services" USING gin ("search_title" gin_trgm_ops);
--> statement-breakpoint
ALTER TABLE "providers" DROP COLUMN "search_vector";
--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('norwegian', fold_search(coalesce(name->>'nb','') || ' ' || coalesce(name->>'en','') || ' ' || coalesce(short_name,'')))) STORED;
--> statement-breakpoint
CREATE INDEX "providers_search_idx" ON "providers" USING gin ("search_vector");

-- Issue 16 (uncached search): the typo-tolerant title match used the GIN trigram index on services.search_title
-- (migration 0017) for nothing: `word_similarity(q, search_title) >= 0.5` is a function call, not an indexable
-- operator, so every search computed the similarity over every title (a third of an uncached search's CPU). The
-- `<%` operator is index-assisted; its threshold is a setting, fixed here with the planner's choice for so small a
-- table: a function's SET clauses hold while its body is planned and run, and leave the caller's session alone.
-- `<%` is true exactly when word_similarity(q, search_title) >= pg_trgm.word_similarity_threshold, so the rows and
-- their strict whole-word similarity are those of the former query.
CREATE OR REPLACE FUNCTION catalogue_fuzzy_matches(q text) RETURNS TABLE (id uuid, similarity real)
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  SET enable_seqscan = off
  SET pg_trgm.word_similarity_threshold = 0.5
AS $$
  SELECT s.id, strict_word_similarity(q, s.search_title) FROM services s WHERE q <% s.search_title
$$;

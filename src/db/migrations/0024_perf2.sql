-- Issue 16 (uncached search). The catalogue search was one query computing word_similarity(q, search_title) over
-- every title (a function call, not an indexable operator: the GIN trigram index of migration 0017 went unused) and
-- folding and parsing the query once per mention, planned afresh on every search. Now:
-- * catalogue_fuzzy_matches(q): the titles with a word similar to q through the index-assisted `<%` operator. `<%` is
--   true exactly when word_similarity(q, search_title) >= pg_trgm.word_similarity_threshold, so with the threshold
--   fixed at 0.5 the rows and their strict whole-word similarity are those of the former query. The function's SET
--   clauses hold while its body is planned and run (and leave the caller's session alone); without them the planner
--   would scan so small a table and compute the similarity for every row.
-- * catalogue_search(q): the text matches with their rank and the similar titles, in one call. PL/pgSQL keeps its
--   statements' plans for the session, so a search costs its execution, not a parse and plan each time.
-- The ranking lives here now: change it with CREATE OR REPLACE in a new migration (src/resources/services/queries.ts
-- decides what to show).
CREATE OR REPLACE FUNCTION catalogue_fuzzy_matches(q text) RETURNS TABLE (id uuid, similarity real)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET enable_seqscan = off
  SET pg_trgm.word_similarity_threshold = 0.5
AS $$
BEGIN
  RETURN QUERY SELECT s.id, strict_word_similarity(q, s.search_title) FROM services s WHERE q <% s.search_title;
END
$$;
--> statement-breakpoint
-- fold_search() (migration 0017) folds the query as it folded the indexed text: "lonn" finds "lønn". An exact match
-- of the whole query in the title or keywords ranks above a stemmed one, and a title that begins with the query above
-- one that mentions it later ("Sentralbord- og kundesentertjenester" before "Støttesystem for sentralbord" for
-- "sentralbord"): the name's translations do not tip the order by repeating the word. A service may come twice, as a
-- text match (fts, rank) and as a similar title (similarity).
CREATE OR REPLACE FUNCTION catalogue_search(q text) RETURNS TABLE (id uuid, fts boolean, rank double precision, similarity real)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  folded text := fold_search(q);
  tsq tsquery := websearch_to_tsquery('norwegian', folded);
BEGIN
  RETURN QUERY
    SELECT s.id, true,
           ts_rank(s.search_vector, tsq) + 0.3 * ts_rank(p.search_vector, tsq) + 0.2 * word_similarity(folded, s.search_title)
             + CASE WHEN strpos(s.search_title, folded) = 1 THEN 0.8 WHEN strpos(s.search_title, folded) > 0 THEN 0.5 ELSE 0 END,
           null::real
      FROM services s JOIN providers p ON p.id = s.provider_id
     WHERE s.search_vector @@ tsq OR p.search_vector @@ tsq;
  RETURN QUERY SELECT m.id, false, null::double precision, m.similarity FROM catalogue_fuzzy_matches(folded) m;
END
$$;

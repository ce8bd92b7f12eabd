-- Issue 16 (uncached search). EXPLAIN ANALYZE of catalogue_search() (migration 0024) showed its text match reading
-- every service: `s.search_vector @@ tsq OR p.search_vector @@ tsq` spans the join, so neither GIN index applies and
-- each row's search vector (names, keywords, summary and description: stored out of line) is fetched and tested.
-- Now:
-- * the matching ids come from the two indexes (services whose text matches, services whose provider's name
--   matches), and only those rows are joined and ranked; the rank is the same expression as before;
-- * the similar titles are looked up only when the text matched nothing: src/resources/services/queries.ts shows
--   similarity matches only then (a typo), so computing them beside text matches was work thrown away.
-- SET enable_seqscan = off holds while the body is planned and run (see 0024): on a catalogue this small the planner
-- would otherwise scan, which is what reads every search vector.
CREATE OR REPLACE FUNCTION catalogue_search(q text) RETURNS TABLE (id uuid, fts boolean, rank double precision, similarity real)
  LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
  SET enable_seqscan = off
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
     WHERE s.id IN (SELECT m.id FROM services m WHERE m.search_vector @@ tsq
                    UNION ALL
                    SELECT m.id FROM services m WHERE m.provider_id IN (SELECT pm.id FROM providers pm WHERE pm.search_vector @@ tsq));
  IF NOT FOUND THEN
    RETURN QUERY SELECT m.id, false, null::double precision, m.similarity FROM catalogue_fuzzy_matches(folded) m;
  END IF;
END
$$;

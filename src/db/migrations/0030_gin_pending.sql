-- Hand-written (issue 16, uncached search). GIN indexes keep new entries in a pending list, scanned in full by every
-- search until VACUUM (autovacuum, a minute or more later) merges it into the index. After the demo data was loaded,
-- every service was in the pending lists of both of the search's service indexes (185 of 185 entries; 20 and 33
-- pages): each search read all of them, and a search load run within that minute spent most of PostgreSQL's CPU
-- comparing pending entries (1,664 searches a second against 2,500–2,800 once merged). The catalogue is written
-- rarely, one service at a time, and searched on every catalogue request: its indexes now take entries directly
-- (fastupdate off), and what is pending now is merged. The agencies' index keeps its pending list: agencies arrive in
-- bulk imports (Enhetsregisteret), for which the list exists.
ALTER INDEX "services_search_idx" SET (fastupdate = off);
--> statement-breakpoint
ALTER INDEX "services_title_trgm_idx" SET (fastupdate = off);
--> statement-breakpoint
ALTER INDEX "providers_search_idx" SET (fastupdate = off);
--> statement-breakpoint
SELECT gin_clean_pending_list(c.oid) FROM pg_class c WHERE c.relname IN ('services_search_idx', 'services_title_trgm_idx', 'providers_search_idx');

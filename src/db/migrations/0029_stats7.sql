-- Hand-written (issue 16, stats7): the statistics count some figures per half of the agencies, two statements at
-- once on two connections (src/resources/stats/queries.ts, agencyHalfSql), and add the halves up. The planner cannot
-- estimate how many rows `hashtext(agency_orgnr) & 1 = 0` keeps (it assumed 0.5 % and sorted 100,000 rows to group
-- them at 10 × scale); statistics on the expression (PostgreSQL 14 and later) let it see a half. ANALYZE (and
-- autovacuum's) fills them.
CREATE STATISTICS IF NOT EXISTS "subscriptions_agency_half_stats" ON (hashtext("agency_orgnr") & 1) FROM "subscriptions";

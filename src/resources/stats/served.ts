/**
 * The reports as pages and the API serve them: through the data-version cache (src/db/readCache.ts). bench/stats.ts times the
 * uncached functions in reports.ts as well as these.
 */
import { cached } from '../../db/readCache.js';
import * as queries from './queries.js';
import * as reports from './reports.js';

export const coverageReport = cached('coverage', reports.coverageReport);
export const gapReport = cached('gap', reports.gapReport);
export const agencyCoverage = cached('agencyCoverage', reports.agencyCoverage);
export const adoptionReport = cached('adoption', reports.adoptionReport);
export const adoptionByMinistry = cached('adoptionByMinistry', reports.adoptionByMinistry);
export const tierReport = cached('tiers', reports.tierReport);
export const tierCounts = cached('tierCounts', queries.tierCounts);
export const trendReport = cached('trends', reports.trendReport);
export const trendBreakdown = cached('trendBreakdown', reports.trendBreakdown);
export const trendReports = cached('trendReports', reports.trendReports);
export const launchesReport = cached('launches', reports.launchesReport);
export const recommendationsFor = cached('recommendations', reports.recommendationsFor);

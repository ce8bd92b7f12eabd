import { agencies } from './catalogue.js';
import { textRef } from './columns.js';

/**
 * The agency a row belongs to, by organisation number (`agency_orgnr`, required). Restrict by default: an agency
 * with answers, requests or history is never deleted from under them.
 */
export const agencyRef = (onDelete: 'restrict' | 'cascade' = 'restrict') => textRef('agency_orgnr', () => agencies.orgnr, onDelete);

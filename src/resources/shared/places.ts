import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDataDir } from '../../paths.js';
import { norwegianCollator } from '../../web/i18n/index.js';

/**
 * Norway's counties and municipalities (2025), from the register copies in data/demo/sources (see its README), for
 * choosing where a network meets. Read once; a municipality number's first two digits are its county's.
 */
export interface County {
  number: string;
  name: string;
}

export interface Municipality {
  number: string;
  name: string;
  county: string;
}

let cache: { counties: County[]; municipalities: Municipality[] } | undefined;

function load() {
  if (cache) return cache;
  const dir = join(demoDataDir, 'sources');
  const countyRows = JSON.parse(readFileSync(join(dir, 'counties-2025.json'), 'utf8')) as { id: string; name: string }[];
  const municipalityRows = JSON.parse(readFileSync(join(dir, 'municipalities-2025.json'), 'utf8')) as { id: string; name_no: string }[];
  const countyName = new Map(countyRows.map((c) => [c.id, c.name]));
  cache = {
    counties: countyRows.map((c) => ({ number: c.id, name: c.name })).sort((a, b) => norwegianCollator.compare(a.name, b.name)),
    municipalities: municipalityRows
      .map((m) => ({ number: m.id, name: m.name_no, county: countyName.get(m.id.slice(0, 2)) ?? '' }))
      .sort((a, b) => norwegianCollator.compare(a.county, b.county) || norwegianCollator.compare(a.name, b.name)),
  };
  return cache;
}

export const counties = (): County[] => load().counties;
export const municipalities = (): Municipality[] => load().municipalities;
export const municipalityByNumber = (number: string): Municipality | undefined => load().municipalities.find((m) => m.number === number);
export const isCounty = (name: string): boolean => load().counties.some((c) => c.name === name);

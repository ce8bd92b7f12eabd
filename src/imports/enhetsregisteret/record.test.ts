import { describe, expect, it } from 'vitest';
import { displayName, loadMinistries, mapRecord } from './record.js';

const ministries = loadMinistries();

describe('displayName', () => {
  it.each([
    ['DIGITALISERINGSDIREKTORATET', 'Digitaliseringsdirektoratet'],
    ['ARBEIDS- OG VELFERDSETATEN', 'Arbeids- og velferdsetaten'],
    ['NORSK HELSENETT SF', 'Norsk helsenett SF'],
    ['  UNINETT   AS ', 'Uninett AS'],
    ['Statens vegvesen', 'Statens vegvesen'],
    ['ØKOKRIM', 'Økokrim'],
  ])('%s → %s', (raw, expected) => expect(displayName(raw)).toBe(expected));
});

describe('mapRecord', () => {
  it('knows the ministries from the shipped list, and kinds from organisasjonsform', () => {
    expect(ministries.size).toBe(20);
    const kind = (orgnr: string, kode: string, sector?: string) => {
      const r = mapRecord({ organisasjonsnummer: orgnr, navn: 'X', organisasjonsform: { kode }, institusjonellSektorkode: sector ? { kode: sector } : undefined }, { ministries });
      return r.ok ? r.row.kind : r.reason;
    };
    expect(kind('972417807', 'STAT')).toBe('ministry'); // Finansdepartementet
    expect(kind('984195796', 'STAT')).toBe('agency'); // Domstolene i Norge: STAT, not a ministry
    expect(kind('991825827', 'ORGL')).toBe('agency');
    expect(kind('991825827', 'ORGL', '6500')).toBe('other');
    expect(kind('991825827', 'SF')).toBe('state_enterprise');
    expect(kind('991825827', 'KOMM')).toBe('municipality');
    expect(kind('991825827', 'FYLK')).toBe('county');
    expect(kind('991825827', 'ASA')).toBe('company');
    expect(kind('991825827', 'BEDR')).toBe('underenhet (BEDR): not an organisation of its own');
  });

  it('keeps employees only when the register says they are registered', () => {
    const r = mapRecord({ organisasjonsnummer: '991825827', navn: 'X', antallAnsatte: 0, harRegistrertAntallAnsatte: false }, { ministries });
    expect(r.ok && r.row.employees).toBe(null);
  });
});

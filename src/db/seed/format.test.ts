import { describe, expect, it } from 'vitest';
import { readDemoData } from './demo.js';
import { validateDemoData, type DemoData } from './format.js';

const shipped = readDemoData();
const copy = (): DemoData => structuredClone(shipped);
const problemsWith = (change: (d: DemoData) => void): string[] => {
  const d = copy();
  change(d);
  return validateDemoData(d);
};

describe('validateDemoData', () => {
  it('finds nothing wrong with the shipped dataset', () => {
    expect(validateDemoData(shipped)).toEqual([]);
  });

  it('refuses an org number that fails MOD11', () => {
    const problems = problemsWith((d) => {
      d.agencies[0]!.orgnr = '974760674'; // Brønnøysundregistrene with the last digit changed
    });
    expect(problems.some((p) => /org number "974760674" is invalid \(checksum\)/.test(p))).toBe(true);
  });

  it('refuses the Altinn test org numbers that fail MOD11', () => {
    const problems = problemsWith((d) => {
      d.agencies.push({ ...d.agencies[0]!, orgnr: '999999990' });
    });
    expect(problems.some((p) => p.includes('999999990') && p.includes('checksum'))).toBe(true);
  });

  it('refuses dangling references: area, provider, parent, related service, subscription service and agency', () => {
    const problems = problemsWith((d) => {
      const dfo = d.serviceFiles['dfo.json']!;
      dfo.services[0]!.area = 'no-such-area';
      dfo.services[1]!.parent = 'no-such-service';
      dfo.services[2]!.related = ['no-such-service'];
      d.providers.find((p) => p.slug === 'ssie')!.parent = 'no-such-provider';
      d.subscriptions[0]!.service = 'no-such-service';
      d.subscriptions[1]!.agency = '971032146'; // KS: a valid org number that is not in the dataset
    });
    expect(problems.some((p) => p.includes('area "no-such-area" is not in areas.json'))).toBe(true);
    expect(problems.some((p) => p.includes('parent service "no-such-service" does not exist'))).toBe(true);
    expect(problems.some((p) => p.includes('related service "no-such-service" does not exist'))).toBe(true);
    expect(problems.some((p) => p.includes('parent provider "no-such-provider" does not exist'))).toBe(true);
    expect(problems.some((p) => p.includes('service "no-such-service" does not exist'))).toBe(true);
    expect(problems.some((p) => p.includes('agency 971032146 is not in agencies.json'))).toBe(true);
  });

  it('refuses a ministry reference to an agency that is no ministry', () => {
    const problems = problemsWith((d) => {
      d.agencies.find((a) => a.kind === 'agency' && a.ministryOrgnr)!.ministryOrgnr = '986252932'; // DFØ
    });
    expect(problems.some((p) => p.includes('ministryOrgnr 986252932 is not a ministry'))).toBe(true);
  });

  it('refuses duplicate slugs and org numbers', () => {
    const problems = problemsWith((d) => {
      d.areas.push({ ...d.areas[0]! });
      d.agencies.push({ ...d.agencies[3]! });
      const dfo = d.serviceFiles['dfo.json']!;
      dfo.services.push({ ...dfo.services[0]!, tiers: [] });
    });
    expect(problems.some((p) => p.includes('duplicate area slug'))).toBe(true);
    expect(problems.some((p) => p.includes('duplicate org number'))).toBe(true);
    expect(problems.some((p) => p.includes('duplicate service slug'))).toBe(true);
  });

  it('refuses codes outside the vocabularies', () => {
    const problems = problemsWith((d) => {
      const s = d.serviceFiles['ssie.json']!.services[0]!;
      (s as { model: string }).model = 'centralised';
      (s as { financing: string[] }).financing = ['donations'];
      (s as { supportChannels: string[] }).supportChannels = ['pigeon'];
      (d.agencies[5] as { kind: string }).kind = 'department';
      (d.subscriptions[2] as { factSource: string }).factSource = 'rumour';
    });
    for (const bad of ['model "centralised"', 'financing "donations"', 'support channel "pigeon"', 'kind "department"', 'factSource "rumour"']) {
      expect(problems.some((p) => p.includes(bad))).toBe(true);
    }
  });

  it('refuses a tier the service does not have', () => {
    const problems = problemsWith((d) => {
      d.subscriptions.find((s) => s.service === 'dfo-lonn')!.tier = 'platinum';
    });
    expect(problems.some((p) => p.includes('tier "platinum" is not a tier of dfo-lonn'))).toBe(true);
  });

  it('refuses a subscription that ends before it starts', () => {
    const problems = problemsWith((d) => {
      const s = d.subscriptions.find((x) => x.service === 'ssie-sentralbord-og-kundesenter' && !x.endedOn)!;
      s.startedOn = '2015-03-01';
      s.endedOn = '2014-12-31';
    });
    expect(problems.some((p) => p.includes('endedOn 2014-12-31 is before startedOn 2015-03-01'))).toBe(true);
  });

  it('refuses two open subscriptions for one agency and service', () => {
    const problems = problemsWith((d) => {
      const open = d.subscriptions.find((x) => x.service === 'dfo-regnskap' && !x.endedOn)!;
      d.subscriptions.push({ ...open, startedOn: '2023-01-01' });
    });
    expect(problems.some((p) => p.includes('more than one open subscription'))).toBe(true);
  });

  it('refuses overlapping periods and subscriptions that outlive a deleted agency', () => {
    const problems = problemsWith((d) => {
      const changed = d.subscriptions.find((x) => x.endReason === 'tier_change')!;
      changed.endedOn = '2030-01-01';
      const merged = d.subscriptions.find((x) => x.endReason === 'merger')!;
      delete merged.endedOn;
      delete merged.endReason;
    });
    expect(problems.some((p) => p.includes('periods overlap'))).toBe(true);
    expect(problems.some((p) => p.includes('but the subscription runs on'))).toBe(true);
  });

  it('refuses impossible dates and an open subscription to a planned service', () => {
    const problems = problemsWith((d) => {
      d.subscriptions[0]!.startedOn = '2021-02-30';
      d.subscriptions.push({ agency: '974760673', service: 'mfs-arkivkjerne', startedOn: '2022-01-01', factSource: 'illustrative' });
    });
    expect(problems.some((p) => p.includes('startedOn "2021-02-30" is not a date'))).toBe(true);
    expect(problems.some((p) => p.includes('open subscription to a planned service'))).toBe(true);
  });

  it('refuses a sector service without the ministry whose sector it serves', () => {
    const problems = problemsWith((d) => {
      delete d.serviceFiles['norsk-helsenett.json']!.defaults!.targetMinistryOrgnr;
    });
    expect(problems.some((p) => p.includes('a sector service needs targetMinistryOrgnr'))).toBe(true);
  });
});

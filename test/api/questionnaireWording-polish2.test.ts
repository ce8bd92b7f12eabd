import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { useDemoConsultation } from '../support/factories.js';
import { testEngines } from '../support/engines.js';
import { useDemoSessions } from '../support/sessions.js';

// The current versions (service-opt-out.json is version 1, kept as answered; version 2 is what is asked now).
const files = ['opt-out-reasons', 'service-opt-out-2'].map((f) => JSON.parse(readFileSync(`data/questionnaires/${f}.json`, 'utf8')));

describe('the opt-out questionnaires are worded as a Norwegian editor would', () => {
  it.each(files.map((f) => [f.slug, f]))('%s asks "Hva er grunnen til at …" and has short headings', (_slug, f) => {
    const reason = f.definition.questions.find((q: { id: string }) => q.id === 'reason');
    expect(reason.label.nb).toMatch(/^Hva er grunnen til at dere /);
    expect(reason.label.nn).toMatch(/^Kva er grunnen til at de /);
    expect(reason.label.en).toMatch(/^What is (your|the) reason /);
    expect(JSON.stringify(f)).not.toMatch(/Hvorfor|Kvifor|dere dere/);
    for (const q of f.definition.questions) for (const lang of ['nb', 'nn', 'en']) expect(q.shortLabel?.[lang] ?? q.label[lang], `${q.id} ${lang}`).toMatch(/^.{1,20}$/);
  });
});

describe.each(testEngines())('the opt-out overview headings on %s', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  const headers = useDemoSessions(t);
  const travel = useDemoConsultation(t);

  it.each([
    ['nb', '', 'Grunn'],
    ['nn', '/nn', 'Grunn'],
    ['en', '/en', 'Reason'],
  ])('in %s the reason table is headed by the short label', async (_lang, prefix, heading) => {
    const res = await t.app.inject({ url: `${prefix}/anskaffelser/${travel()}/erklaeringer`, headers: { cookie: headers.siri.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(new RegExp(`<caption[^>]*>${heading}</caption>`));
    expect(res.body).not.toContain('reserverer dere dere');
  });
});

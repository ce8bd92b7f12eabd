import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { demoSessions, type Who } from '../support/sessions.js';

/** Role-aware actions: a page offers only what the person may do. */
describe.each(testEngines())('role-aware actions on %s (demo data)', (engine) => {
  const t = useTestApp(engine, { seed: 'demo' });
  let headers: Record<Who, Record<string, string>>;
  beforeAll(async () => {
    headers = await demoSessions(t.database.db);
  });

  it.each([
    ['anonymous', false],
    ['siri', false],
    ['dag', false],
    ['mona', false],
    ['lise', true],
    ['anne', true],
  ] as const)('a service page offers "propose an improvement" to %s: %s', async (who, offered) => {
    for (const prefix of ['', '/nn', '/en']) {
      const res = await t.app.inject({ url: `${prefix}/tjenester/dfo-lonn`, headers: headers[who] });
      expect(res.statusCode).toBe(200);
      expect(res.body.includes(`href="${prefix}/ideer/ny?tjeneste=dfo-lonn"`), `${who} ${prefix}`).toBe(offered);
      expect(res.body).toContain(`href="${prefix}/ideer?tjeneste=dfo-lonn"`);
    }
    // And what is offered works: the form opens for those offered it.
    if (offered) expect((await t.app.inject({ url: '/ideer/ny?tjeneste=dfo-lonn', headers: headers[who] })).statusCode).toBe(200);
  });
});

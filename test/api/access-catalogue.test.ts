import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';
import { caller, demoSessions, matrix, PRINCIPALS, type Who } from '../support/sessions.js';

/**
 * The authorization matrix for editing the catalogue (issue 12): every new action × every demo role and the public,
 * over HTTP with real sessions and CSRF tokens. Dag edits DFØ's services, Siri Statens innkjøpssenter's, Anne is
 * DFØ's administrator; Lise and Per edit agencies, Mona reads for a ministry. 401 is "sign in", 403 "not yours".
 * Each row acts on its own service so that rows do not depend on each other.
 */
describe.each(testEngines())('authorization for catalogue editing on %s', (engine) => {
  let t: TestApp;
  let headers: Record<Who, Record<string, string>>;
  const call = caller(() => t, () => headers);
  const docs: Record<string, Record<string, unknown>> = {};

  const all = (status: number) => Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Who, number>;
  const only = (allowed: Partial<Record<Who, number>>, denied = 403) => ({ ...all(denied), anonymous: 401, ...allowed });

  /** The published document of a service, as a draft body (from a draft made and discarded by the administrator). */
  async function documentOf(slug: string) {
    if (docs[slug]) return docs[slug]!;
    const v = await call('anonymous', 'GET', `/api/v1/services/${slug}/versions/1`);
    expect(v.statusCode).toBe(200);
    return (docs[slug] = v.json().document);
  }
  /** Anne (administrator) puts a draft in place, so the row can act on it; returns its ETag. */
  async function draftOf(slug: string, change: Record<string, unknown> = {}) {
    const doc = await documentOf(slug);
    const existing = await call('anne', 'GET', `/api/v1/services/${slug}/draft`);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/services/${slug}/draft`,
      headers: { ...headers.anne, 'content-type': 'application/json', ...(existing.statusCode === 200 ? { 'if-match': existing.headers.etag as string } : {}) },
      payload: JSON.stringify({ ...doc, ...change }),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.headers.etag as string;
  }

  /** `who` saves the whole draft (based on the ETag) with one change. */
  async function saveAs(who: Who, slug: string, etag: string, change: Record<string, unknown>) {
    const doc = await documentOf(slug);
    return t.app.inject({ method: 'PUT', url: `/api/v1/services/${slug}/draft`, headers: { ...headers[who], 'content-type': 'application/json', 'if-match': etag }, payload: JSON.stringify({ ...doc, ...change }) });
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { seed: 'demo' });
    headers = await demoSessions(t.database.db);
  });
  afterAll(async () => t?.close());

  matrix('read the versions of a service', all(200), (w) => call(w, 'GET', '/api/v1/services/dfo-lonn/versions'));

  matrix('read the draft of a DFØ service', only({ dag: 200, anne: 200 }), async (w) => {
    await draftOf('dfo-regnskap');
    return call(w, 'GET', '/api/v1/services/dfo-regnskap/draft');
  });

  matrix('save a draft of a DFØ service', only({ dag: 200, anne: 200 }), async (w) => {
    return saveAs(w, 'dfo-lonn', await draftOf('dfo-lonn'), { keywords: `endret av ${w}` });
  });

  matrix('discard the draft of a DFØ service', only({ dag: 204, anne: 204 }), async (w) => {
    await draftOf('dfo-regnskap');
    return call(w, 'DELETE', '/api/v1/services/dfo-regnskap/draft');
  });

  matrix('publish a draft of a DFØ service', only({ dag: 200, anne: 200 }), async (w) => {
    await draftOf('dfo-lonn', { keywords: `publisert av ${w}` });
    return call(w, 'POST', '/api/v1/services/dfo-lonn/publish');
  });

  matrix('save a draft of a Statens innkjøpssenter service', only({ siri: 200, anne: 200 }), async (w) => {
    return saveAs(w, 'si-reisebyratjenester', await draftOf('si-reisebyratjenester'), { keywords: `endret av ${w}` });
  });

  matrix('create a new DFØ service', only({ dag: 201, anne: 201 }), async (w) => {
    const doc = await documentOf('dfo-regnskap');
    return call(w, 'POST', '/api/v1/services', { provider: 'dfo', document: { ...doc, slug: `dfo-matrise-${w}`, name: { nb: `Matrisetjeneste ${w}` }, parent: null, related: [], tiers: [] } });
  });

  matrix('retire a DFØ service', only({ dag: 200, anne: 200 }), async (w) => {
    const res = await call(w, 'POST', '/api/v1/services/dfo-regnskap/retire');
    if (res.statusCode === 200) expect((await call('anne', 'POST', '/api/v1/services/dfo-regnskap/reinstate')).statusCode).toBe(200);
    return res;
  });

  matrix('reinstate a retired DFØ service', only({ dag: 200, anne: 200 }), async (w) => {
    const retired = await call('anne', 'POST', '/api/v1/services/dfo-regnskap/retire');
    expect(retired.statusCode).toBe(200);
    const res = await call(w, 'POST', '/api/v1/services/dfo-regnskap/reinstate');
    if (res.statusCode !== 200) expect((await call('anne', 'POST', '/api/v1/services/dfo-regnskap/reinstate')).statusCode).toBe(200);
    return res;
  });

  describe('with review required for DFØ', () => {
    beforeAll(async () => {
      expect((await call('anne', 'PUT', '/api/v1/providers/dfo/review-required', { reviewRequired: true })).statusCode).toBe(200);
    });
    afterAll(async () => {
      await call('anne', 'PUT', '/api/v1/providers/dfo/review-required', { reviewRequired: false });
    });

    matrix('turn review on for a provider', only({ anne: 200 }), (w) => call(w, 'PUT', '/api/v1/providers/dfo/review-required', { reviewRequired: true }));

    matrix('submit a draft for approval', only({ dag: 200, anne: 200 }), async (w) => {
      await call('anne', 'POST', '/api/v1/services/dfo-lonn/draft/withdraw');
      await draftOf('dfo-lonn', { keywords: `til godkjenning fra ${w}` });
      return call(w, 'POST', '/api/v1/services/dfo-lonn/draft/submit');
    });

    matrix('return a draft with a comment', only({ anne: 200 }), async (w) => {
      await call('anne', 'POST', '/api/v1/services/dfo-lonn/draft/withdraw');
      await draftOf('dfo-lonn', { keywords: `retur ${w}` });
      // Dag submits (so Anne is not the last author of what she reviews).
      await call('dag', 'POST', '/api/v1/services/dfo-lonn/draft/submit');
      return call(w, 'POST', '/api/v1/services/dfo-lonn/draft/return', { comment: 'Søkeordene må ryddes.' });
    });

    matrix('approve a draft (a second person)', only({ anne: 200 }), async (w) => {
      await call('anne', 'POST', '/api/v1/services/dfo-lonn/draft/withdraw');
      // Dag is the last author; Anne approves.
      await saveAs('dag', 'dfo-lonn', await draftOf('dfo-lonn', { keywords: 'lønn' }), { keywords: `godkjent ${w}` });
      expect((await call('dag', 'POST', '/api/v1/services/dfo-lonn/draft/submit')).statusCode).toBe(200);
      return call(w, 'POST', '/api/v1/services/dfo-lonn/draft/approve');
    });

    matrix('publish directly is refused (review required)', only({ dag: 409, anne: 409 }), async (w) => {
      await call('anne', 'POST', '/api/v1/services/dfo-lonn/draft/withdraw');
      await draftOf('dfo-lonn', { keywords: `direkte ${w}` });
      return call(w, 'POST', '/api/v1/services/dfo-lonn/publish');
    });
  });
});

/**
 * The embedded development OpenID provider (oidc-provider) that `npm start` runs on loopback when no OIDC_ISSUER
 * is configured, and that the tests run so the real flow is exercised: authorization code + PKCE for people
 * (demo users, one per role, from data/demo/users.json) and client credentials for providers' systems, whose
 * access tokens are JWTs for the API audience. Never for production: it has no passwords.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import type { Configuration } from 'oidc-provider';
import { type DemoUsersFile, readDemoUsers } from '../db/seed/demoUsers.js';

export interface DevProviderOptions {
  /** Where the portal receives the code: PUBLIC_URL + /auth/callback. */
  redirectUri: string;
  apiAudience: string;
  port: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  users?: DemoUsersFile;
}

export interface DevProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** A provider that listens (its issuer is known) but is not set up yet: requests wait until `setUp()` has run. */
export interface ListeningDevProvider extends DevProvider {
  /** Loads oidc-provider (a few hundred modules), makes the signing key and starts answering. */
  setUp(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Listens and sets up at once (the tests' sign-in portals). */
export async function startDevProvider(o: DevProviderOptions): Promise<DevProvider> {
  const provider = await listenDevProvider(o);
  await provider.setUp();
  return provider;
}

/**
 * Listens at once, so the issuer (and the portal's sign-in settings) are known, and sets the provider up on
 * `setUp()`: `npm start` calls that once the portal listens, so oidc-provider's modules and the key generation are
 * not on the way to the first page. A request that comes earlier waits for the set-up.
 */
export async function listenDevProvider(o: DevProviderOptions): Promise<ListeningDevProvider> {
  const host = o.host ?? '127.0.0.1';
  const clientId = o.clientId ?? 'fellestjenester-portal';
  const clientSecret = o.clientSecret ?? randomBytes(24).toString('base64url');

  // Listen first: the issuer URL needs the port.
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  // A request before the set-up starts it (if nobody has yet) and waits for it.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (req, res) => {
    provider.setUp().catch(() => {});
    void ready.then(() => handler(req, res));
  };
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const issuer = `http://${host === '127.0.0.1' || host === '::1' ? host : 'localhost'}:${port}`;
  let setting: Promise<void> | undefined;

  const provider: ListeningDevProvider = {
    issuer,
    clientId,
    clientSecret,
    setUp() {
      setting ??= setUp().then(markReady, (e: unknown) => {
        // Requests waiting for it (and later ones) get a plain 503; the portal itself keeps running.
        handler = (_req, res) => {
          res.statusCode = 503;
          res.end(`development sign-in unavailable: ${String((e as Error).message ?? e)}`);
        };
        markReady();
        throw e;
      });
      return setting;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return provider;

  async function setUp(): Promise<void> {
    const file = o.users ?? readDemoUsers();
    const { default: Provider } = await import('oidc-provider');
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: 'dev-' + randomBytes(4).toString('hex'), use: 'sig', alg: 'RS256' };

    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [o.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
        ...file.apiClients.map((c) => ({
          client_id: c.clientId,
          client_secret: c.clientSecret,
          redirect_uris: [],
          response_types: [],
          grant_types: ['client_credentials'],
          token_endpoint_auth_method: 'client_secret_basic' as const,
          scope: 'api',
        })),
      ],
      jwks: { keys: [jwk as never] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      scopes: ['openid', 'profile', 'email', 'api'],
      conformIdTokenClaims: false,
      findAccount: async (_ctx, sub) => {
        const u = file.users.find((x) => x.sub === sub);
        if (!u) return undefined;
        return { accountId: sub, claims: async () => ({ sub, name: u.name, email: u.email, email_verified: true }) };
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        // Every sign-in shows the login form (the portal asks with prompt=login), so no provider-side logout is needed.
        rpInitiatedLogout: { enabled: false },
        resourceIndicators: {
          enabled: true,
          // People's tokens are for the userinfo endpoint; systems' tokens are for the portal's API.
          defaultResource: (_ctx, client) => (client?.grantTypes?.includes('client_credentials') ? o.apiAudience : undefined),
          getResourceServerInfo: () => ({ scope: 'api', audience: o.apiAudience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } }),
          useGrantedResource: () => false,
        },
      },
      pkce: { required: () => true },
      ttl: { Session: 3600, Interaction: 600, Grant: 3600, IdToken: 600, AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600 },
    };
    const provider = new Provider(issuer, configuration);
    // Quiet: the dev provider's own complaints are not the portal's errors.
    provider.on('server_error', () => {});
    const callback = provider.callback();

    handler = (req, res) => {
      const url = new URL(req.url ?? '/', issuer);
      const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(url.pathname);
      if (!m) return void callback(req, res);
      void interaction(req, res, m[2] === '/login').catch((e: unknown) => {
        res.statusCode = 400;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page('Innloggingen kunne ikke fortsette', `<p>${escapeHtml(String((e as Error).message ?? e))}</p>`));
      });
    };

    async function interaction(req: IncomingMessage, res: ServerResponse, submit: boolean) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (submit && req.method === 'POST') {
          const form = await readForm(req);
          const sub = form.get('login') ?? '';
          if (!file.users.some((u) => u.sub === sub)) {
            res.statusCode = 400;
            res.setHeader('content-type', 'text/html; charset=utf-8');
            return res.end(loginForm(details.uid, 'Velg en bruker.'));
          }
          return provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
        }
        res.setHeader('content-type', 'text/html; charset=utf-8');
        return res.end(loginForm(details.uid));
      }
      // Consent: the portal is a first-party client, so the requested scopes are granted without asking.
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('no session');
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error('grant not found');
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }

    function loginForm(uid: string, error?: string): string {
      const options = file.users
        .map(
          (u, i) =>
            `<div><input type="radio" name="login" id="u${i}" value="${escapeHtml(u.sub)}"${i === 0 ? ' required' : ''}> <label for="u${i}">${escapeHtml(u.name)} – ${escapeHtml(u.description)}</label></div>`,
        )
        .join('');
      return page(
        'Utviklingsinnlogging',
        `<p>Dette er den innebygde innloggingen for utvikling. Velg en demobruker; det trengs ikke passord.</p>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="/interaction/${escapeHtml(uid)}/login"><fieldset><legend>Demobrukere</legend>${options}</fieldset><button type="submit">Logg inn</button></form>`,
      );
    }
  }
}

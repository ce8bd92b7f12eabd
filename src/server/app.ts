import { existsSync, readFileSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:http';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { RelyingParty } from '../auth/oidc.js';
import { BEARER_CHALLENGE, registerAuth } from '../auth/plugin.js';
import { registerAuthRoutes } from '../auth/routes.js';
import { setStatisticsLag } from '../db/readCache.js';
import { isLanguage, LANGUAGES, type Language } from '../domain/catalogue.js';
import { startMailDispatcher } from '../mail/dispatcher.js';
import { publicAssetsDir } from '../paths.js';
import { languagePrefix, messages, stripLanguage } from '../web/i18n/index.js';
import { sendErrorPage } from '../web/render.js';
import { registerAdmission } from './admission.js';
import { registerCompression } from './compression.js';
import { registerApi } from './api.js';
import { databaseFault, databaseProblem } from './dbErrors.js';
import { registerHealth } from './health.js';
import { lazySchemaController } from './lazySchemas.js';
import { startJobWorker } from './jobs.js';
import { type FrontDoor, registerPageCache } from './pageCache.js';
import { completeOperations, optionalDefaultedParameters } from './openapiDefaults.js';
import { registerPages } from './pages.js';
import { loggerOptions, registerObservability, requestIdOf } from './observability.js';
import { registerRouteInventory } from './routeInventory.js';
import { registerVersionSync } from './versionSync.js';
import { BODY_LIMITS, registerInputGuards, registerSecurityHeaders } from './security.js';
import { frameworkErrorDetail, HttpProblem, type Problem, ProblemSchema, problemTitle, sendProblem } from './problem.js';
import type { App, AppDeps } from './types.js';
import { describeError, fieldName } from './validationMessages.js';

export interface BuildAppOptions {
  /** Pino logger options, or false. Defaults to the configured level. */
  logger?: boolean | Record<string, unknown>;
}

function loadAssetManifest(): Record<string, string> {
  const file = join(publicAssetsDir, 'manifest.json');
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The language an API client asked for: ?lang=, else Accept-Language, else bokmål. */
export function apiLanguage(req: FastifyRequest): Language {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(q)) return q;
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  for (const part of accept.split(',')) {
    const tag = part.trim().split(';')[0] ?? '';
    if (tag.startsWith('nb') || tag === 'no' || tag.startsWith('no-')) return 'nb';
    if (tag.startsWith('nn')) return 'nn';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nb';
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url === '/api' || req.url.startsWith('/api/');
}

function trustHops(n: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < n;
}

export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<App> {
  // Stored public pages are answered before Fastify's handler (src/server/pageCache.ts, the front door). The server
  // is made as Fastify makes an HTTP/1 server, with its timeouts.
  const front: FrontDoor = {};
  const app = Fastify({
    serverFactory: (handler, fastifyOptions) => {
      const opts = fastifyOptions as { http?: ServerOptions; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      const server = createServer(opts.http ?? {}, (req, res) => {
        if (!front.serve?.(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = opts.keepAliveTimeout ?? 72_000;
      if (opts.requestTimeout !== undefined) server.requestTimeout = opts.requestTimeout;
      if (opts.connectionTimeout !== undefined) server.setTimeout(opts.connectionTimeout);
      return server;
    },
    logger: loggerOptions(deps.config, options.logger),
    genReqId: requestIdOf,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Only the proxies TRUST_PROXY names may set X-Forwarded-For: otherwise a client would choose its own address
    // (and so its rate-limit bucket).
    // A hop count n trusts the n nearest hops (what proxy-addr does for a number; Fastify's types take it as a function).
    trustProxy: typeof deps.config.trustProxy === 'number' ? trustHops(deps.config.trustProxy) : deps.config.trustProxy,
    // A request's headers and body must arrive in time: a client trickling its body is cut off (408), it does not
    // hold a connection forever. Node checks the deadlines every connectionsCheckingInterval.
    requestTimeout: deps.config.requestTimeoutMs,
    connectionTimeout: deps.config.requestTimeoutMs * 2,
    http: { headersTimeout: Math.min(10_000, deps.config.requestTimeoutMs), requestTimeout: deps.config.requestTimeoutMs, connectionsCheckingInterval: 1000 },
    bodyLimit: BODY_LIMITS.json,
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    // Schemas compile on first use, not all at start (src/server/lazySchemas.ts).
    schemaController: lazySchemaController(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // close() closes the connections idle at that moment; one that finishes its request afterwards would stay open,
  // kept alive, for keepAliveTimeout (72 s) and hold a stopping node past its shutdown deadline (a load balancer keeps
  // its upstream connections alive). From close on, a connection closes as soon as its response is sent.
  app.addHook('preClose', async () => {
    app.server.keepAliveTimeout = 1;
  });
  app.decorate('deps', deps);
  app.decorate('assets', loadAssetManifest());
  app.decorateRequest('lang', 'nb');
  app.decorateRequest('pageUser', undefined);
  app.decorateRequest('pageUnread', undefined);
  app.decorateRequest('csrfToken', undefined);

  // First, so every route (plugins' own included) gets the headers.
  registerSecurityHeaders(app, deps.config);
  registerRouteInventory(app);
  const metrics = registerObservability(app, deps);
  registerInputGuards(app);

  await app.register(formbody, { bodyLimit: BODY_LIMITS.form });
  await app.register(cookie);
  // Only routes that ask for it (sign-in) are limited; the limit answers with a problem like any other error.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req, ctx) =>
      new HttpProblem(429, messages[req.lang ?? 'nb'].access.tooManyRequests(Math.ceil(ctx.ttl / 1000)), { headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) } }),
  });
  if (existsSync(publicAssetsDir)) {
    await app.register(fastifyStatic, {
      root: publicAssetsDir,
      prefix: '/assets/',
      index: false,
      // File names carry a content hash (scripts/build-assets.mjs), so they never change: cache for a year.
      maxAge: '365d',
      immutable: true,
      // The build writes .br and .gz beside each text asset: sent by Accept-Encoding, never compressed per request.
      preCompressed: true,
    });
  }

  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fellestjenester API',
        version: '1.0.0',
        description:
          'Open API for the catalogue of administrative shared services in the Norwegian state. Errors are RFC 9457 problem details (application/problem+json). Localized fields follow ?lang= (nb, nn, en) or Accept-Language.',
        license: { name: 'NLOD 2.0 (data)', url: 'https://data.norge.no/nlod/no/2.0' },
      },
      servers: [{ url: deps.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ft_session', description: 'A signed-in browser. Unsafe requests also need the X-CSRF-Token header (the session CSRF token).' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "An access token from the identity provider (OAuth 2.0 client credentials) with the API's audience." },
        },
      },
      tags: [
        { name: 'services', description: 'Shared services' },
        { name: 'providers', description: 'Providers of shared services' },
        { name: 'agencies', description: 'Agencies, keyed on organisation number' },
        { name: 'areas', description: 'Service areas' },
        { name: 'procurements', description: 'Procurements of framework agreements, their lifecycle and the agencies\' declarations (opt-outs and accessions)' },
        { name: 'usage', description: 'The usage register: which services an agency uses, in which tier, since when' },
        { name: 'audit', description: 'The append-only audit log' },
        { name: 'statistics', description: 'Coverage, adoption, trends, opt-outs and recommendations, from the usage register' },
        { name: 'open data', description: 'The catalogue as CPSV-AP-NO RDF (Turtle, JSON-LD), NLOD 2.0' },
        { name: 'imports', description: "Providers' customer lists (usage imports)" },
        { name: 'networks', description: 'Networks and collaborations between agencies: professional networks, co-location, regional and sector collaboration, Statens hus' },
        { name: 'needs', description: "Agencies' registered needs, matchmaking with like agencies, and unmet needs in the aggregate" },
        { name: 'surveys', description: 'User surveys from templates, one response per agency, results with a minimum group size of 5 for the public' },
        { name: 'ideas', description: 'Ideas and improvement proposals: one vote per agency, comments, the provider\'s answers and status' },
        { name: 'gains', description: 'Costs and gains per service: baselines and results over time' },
        { name: 'notifications', description: 'What the signed-in person follows, and their notifications' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (d) => ('openapiObject' in d ? completeOperations(optionalDefaultedParameters(d.openapiObject)) : d.swaggerObject),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true },
  });

  // Before any route plugin is registered: encapsulated contexts copy the handlers in force when they load.
  app.setErrorHandler((error: FastifyError | HttpProblem, req, reply) => handleError(error, req, reply));
  app.setNotFoundHandler((req, reply) => {
    if (isApiRequest(req)) {
      return sendProblem(reply, {
        type: 'about:blank',
        title: problemTitle(404, req.lang),
        status: 404,
        detail: messages[req.lang].api.noSuchResource(req.url.split('?')[0]!),
      });
    }
    return sendErrorPage(req, reply, 404);
  });

  const admission = registerAdmission(app, {
    limit: deps.config.maxConcurrentRequests ?? (deps.database.engine === 'pglite' ? 8 : 0),
    maxQueued: deps.config.maxQueuedRequests,
    maxWaitMs: deps.config.maxQueueWaitMs,
  });
  registerHealth(app, deps.database, admission);
  setStatisticsLag(deps.database.db, deps.config.statsLagSeconds * 1000);
  registerPageCache(app, deps, { door: front, metrics });
  // After the page cache's hooks: it hands over cached pages already compressed, and takes fresh ones uncompressed.
  registerCompression(app);
  registerVersionSync(app, deps.database);
  app.addHook('onRequest', async (req) => {
    if (isApiRequest(req)) req.lang = apiLanguage(req);
    else req.lang = stripLanguage(req.url).lang;
  });

  if (deps.config.smtpUrl && !deps.outbox) {
    const dispatcher = startMailDispatcher(deps.database.db, {
      smtpUrl: deps.config.smtpUrl,
      from: deps.config.mailFrom,
      log: (msg, err) => app.log.warn({ err }, msg),
    });
    deps.outbox = dispatcher;
    app.addHook('onClose', async () => {
      await dispatcher.stop();
      deps.outbox = undefined;
    });
  }
  if (!deps.jobs) {
    const worker = startJobWorker(deps.database.db, {
      clock: () => (deps.clock ?? (() => new Date()))(),
      publicUrl: deps.config.publicUrl,
      sessionSecret: deps.config.sessionSecret,
      sizeThresholds: deps.config.sizeThresholds,
      afterRun: () => deps.outbox?.kick(),
      log: (msg, err) => app.log.warn({ err }, msg),
    });
    deps.jobs = worker;
    // A command may have written an event: run its fan-out now rather than at the next poll.
    app.addHook('onResponse', async (req, reply) => {
      if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) worker.kick();
    });
    app.addHook('onClose', async () => {
      await worker.stop();
      deps.jobs = undefined;
    });
  }
  const rp = deps.config.oidc ? new RelyingParty(deps.config.oidc, deps.config.publicUrl, deps.config.apiAudience) : undefined;
  await registerAuth(app, deps, rp);
  await registerAuthRoutes(app, deps, rp);

  await app.register(
    async (api) => {
      await registerApi(api as App, deps);
    },
    { prefix: '/api/v1' },
  );

  for (const lang of LANGUAGES) {
    await app.register(
      async (scope) => {
        await registerPages(scope as App, deps, lang);
      },
      { prefix: languagePrefix(lang) },
    );
  }

  return app;
}

function handleError(raw: FastifyError | HttpProblem, req: FastifyRequest, reply: FastifyReply) {
  // The database gone or full: 503 + Retry-After with a plain message, not a 500 (src/server/dbErrors.ts).
  let dbProblem: HttpProblem | undefined;
  if (!(raw instanceof HttpProblem) && databaseFault(raw)) {
    // It may come from a hook that ran before the language was read (the page cache asks the database first).
    req.lang = isApiRequest(req) ? apiLanguage(req) : stripLanguage(req.url).lang;
    req.log.error({ err: raw }, 'database fault');
    dbProblem = databaseProblem(raw, req.lang);
  }
  const error = dbProblem ?? raw;
  let problem: Problem;
  let headers: Record<string, string> = {};
  if (error instanceof HttpProblem) {
    problem = {
      type: error.extra.type ?? 'about:blank',
      title: problemTitle(error.status, req.lang),
      status: error.status,
      detail: error.detail,
      ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    };
    headers = error.extra.headers ?? {};
  } else if ((error as FastifyError).validation) {
    const fe = error as FastifyError;
    // anyOf/oneOf first: its message lists the allowed values, the branch errors (const …) do not.
    const ordered = [...fe.validation!].sort((a, b) => Number(/^(any|one)Of$/.test(b.keyword)) - Number(/^(any|one)Of$/.test(a.keyword)));
    const errors = ordered.map((v) => {
      const field = fieldName(v as never, fe.validationContext);
      return { field, message: `${field} ${describeError(v as never, req.lang)}` };
    });
    // One line per field is enough; Ajv may report the same field twice (anyOf branches).
    const unique = errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
    problem = {
      type: 'about:blank',
      title: problemTitle(400, req.lang),
      status: 400,
      detail: unique.map((e) => e.message).join('; '),
      errors: unique,
    };
  } else {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err: error }, 'request failed');
      problem = {
        type: 'about:blank',
        title: problemTitle(status, req.lang),
        status,
        detail: messages[req.lang].api.serverError,
      };
    } else {
      // Framework errors for bad input (malformed JSON, wrong content type, body too large): keep the status,
      // give a plain message, never the internals.
      problem = {
        type: 'about:blank',
        title: problemTitle(status, req.lang),
        status,
        detail: frameworkErrorDetail((error as FastifyError).code, status, req.lang),
      };
    }
  }
  if (isApiRequest(req)) {
    // RFC 9110: a 401 names the scheme to use.
    if (problem.status === 401 && !headers['www-authenticate']) headers = { ...headers, 'www-authenticate': BEARER_CHALLENGE };
    return sendProblem(reply, problem, headers);
  }
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  if (problem.status === 401 && req.method === 'GET') {
    return reply.redirect(`${languagePrefix(req.lang)}/logg-inn?returnTo=${encodeURIComponent(req.url)}`, 303);
  }
  const t = messages[req.lang];
  if (dbProblem) return sendErrorPage(req, reply, 503, dbProblem.detail, t.errors.unavailableTitle);
  const roles = error instanceof HttpProblem && problem.status === 403 ? error.extra.roles : undefined;
  return sendErrorPage(req, reply, problem.status, problem.status >= 500 ? t.errors.serverError : problem.detail, undefined, roles);
}

import type { Language } from '../domain/catalogue.js';
import type { Principal } from '../domain/principal.js';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

/** The Fastify instance (or an encapsulated scope of it) that every resource registers its routes on. */
export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

/** What every resource's routes and pages get: configuration, the database and the clock. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /**
   * The time business rules see (consultation windows, milestones). Injectable so tests can pass a deadline;
   * sessions use the real time.
   */
  clock?: () => Date;
  /** The mail dispatcher, when SMTP is configured: kicked after a command wrote mail. */
  outbox?: { kick(): void } | undefined;
  /** The job worker (src/server/jobs.ts): kicked after a command; tests await `runDue()`. */
  jobs?: { kick(): void; runDue(): Promise<{ done: number; retried: number; failed: number }> } | undefined;
}

/** How a request was authenticated: a browser session (cookie) or a bearer token. */
export interface RequestAuth {
  via: 'session' | 'bearer';
  /** sessions.token_hash, for sign-out. */
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The UI language: from the path prefix for pages, from ?lang= or Accept-Language for the API. */
    lang: Language;
    /** The signed-in user as pages show it (filled by the auth layer). */
    pageUser?: { name: string; roles: string[]; unread?: number | undefined } | undefined;
    /** The signed-in user's unread notifications, being counted (pages only; sendPage puts it in pageUser). */
    pageUnread?: Promise<number> | undefined;
    /** The CSRF token to embed in forms (filled by the auth layer). */
    csrfToken?: string | undefined;
    /** Who is acting, with their role assignments; undefined for the public. */
    principal?: Principal | undefined;
    auth?: RequestAuth | undefined;
    /** A multipart form on a session whose CSRF token is checked when its fields are read. */
    csrfDeferred?: boolean | undefined;
  }
  interface FastifyInstance {
    assets: Record<string, string>;
    deps: AppDeps;
  }
}

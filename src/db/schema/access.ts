import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '../../domain/principal.js';
import { agencies, providers } from './catalogue.js';
import { instant, uuidId, uuidRef } from './columns.js';

/**
 * Sign-in, roles, sessions and the audit log. People are pre-provisioned by administrators and matched on login
 * by issuer + subject, else by a verified e-mail address; roles are assignments to a scope (an agency, a provider,
 * a ministry) or global (admin). Sessions live in the database so app nodes are stateless.
 */
export const users = pgTable(
  'users',
  {
    id: uuidId(),
    /** OIDC issuer and subject once the person has signed in; null for someone provisioned but not yet seen. */
    issuer: text('issuer'),
    subject: text('subject'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastLoginAt: instant('last_login_at'),
    disabledAt: instant('disabled_at'),
  },
  (t) => [
    uniqueIndex('users_issuer_subject_idx').on(t.issuer, t.subject),
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    check('users_issuer_subject_together', sql`(${t.issuer} is null) = (${t.subject} is null)`),
  ],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuidId(),
    userId: uuidRef('user_id', () => users.id, 'cascade'),
    role: text('role').$type<Role>().notNull(),
    agencyOrgnr: text('agency_orgnr').references(() => agencies.orgnr, { onDelete: 'cascade' }),
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'cascade' }),
    ministryOrgnr: text('ministry_orgnr').references(() => agencies.orgnr, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'role_assignments_scope',
      sql`(${t.role} = 'agency_editor' and ${t.agencyOrgnr} is not null and ${t.providerId} is null and ${t.ministryOrgnr} is null)
       or (${t.role} = 'provider_editor' and ${t.providerId} is not null and ${t.agencyOrgnr} is null and ${t.ministryOrgnr} is null)
       or (${t.role} = 'ministry_viewer' and ${t.ministryOrgnr} is not null and ${t.agencyOrgnr} is null and ${t.providerId} is null)
       or (${t.role} = 'admin' and ${t.agencyOrgnr} is null and ${t.providerId} is null and ${t.ministryOrgnr} is null)`,
    ),
    uniqueIndex('role_assignments_unique_idx').on(t.userId, t.role, sql`coalesce(${t.agencyOrgnr}, ${t.ministryOrgnr}, ${t.providerId}::text, '')`),
    index('role_assignments_user_idx').on(t.userId),
  ],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuidRef('user_id', () => users.id, 'cascade'),
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    /** Absolute expiry; idle expiry is lastSeenAt + the idle timeout. */
    expiresAt: instant('expires_at').notNull(),
    /** For sign-out at the identity provider. */
    idToken: text('id_token'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Secrets the nodes share without configuration (the signing key for login state), generated once. */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** Providers' (and agencies') systems: an OAuth client id mapped to what it may act for. */
export const apiClients = pgTable(
  'api_clients',
  {
    clientId: text('client_id').primaryKey(),
    name: text('name').notNull(),
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'cascade' }),
    agencyOrgnr: text('agency_orgnr').references(() => agencies.orgnr, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    disabledAt: instant('disabled_at'),
  },
  (t) => [check('api_clients_one_scope', sql`(${t.providerId} is null) <> (${t.agencyOrgnr} is null)`)],
);

/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, see migration 0003). Who acted, in
 * which capacity and for whom, what changed (before → after) and in which request. `seq` orders events.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuidId(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    occurredAt: instant('occurred_at').notNull().defaultNow(),
    actorKind: text('actor_kind').$type<'user' | 'client' | 'system'>().notNull(),
    /** users.id, the OAuth client id, or the name of a system job. No foreign key: the log outlives users. */
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actingRole: text('acting_role').$type<Role | 'system'>().notNull(),
    agencyOrgnr: text('agency_orgnr'),
    providerId: uuid('provider_id'),
    ministryOrgnr: text('ministry_orgnr'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    viaApi: boolean('via_api').notNull().default(false),
  },
  (t) => [
    index('audit_events_agency_idx').on(t.agencyOrgnr, t.seq),
    index('audit_events_provider_idx').on(t.providerId, t.seq),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_seq_idx').on(t.seq),
  ],
);

import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor.js';
import { messages } from '../web/i18n/index.js';
import { HttpProblem } from './problem.js';

export type { Actor };

/**
 * The signed-in user acting for a provider, or a 401 problem. Sign-in does not exist yet (issue 3 brings it): until
 * then every request is refused, except in tests, where `deps.testHooks.actor` may supply an actor. The auth helper
 * replaces the body of this one function; callers stay as they are. Whether the actor may act for *this* provider
 * is checked by the command (`authorise` in src/imports/usage/usageImport.ts).
 */
export function requireProviderActor(req: FastifyRequest, providerSlug: string): Actor {
  const hook = req.server.deps.config.environment === 'test' ? req.server.deps.testHooks?.actor : undefined;
  const actor = hook?.(req, providerSlug);
  if (!actor) throw new HttpProblem(401, messages[req.lang].usageImport.signInRequired);
  return actor;
}

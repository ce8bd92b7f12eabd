import type { FastifyRequest } from 'fastify';
import { requireProviderActor } from '../../server/actor.js';
import { HttpProblem } from '../../server/problem.js';
import { messages } from '../../web/i18n/index.js';
import { uploadedFile } from './uploads.js';

/**
 * The file someone acting for a provider sends for it (a catalogue, a customer list), with the actor: 401, 404 and
 * 403 as for every provider action (requireProviderActor), then 400 when the request holds no file.
 */
export async function providerUpload(req: FastifyRequest, providerSlug: string) {
  const { actor } = await requireProviderActor(req, providerSlug);
  const file = await uploadedFile(req);
  if (!file) throw new HttpProblem(400, messages[req.lang].usageImport.fileErrors.missingFile);
  return { actor, file };
}

import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { verifyDeferredCsrf } from '../../auth/plugin.js';
import { MAX_FILE_BYTES } from '../../imports/usage/parse.js';
import { HttpProblem } from '../../server/problem.js';
import type { App } from '../../server/types.js';
import { messages } from '../../web/i18n/index.js';

/**
 * Routes that take one uploaded file of at most MAX_FILE_BYTES (the catalogue and customer-list uploads, page and
 * API): multipart/form-data, whose fields may also carry a previewed file back as base64, and for the API the raw
 * file as the body when its type is one of `rawTypes`. Registered in their own scope, so no other route parses
 * multipart or takes a raw file.
 */
export async function withFileUploads(app: App, register: (scope: App) => void | Promise<void>, rawTypes: readonly string[] = []): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES + 1, fieldSize: 4 * MAX_FILE_BYTES, files: 1 } });
    for (const type of rawTypes) scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
    await register(scope as unknown as App);
  });
}

/** The uploaded file: a multipart field "file" (or a previewed file carried back in "fileBase64"), or the raw body. */
export async function uploadedFile(req: FastifyRequest): Promise<{ bytes: Buffer; name: string | null; fields: Record<string, string> } | undefined> {
  if (req.isMultipart()) {
    let file: { bytes: Buffer; name: string | null } | undefined;
    const fields: Record<string, string> = {};
    for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES + 1, fieldSize: 4 * MAX_FILE_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated || bytes.length > MAX_FILE_BYTES) throw new HttpProblem(413, messages[req.lang].usageImport.fileErrors.tooLarge('2 MB'));
        if (bytes.length) file = { bytes, name: part.filename || null };
      } else fields[part.fieldname] = String(part.value);
    }
    verifyDeferredCsrf(req, fields._csrf);
    return file ? { ...file, fields } : fields.fileBase64 ? { bytes: Buffer.from(fields.fileBase64, 'base64'), name: fields.fileName || null, fields } : undefined;
  }
  const body = req.body;
  return Buffer.isBuffer(body) && body.length ? { bytes: body, name: null, fields: {} } : undefined;
}

import { Paragraph, Tag } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.js';
import type { LocalizedText } from '../../domain/catalogue.js';
import { formatOrgnr } from '../../domain/orgnr.js';
import { agencyScopes, type Principal } from '../../domain/principal.js';
import { Breadcrumbs } from '../../web/components.js';
import { usePage, useHref } from '../../web/context.js';
import type { Errors } from '../../web/forms.js';
import { messages } from '../../web/i18n/index.js';
import { HttpProblem } from '../../server/problem.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { agencyNames } from '../shared/queries.js';

/** Home › Samarbeid › … for every page of collaboration and involvement. */
export function CollabBreadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  const { t } = usePage();
  const href = useHref();
  return <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.collab.title, href: href('/samarbeid') }, ...items]} />;
}

/** The agencies a signed-in agency editor acts for, with their names, for join, vote and answer buttons. */
export async function actingAgencies(db: Executor, p: Principal | undefined): Promise<{ orgnr: string; name: LocalizedText }[]> {
  const orgnrs = agencyScopes(p);
  const name = await agencyNames(db, orgnrs);
  return orgnrs.map((orgnr) => ({ orgnr, name: name(orgnr)?.name ?? { nb: formatOrgnr(orgnr) } }));
}

/**
 * The agency a form acts for: the `virksomhet` field (checked with MOD11), or the editor's only agency. A person
 * who edits several agencies must say which.
 */
export function agencyOfForm(req: FastifyRequest, raw: string | undefined): string {
  const t = messages[req.lang];
  if (!req.principal) throw new HttpProblem(401, t.access.signInRequired);
  const mine = agencyScopes(req.principal);
  if (!raw && mine.length === 1) return mine[0]!;
  return requireOrgnr(raw, req.lang, 'virksomhet');
}

/** A coloured tag from a code and its words. */
export function CodeTag({ label, color = 'neutral' }: { label: string; color?: 'neutral' | 'info' | 'success' | 'warning' | 'danger' }) {
  return (
    <Tag data-size="sm" data-color={color}>
      {label}
    </Tag>
  );
}

/** The page's main action as a button-styled link ("Nytt nettverk", "Registrer et behov"), shown when allowed. */
export function PrimaryAction({ href, label, show = true }: { href: string; label: string; show?: boolean }) {
  if (!show) return null;
  return (
    <Paragraph>
      <a className="ds-button" data-variant="primary" href={href}>
        {label}
      </a>
    </Paragraph>
  );
}

/**
 * Post-redirect-get for a form: run the command and go where it says (303); a 400 shows the form again with its
 * field errors (and the values as posted). Anything else is the error handler's.
 */
export async function submitForm(reply: FastifyReply, run: () => Promise<string>, again: (errors: Errors) => Promise<unknown>): Promise<unknown> {
  try {
    return reply.redirect(await run(), 303);
  } catch (e) {
    if (e instanceof HttpProblem && e.status === 400) return again(e.extra.errors ?? [{ field: 'form', message: e.detail }]);
    throw e;
  }
}

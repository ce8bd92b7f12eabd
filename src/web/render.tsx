import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import type { Role } from '../domain/principal.js';
import { renderToStaticMarkup, renderToString } from 'react-dom/server';
import { makePageContext, type PageContext, PageContextProvider, usePage, useHref } from './context.js';
import { languagePrefix, stripLanguage } from './i18n/index.js';
import { Layout } from './layout.js';

/** The request's page context; `path` (without the language prefix) when the page names itself otherwise. */
export function pageContextFor(req: FastifyRequest, path = stripLanguage(req.url).path): PageContext {
  return makePageContext(req.lang, path, req.server.assets, {
    user: req.pageUser,
    csrfToken: req.csrfToken,
  });
}

/** Renders a page component to a complete HTML document. */
export function renderDocument(ctx: PageContext, element: ReactElement): string {
  return '<!doctype html>' + renderToString(<PageContextProvider value={ctx}>{element}</PageContextProvider>);
}

/**
 * A part of a page rendered on its own, with the request's page context, as markup to place inside an element
 * (`dangerouslySetInnerHTML`); for parts kept in src/web/fragments.ts. Rendered apart, not from inside the page's own
 * render, so the two renders never share React's state.
 */
export function renderFragment(req: FastifyRequest, element: ReactElement): string {
  return renderToStaticMarkup(<PageContextProvider value={pageContextFor(req)}>{element}</PageContextProvider>);
}

/** The path prefix of the request's language, for links and redirects from a handler: '' (bokmål), '/nn', '/en'. */
export const prefix = (req: FastifyRequest): string => languagePrefix(req.lang);

/**
 * Renders the page and sends it. The header's unread count of a signed-in user was started by the auth layer when
 * the request came in and is taken here, so its query ran beside the handler's instead of before them (one round
 * trip less between a signed-in request and its page; the API never asks for it). A count that failed leaves the
 * header without one rather than failing the page. `path`: the page's own address (without the language prefix) when
 * it is not the request's URL as sent.
 */
export async function sendPage(req: FastifyRequest, reply: FastifyReply, element: ReactElement, status = 200, path?: string): Promise<FastifyReply> {
  if (req.pageUser && req.pageUnread) req.pageUser.unread = await req.pageUnread.catch(() => undefined);
  return sendHtml(reply, renderDocument(pageContextFor(req, path), element), status);
}

/** Sends a complete HTML document, as a string or as its UTF-8 bytes (a filled template: src/web/slot.ts). */
export function sendHtml(reply: FastifyReply, html: string | Buffer, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

export interface ErrorPageProps {
  status: number;
  title?: string;
  message?: string;
  /** For a 403: the roles any one of which would have allowed the request. */
  roles?: readonly Role[] | undefined;
}

export function ErrorPage({ status, title, message, roles }: ErrorPageProps) {
  const { t } = usePage();
  const href = useHref();
  const heading =
    title ?? (status === 404 ? t.errors.notFoundTitle : status === 403 ? t.errors.forbiddenTitle : status >= 500 ? t.errors.serverErrorTitle : t.errors.badRequestTitle);
  const text = message ?? (status === 404 ? t.errors.notFound : status >= 500 ? t.errors.serverError : '');
  return (
    <Layout title={heading} section="other">
      <div className="page-narrow">
        <Heading level={1} data-size="lg">
          {heading}
        </Heading>
        {text ? <Paragraph>{text}</Paragraph> : null}
        <Paragraph data-size="sm" className="muted">
          HTTP {status}
        </Paragraph>
        {status === 403 && roles && roles.length > 0 ? <Paragraph>{t.errors.roleNeeded(roles.map((r) => t.terms.role[r]).join(` ${t.errors.or} `))}</Paragraph> : null}
        {status === 403 ? <Paragraph>{t.errors.whomToAsk}</Paragraph> : null}
        {status === 401 ? (
          <Paragraph>
            <Link href={href('/logg-inn')}>{t.auth.signIn}</Link>
          </Paragraph>
        ) : null}
        <Paragraph>
          <Link href={href('/')}>{t.errors.goHome}</Link>
        </Paragraph>
      </div>
    </Layout>
  );
}

export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, message?: string, title?: string, roles?: readonly Role[]) {
  return sendPage(req, reply, <ErrorPage status={status} message={message} title={title} roles={roles} />, status);
}

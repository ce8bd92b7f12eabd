import { Paragraph } from '@digdir/designsystemet-react';
import { Type } from 'typebox';
import type { App, AppDeps } from '../../server/types.js';
import { Breadcrumbs, DataTable, PageHeader, Section } from '../../web/components.js';
import { usePage, useHref } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { type DemoUser, readDemoUsers } from '../../db/seed/demoUsers.js';
import { safeReturnTo } from '../../auth/routes.js';

/**
 * The sign-in page: one button to the identity provider. In development it also lists the demo users (one per
 * role) so a developer knows whom to pick at the development provider; never in production or test.
 */
export async function registerLoginPages(app: App, deps: AppDeps): Promise<void> {
  const showDemoUsers = deps.config.environment === 'development';
  app.get('/logg-inn', { schema: { hide: true, querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }) } }, async (req, reply) => {
    const returnTo = safeReturnTo(req.query.returnTo, req.lang, deps.config.publicUrl);
    const users = showDemoUsers ? readDemoUsers().users : undefined;
    return sendPage(req, reply, <LoginPage returnTo={returnTo} configured={!!deps.config.oidc} demoUsers={users} signedIn={!!req.principal} />);
  });
}

function LoginPage({ returnTo, configured, demoUsers, signedIn }: { returnTo: string; configured: boolean; demoUsers: DemoUser[] | undefined; signedIn: boolean }) {
  const { t, lang } = usePage();
  const href = useHref();
  return (
    <Layout title={t.auth.title} section="other">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.auth.title }]} />
      <div className="page-narrow">
        <PageHeader title={t.auth.title} lead={t.auth.lead} />
        {signedIn ? (
          <Paragraph>
            {t.auth.alreadySignedIn} <a href={href('/min-side')}>{t.mine.title}</a>
          </Paragraph>
        ) : null}
        {configured ? (
          <form method="get" action="/auth/login">
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="lang" value={lang} />
            <button type="submit" className="ds-button" data-variant="primary">
              {t.auth.signInButton}
            </button>
          </form>
        ) : (
          <Paragraph>{t.auth.notConfigured}</Paragraph>
        )}
        <Paragraph data-size="sm">{t.auth.whoMay}</Paragraph>
        {demoUsers ? (
          <Section title={t.auth.demoUsers} id="demo-users">
            <Paragraph data-size="sm">{t.auth.demoUsersLead}</Paragraph>
            <DataTable caption={t.auth.demoUsers} captionHidden columns={[t.admin.name, t.common.email, t.admin.role]}>
              {demoUsers.map((u) => (
                <tr key={u.sub}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>{u.description}</td>
                </tr>
              ))}
            </DataTable>
          </Section>
        ) : null}
      </div>
    </Layout>
  );
}

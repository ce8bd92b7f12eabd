import { Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { LANGUAGES } from '../domain/catalogue.js';
import { usePage, useHref } from './context.js';
import { localizePath, messages } from './i18n/index.js';

export interface LayoutProps {
  title: string;
  /** Short description for search engines and link previews. */
  description?: string;
  children: ReactNode;
  /** Which main-menu entry is current. */
  /** Feeds of this page's content (Atom, iCalendar), as <link rel="alternate">. */
  feeds?: { href: string; title: string; type: 'application/atom+xml' | 'text/calendar' }[];
  section?: 'home' | 'services' | 'providers' | 'areas' | 'agencies' | 'procurements' | 'collaboration' | 'stats' | 'api' | 'mine' | 'other';
}

export function Layout({ title, description, children, section, feeds }: LayoutProps) {
  const page = usePage();
  const { t, lang, assets } = page;
  const href = useHref();
  const asset = (name: string) => `/assets/${assets[name] ?? name}`;
  const nav: { key: NonNullable<LayoutProps['section']>; path: string; label: string }[] = [
    { key: 'services', path: '/tjenester', label: t.nav.services },
    { key: 'providers', path: '/leverandorer', label: t.nav.providers },
    { key: 'areas', path: '/omrader', label: t.nav.areas },
    { key: 'agencies', path: '/virksomheter', label: t.nav.agencies },
    { key: 'procurements', path: '/anskaffelser', label: t.nav.procurements },
    { key: 'stats', path: '/statistikk', label: t.nav.stats },
    { key: 'collaboration', path: '/samarbeid', label: t.nav.collaboration },
  ];
  const fullTitle = section === 'home' ? `${t.site.name} – ${t.site.tagline}` : `${title} – ${t.site.name}`;
  return (
    <html lang={lang} data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={asset('fonts.css')} />
        <link rel="stylesheet" href={asset('designsystemet.css')} />
        <link rel="stylesheet" href={asset('theme.css')} />
        <link rel="stylesheet" href={asset('app.css')} />
        <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        {feeds?.map((f) => <link key={f.href} rel="alternate" type={f.type} title={f.title} href={f.href} />)}
        {LANGUAGES.map((l) => (
          <link key={l} rel="alternate" hrefLang={l === 'nb' ? 'nb' : l} href={localizePath(page.path, l)} />
        ))}
      </head>
      <body>
        <SkipLink href="#main">{t.site.skipToContent}</SkipLink>
        <header className="site-header">
          <div className="site-header__inner">
            <a className="site-logo" href={href('/')}>
              <span className="site-logo__mark" aria-hidden="true">
                FT
              </span>
              <span>
                <span className="site-logo__name">{t.site.name}</span>
                <span className="site-logo__tagline">{t.site.tagline}</span>
              </span>
            </a>
            <UserMenu />
            <nav aria-label={t.site.languageNav} className="lang-switch">
              <ul>
                {LANGUAGES.map((l) => (
                  <li key={l}>
                    <a
                      href={localizePath(page.path, l)}
                      lang={l}
                      hrefLang={l}
                      aria-current={l === lang ? 'true' : undefined}
                    >
                      {messages[l].languageName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav aria-label={t.site.mainNav} className="main-nav">
            <ul>
              {nav.map((item) => (
                <li key={item.key}>
                  <a href={href(item.path)} aria-current={section === item.key ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="site-footer__inner">
            <Paragraph data-size="sm">{t.site.footerAbout}</Paragraph>
            <nav aria-label={t.site.footerNav}>
              <ul className="footer-links">
                <li>
                  <Link href={href('/apne-data')}>{t.site.footerData}</Link>
                </li>
                <li>
                  <Link href={href('/tilgjengelighet')}>{t.site.footerAccessibility}</Link>
                </li>
              </ul>
            </nav>
            <Paragraph data-size="xs">{t.site.footerSource}</Paragraph>
            <Paragraph data-size="xs">{t.site.demoNotice}</Paragraph>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Sign in, or the signed-in user's name with "Min side" and a sign-out button (a POST form with CSRF). */
function UserMenu() {
  const { t, user, csrfToken, lang, path } = usePage();
  const href = useHref();
  if (!user) {
    return (
      <div className="user-menu">
        <a href={`${href('/logg-inn')}?returnTo=${encodeURIComponent(localizePath(path, lang))}`}>{t.auth.signIn}</a>
      </div>
    );
  }
  return (
    <div className="user-menu">
      <span className="user-menu__name">{user.name}</span>
      <a href={href('/min-side')}>{t.mine.title}</a>
      <a href={href('/min-side/varsler')}>
        {t.notify.headerLink}
        {user.unread ? ` (${t.notify.unreadInHeader(user.unread)})` : null}
      </a>
      <form method="post" action="/auth/logout" className="inline-form">
        <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
        <input type="hidden" name="lang" value={lang} />
        <button type="submit" className="user-menu__button">
          {t.auth.signOut}
        </button>
      </form>
    </div>
  );
}

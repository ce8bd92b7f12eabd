import { Button } from '@digdir/designsystemet-react';
import type { FollowTarget } from '../domain/notify.js';
import { usePage } from './context.js';
import { CsrfField } from './forms.js';
import { localizePath } from './i18n/index.js';

/**
 * "Følg" / "Slutt å følge": a plain form POST (works without JavaScript) back to the page it is on. Shown only to
 * someone signed in; `following` undefined hides it.
 */
export function FollowButton({ type, id, following }: { type: FollowTarget; id: string; following: boolean | undefined }) {
  const { t, user, lang, path } = usePage();
  if (!user || following === undefined) return null;
  return (
    <form method="post" action={localizePath('/folg', lang)} className="inline-form follow-form">
      <CsrfField />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="returnTo" value={localizePath(path.split('?')[0]!, lang)} />
      <input type="hidden" name="follow" value={following ? 'no' : 'yes'} />
      <Button type="submit" variant={following ? 'secondary' : 'primary'} data-size="sm" aria-describedby={`follow-hint-${type}`}>
        {following ? t.notify.unfollow : t.notify.follow}
      </Button>{' '}
      <span id={`follow-hint-${type}`} className="muted">
        {following ? t.notify.following : t.notify.followHint}
      </span>
    </form>
  );
}

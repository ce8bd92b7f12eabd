import { Button, Paragraph } from '@digdir/designsystemet-react';
import { Section, TextField } from '../../../web/components.js';
import { usePage, useHref } from '../../../web/context.js';
import { PostForm } from '../../../web/forms.js';
import type { SectionContext } from './context.js';

/** The profile: employees (→ size class), contact e-mail and phone. Readers who may not edit see the e-mail. */
export function ProfileSection({ s }: { s: SectionContext }) {
  const { t } = usePage();
  const href = useHref();
  const { agency: a, v, errs } = s;
  return (
    <Section title={t.mine.profile} id="profile">
      {s.edit ? (
        <PostForm action={href(`${s.base}/profil`)}>
          <TextField id="profile-employees" name="employees" inputMode="numeric" label={t.agency.employees} description={t.mine.employeesHelp} value={v('profile', 'employees', a.employees?.toString())} error={errs('profile').employees} />
          <TextField id="profile-email" name="email" type="email" autoComplete="email" label={t.mine.contactEmail} description={t.mine.contactEmailHelp} value={v('profile', 'email', a.email)} error={errs('profile').email} />
          <TextField id="profile-phone" name="phone" type="tel" autoComplete="tel" label={t.common.phone} value={v('profile', 'phone', a.phone)} error={errs('profile').phone} />
          <Button type="submit">{t.mine.saveProfile}</Button>
        </PostForm>
      ) : (
        <Paragraph>{a.email ?? t.agency.notStated}</Paragraph>
      )}
    </Section>
  );
}

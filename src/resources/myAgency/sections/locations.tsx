import { Button } from '@digdir/designsystemet-react';
import { TextField } from '../../../web/components.js';
import { ListSection } from '../../../web/components/lists.js';
import { usePage, useHref } from '../../../web/context.js';
import { PostButton, PostForm } from '../../../web/forms.js';
import type { LocationRow } from '../queries.js';
import type { SectionContext } from './context.js';

/** The agency's locations, each removable, and a form to add one. */
export function LocationsSection({ s, locations }: { s: SectionContext; locations: LocationRow[] }) {
  const { t } = usePage();
  const href = useHref();
  const { v, errs } = s;
  return (
    <ListSection title={t.mine.locations} id="locations" items={locations} none={t.mine.noLocations} keyOf={(l) => l.id} item={(l) => (
      <>
        <strong>{l.name}</strong> {[l.address, [l.postalCode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}{' '}
        {s.edit ? <PostButton action={href(`${s.base}/steder/${l.id}/fjern`)} label={t.mine.removeLocation(l.name)} variant="tertiary" /> : null}
      </>
    )}>
      {s.edit ? (
        <PostForm action={href(`${s.base}/steder`)}>
          <TextField id="locations-name" name="name" label={t.mine.locationName} value={v('locations', 'name')} error={errs('locations').name} maxLength={120} />
          <TextField id="locations-address" name="address" autoComplete="street-address" label={t.mine.address} value={v('locations', 'address')} maxLength={200} />
          <TextField id="locations-postalCode" name="postalCode" autoComplete="postal-code" inputMode="numeric" label={t.mine.postalCode} value={v('locations', 'postalCode')} error={errs('locations').postalCode} maxLength={4} />
          <TextField id="locations-city" name="city" autoComplete="address-level2" label={t.mine.city} value={v('locations', 'city')} maxLength={100} />
          <Button type="submit" variant="secondary">{t.mine.addLocation}</Button>
        </PostForm>
      ) : null}
    </ListSection>
  );
}

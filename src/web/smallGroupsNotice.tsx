import { Paragraph } from '@digdir/designsystemet-react';
import type { Language } from '../domain/catalogue.js';
import { MIN_GROUP_SIZE } from '../domain/smallGroups.js';
import { usePage } from './context.js';

/** What the small-group rule (src/domain/smallGroups.ts) hides and why, under every aggregate of agencies' answers. */
const TEXT: Record<Language, (k: number) => string> = {
  nb: (k) =>
    `Av hensyn til virksomhetene viser vi ikke tall for grupper der færre enn ${k} virksomheter har svart; de står som «–». Når én slik gruppe skjules, skjules også den minste av de andre, så det skjulte tallet ikke kan regnes ut fra summen.`,
  nn: (k) =>
    `Av omsyn til verksemdene viser vi ikkje tal for grupper der færre enn ${k} verksemder har svart; dei står som «–». Når éi slik gruppe blir skjult, blir òg den minste av dei andre skjult, så det skjulte talet ikkje kan reknast ut frå summen.`,
  en: (k) =>
    `To protect the agencies, we do not show figures for groups where fewer than ${k} agencies answered; they read “–”. When one such group is hidden, the smallest of the others is hidden too, so the hidden figure cannot be worked out from the total.`,
};

export function SmallGroupsNotice() {
  const { lang } = usePage();
  return (
    <Paragraph data-size="sm" className="muted small-groups-notice">
      {TEXT[lang](MIN_GROUP_SIZE)}
    </Paragraph>
  );
}

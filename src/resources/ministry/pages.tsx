import { Type } from 'typebox';
import { formatOrgnr } from '../../domain/orgnr.js';
import { answerLabel } from '../../domain/questionnaire.js';
import { sizeClassOf } from '../../domain/sizeClass.js';
import type { App, AppDeps } from '../../server/types.js';
import { HttpProblem } from '../../server/problem.js';
import { requirePrincipal } from '../../auth/plugin.js';
import { Breadcrumbs, DataTable, OrgLink, PageHeader, Section } from '../../web/components.js';
import { Text, usePage, useHref, useText } from '../../web/context.js';
import { messages } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';
import { sendPage } from '../../web/render.js';
import { requireOrgnr } from '../agencies/orgnrInput.js';
import { WithdrawnTag } from '../declarations/pages.js';
import { StateTag } from '../procurements/pages.js';
import { sizeClassName } from '../agencies/sizeClassText.js';
import { mayViewMinistry } from './policy.js';
import { getMinistry, loadMinistryPage, type MinistryAgencyUsage, type MinistryPageData, type MinistryRow } from './queries.js';
import { currentQuestionnaire, QUESTIONNAIRE_SLUGS } from '../../db/seed/questionnaires.js';
import { MinistryNonUseSection } from '../nonUse/pages.js';
import { listNonUse } from '../nonUse/queries.js';
import { RowTable } from '../../web/components/rowTable.js';

/** A ministry's view: its agencies' declarations across procurements, and how many services each uses. */
export async function registerMinistryPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  app.get('/min-side/departement/:orgnr', { schema: { hide: true, params: Type.Object({ orgnr: Type.String({ maxLength: 40 }) }) } }, async (req, reply) => {
    const orgnr = requireOrgnr(req.params.orgnr, req.lang, 'orgnr');
    const t = messages[req.lang];
    requirePrincipal(req);
    const m = await getMinistry(db, orgnr);
    if (!m) throw new HttpProblem(404, t.errors.unknownMinistry(formatOrgnr(orgnr)));
    if (!mayViewMinistry(req.principal, orgnr)) throw new HttpProblem(403, t.access.forbidden, { roles: ['ministry_viewer', 'admin'] });
    const [{ declared, usage, questionnaires: qs }, nonUse, nonUseQ] = await Promise.all([
      loadMinistryPage(db, orgnr),
      listNonUse(db, { ministryOrgnr: orgnr }),
      currentQuestionnaire(db, QUESTIONNAIRE_SLUGS.service_opt_out),
    ]);
    return sendPage(
      req,
      reply,
      <MinistryPage ministry={m} declared={declared} usage={usage} questionnaires={qs} thresholds={deps.config.sizeThresholds}>
        <Section title={messages[req.lang].nonUse.ministryTitle} id="non-use">
          <MinistryNonUseSection rows={nonUse} definition={nonUseQ?.definition} />
        </Section>
      </MinistryPage>,
    );
  });
}

function MinistryPage({
  ministry,
  declared,
  usage,
  questionnaires: qs,
  thresholds,
  children,
}: {
  children?: import('react').ReactNode;
  ministry: MinistryRow;
  declared: MinistryPageData['declared'];
  usage: MinistryAgencyUsage[];
  questionnaires: MinistryPageData['questionnaires'];
  thresholds: import('../../domain/sizeClass.js').SizeThresholds;
}) {
  const { t, fmt } = usePage();
  const href = useHref();
  const text = useText();
  const name = text(ministry.name);
  const reasonOf = (d: (typeof declared)[number]) => {
    const q = qs.find((x) => x.definition.questions.some((y) => d.answers[y.id] !== undefined) && x.purpose === d.kind);
    const first = q?.definition.questions.find((y) => y.type === 'single_choice');
    return first && d.answers[first.id] !== undefined ? answerLabel(first, d.answers[first.id]!, text) : '–';
  };
  return (
    <Layout title={name} section="mine">
      <Breadcrumbs items={[{ label: t.nav.home, href: href('/') }, { label: t.mine.title, href: href('/min-side') }, { label: name }]} />
      <PageHeader title={name} lead={t.ministry.lead} />
      <Section title={t.ministry.declarations} id="declarations">
        <RowTable caption={t.ministry.declarations} columns={[t.agency.name, t.procurement.name, t.declaration.kind, t.ministry.reason, t.declaration.changed]} rows={declared} none={t.declaration.noneYet} rowKey={(d) => d.id} head={(d) => <OrgLink org={d.agency} />} cells={(d) => (
          <>
            <td>
              <a href={href(`/anskaffelser/${d.procurement.id}`)}>
                <Text value={d.procurement.title} />
              </a>{' '}
              <StateTag state={d.procurement.status} />
            </td>
            <td>
              {t.terms.declarationKind[d.kind]}
              <WithdrawnTag at={d.withdrawnAt} />
            </td>
            <td>{reasonOf(d)}</td>
            <td className="nowrap">{fmt.date(d.updatedAt)}</td>
          </>
        )} />
      </Section>
      <Section title={t.ministry.usage} id="usage">
        <DataTable caption={t.ministry.usage} captionHidden columns={[t.agency.name, t.agency.sizeClass, t.ministry.servicesInUse]}>
          {usage.map((u) => (
            <tr key={u.orgnr}>
              <th scope="row">
                <OrgLink org={u} />
              </th>
              <td>{sizeClassName(t, sizeClassOf(u.employees, thresholds), thresholds)}</td>
              <td className="num">{fmt.number(u.services)}</td>
            </tr>
          ))}
        </DataTable>
      </Section>
      {children}
    </Layout>
  );
}

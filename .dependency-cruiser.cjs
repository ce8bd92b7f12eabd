// @ts-check
/**
 * The layers of the code and the directions they may depend in (docs/adr/0011-layers.md). Checked as part of
 * `npm test` by test/arch/layers.test.ts; by hand: `npx depcruise src bench`.
 *
 *   server/app.ts, api.ts, pages.ts, main.ts  the composition root: registers every resource; nobody imports it
 *   resources/<name>/                         routes, pages, commands, queries, policies of one resource
 *   server/* (the rest), auth/                the HTTP kernel: App and AppDeps types, problems, actor, sessions
 *   imports/, cli/, mail/, ops/               below the resources: they never import one
 *   web/                                      layout, components, i18n, export: on domain only
 *   db/                                       schema, migrations, database factory, audit writer: on domain only
 *   domain/                                   pure rules and types: imports nothing of ours
 *
 * Type-only imports count (tsPreCompilationDeps): a cycle through types is still a cycle to untangle.
 */
const OURS = '^(src|bench|test|scripts)/';

/**
 * A rule: imports from `from` to `to` are forbidden, and every rule is an error.
 * @param {string} name
 * @param {string} comment
 * @param {import('dependency-cruiser').IFromRestriction} from
 * @param {import('dependency-cruiser').IToRestriction} to
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
const forbid = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

/**
 * A layer under src/ that builds only on itself, src/domain and src/paths.ts.
 * @param {string} name
 * @param {string} layer the folder under src/
 * @param {string} comment
 */
const onlyOnDomain = (name, layer, comment) =>
  forbid(name, comment, { path: `^src/${layer}/` }, { path: OURS, pathNot: `^src/(${layer}/|domain/|paths\\.ts$)` });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid(
      'no-cycles',
      'No import cycles, type imports included: every module can be read after the ones it imports.',
      {},
      { circular: true },
    ),
    forbid(
      'domain-is-pure',
      'src/domain holds pure rules and types: it imports nothing of ours outside itself (libraries are fine).',
      { path: '^src/domain/' },
      { path: OURS, pathNot: '^src/domain/' },
    ),
    forbid(
      'paths-is-a-leaf',
      'src/paths.ts (where the repository folders are) imports nothing of ours, so every layer may use it.',
      { path: '^src/paths\\.ts$' },
      { path: OURS },
    ),
    onlyOnDomain(
      'db-only-on-domain',
      'db',
      'src/db (schema, migrations, the database factory, the audit writer, demo data) builds only on src/domain and src/paths.ts.',
    ),
    onlyOnDomain(
      'web-only-on-domain',
      'web',
      'src/web (layout, shared components, forms, i18n, charts, export) serves every resource: it builds only on src/domain and src/paths.ts, never on a resource, the database or the server.',
    ),
    forbid(
      'below-resources',
      'Imports, command-line tools, mail, operations and the auth layer sit below the resources: they use domain, db, web and the server kernel, never a resource.',
      { path: '^src/(imports|cli|mail|ops|auth)/' },
      { path: '^src/resources/' },
    ),
    forbid(
      'no-composition-root-imports',
      'src/server/app.ts (with api.ts, pages.ts and main.ts) wires everything together; no resource or layer imports it. Resources get the App type from src/server/types.ts.',
      { path: '^src/', pathNot: '^src/server/(app|main)\\.ts$' },
      { path: '^src/server/(app|api|pages|main)\\.ts$' },
    ),
    forbid(
      'no-test-code-in-production',
      'The application and the benchmarks never import tests, scripts or the fixtures kept beside domain code for its tests (*.test-support.ts).',
      { path: '^(src|bench)/', pathNot: '\\.test(-support)?\\.tsx?$' },
      { path: '^(test|scripts)/|\\.test-support\\.tsx?$' },
    ),
    forbid(
      'no-bench-code-in-production',
      'The application never imports the benchmarks.',
      { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      { path: '^bench/' },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

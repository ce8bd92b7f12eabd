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

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type imports included: every module can be read after the ones it imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain holds pure rules and types: it imports nothing of ours outside itself (libraries are fine).',
      from: { path: '^src/domain/' },
      to: { path: OURS, pathNot: '^src/domain/' },
    },
    {
      name: 'paths-is-a-leaf',
      severity: 'error',
      comment: 'src/paths.ts (where the repository folders are) imports nothing of ours, so every layer may use it.',
      from: { path: '^src/paths\\.ts$' },
      to: { path: OURS },
    },
    {
      name: 'db-only-on-domain',
      severity: 'error',
      comment:
        'src/db (schema, migrations, the database factory, the audit writer, demo data) builds only on src/domain and src/paths.ts.',
      from: { path: '^src/db/' },
      to: { path: OURS, pathNot: '^src/(db/|domain/|paths\\.ts$)' },
    },
    {
      name: 'web-only-on-domain',
      severity: 'error',
      comment:
        'src/web (layout, shared components, forms, i18n, charts, export) serves every resource: it builds only on src/domain and src/paths.ts, never on a resource, the database or the server.',
      from: { path: '^src/web/' },
      to: { path: OURS, pathNot: '^src/(web/|domain/|paths\\.ts$)' },
    },
    {
      name: 'below-resources',
      severity: 'error',
      comment:
        'Imports, command-line tools, mail, operations and the auth layer sit below the resources: they use domain, db, web and the server kernel, never a resource.',
      from: { path: '^src/(imports|cli|mail|ops|auth)/' },
      to: { path: '^src/resources/' },
    },
    {
      name: 'no-composition-root-imports',
      severity: 'error',
      comment:
        'src/server/app.ts (with api.ts, pages.ts and main.ts) wires everything together; no resource or layer imports it. Resources get the App type from src/server/types.ts.',
      from: { path: '^src/', pathNot: '^src/server/(app|main)\\.ts$' },
      to: { path: '^src/server/(app|api|pages|main)\\.ts$' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'The application and the benchmarks never import tests or scripts.',
      from: { path: '^(src|bench)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'no-bench-code-in-production',
      severity: 'error',
      comment: 'The application never imports the benchmarks.',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^bench/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

// The build's last step (called by scripts/build-assets.mjs, which both `npm run build` and `npm test` run after
// tsc): bundles the server tsc emitted (dist/src/server/main.js, with every module it imports, ours and the
// packages') into one file, dist/src/server/main.bundle.js, and makes dist/src/server/main.js (which `npm start` runs) a stub
// that loads it. Issue 16 / ADR 0016:
// resolving and loading the ~4,700 modules one by one (Node looks up the package scope of each file) was the
// largest part of the server's start; one file of a few megabytes loads and compiles in a fraction of that time,
// and tree shaking drops what no route uses (e.g. the icon package's barrel of ~1,000 modules).
//
// Code that finds files next to itself keeps finding them: in every bundled module `import.meta.url`, `__dirname`
// and `__filename` are replaced by the module's own original location (dist/src/… or node_modules/…, both still
// there), computed from the bundle's location so a moved checkout still works. `require` of a name known only at run
// time resolves from the bundle's folder, as it would have from the module's. The other programs (dist/src/cli, the
// benches) and the tests' imports keep using tsc's modules.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/src/server/main.js');
const bundle = join(root, 'dist/src/server/main.bundle.js');
const MARK = '// Bundled by scripts/bundle-server.mjs';
/**
 * What main.js becomes: V8's compile cache is switched on before the bundle is compiled (a call inside the bundle
 * would come after its one compilation), then the bundle runs. Cluster workers run this file too (process.argv[1]).
 */
const STUB = `${MARK}: the server is ./main.bundle.js.
import { enableCompileCache } from 'node:module';
enableCompileCache?.();
await import('./main.bundle.js');
`;

/** Packages not bundled: optional native bindings absent here. */
const EXTERNAL = ['pg-native', 'cpu-features', 'ssh2'];

export async function bundleServer() {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run tsc first`);
  // Already a bundle (the assets step run again without tsc): the modules it was made from are unchanged.
  if (readFileSync(entry, 'utf8').startsWith(MARK)) return;
  const { build } = await import('esbuild');
  const outDir = dirname(entry);
  const fromBundle = (file) => JSON.stringify(relative(outDir, file).split('\\').join('/'));
  const originalLocation = {
    name: 'original-location',
    setup(b) {
      b.onLoad({ filter: /\.(c|m)?js$/ }, (args) => {
        let code = readFileSync(args.path, 'utf8');
        const rel = fromBundle(args.path);
        if (code.includes('import.meta.url')) code = code.replaceAll('import.meta.url', `__ftUrl(${rel})`);
        if (/\b__(dirname|filename)\b/.test(code)) code = `var __filename = __ftPath(${rel}), __dirname = __ftDir(${rel});\n${code}`;
        return { contents: code, loader: 'js' };
      });
    },
  };
  // The icon package declares `"sideEffects": false`, but its ESM folder has a package.json of its own without it
  // (only `"type": "module"`), and esbuild reads the nearest one: all ~960 icons (1.6 MB) were bundled and evaluated at
  // every start for the three Designsystemet uses. Its modules only define components: tree shaking may drop them.
  const sideEffectFree = {
    name: 'side-effect-free',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) =>
        /[\\/]node_modules[\\/]@navikt[\\/]aksel-icons[\\/]/.test(args.importer) ? { path: join(args.resolveDir, args.path), sideEffects: false } : undefined,
      );
    },
  };
  const tmp = `${bundle}.${process.pid}.tmp.js`;
  await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    external: EXTERNAL,
    plugins: [sideEffectFree, originalLocation],
    logLevel: 'warning',
    // Keep names: stack traces, pino's and Fastify's plugin names and error classes read as in the sources.
    keepNames: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    banner: {
      js: [
        MARK,
        "import { createRequire as __ftCreateRequire } from 'node:module';",
        "import { dirname as __ftDirname } from 'node:path';",
        "import { fileURLToPath as __ftToPath } from 'node:url';",
        'const require = __ftCreateRequire(import.meta.url);',
        'const __ftUrl = (rel) => new URL(rel, import.meta.url).href;',
        'const __ftPath = (rel) => __ftToPath(__ftUrl(rel));',
        'const __ftDir = (rel) => __ftDirname(__ftPath(rel));',
      ].join('\n'),
    },
  });
  // esbuild escapes non-ASCII characters in strings but leaves them in regular expression literals (a few of ours:
  // æ, ø, å). One such character makes the whole 10 MB source a two-byte string: slower to decode and to scan at
  // every start, twice the memory. As \uXXXX escapes they mean the same in a regex, a string or an identifier.
  const code = readFileSync(tmp, 'utf8');
  const ascii = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== code) writeFileSync(tmp, ascii);
  renameSync(tmp, bundle);
  writeFileSync(entry, STUB);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await bundleServer();

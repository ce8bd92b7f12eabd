// Copies the self-hosted front-end assets (Designsystemet CSS and theme, the Inter font, our own CSS and
// scripts) into dist/public with content hashes in their names, and writes dist/public/manifest.json that maps
// logical names to hashed ones. Nothing is fetched from a third party at run time.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/public');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'fonts'), { recursive: true });

const manifest = {};
const hashed = (name, content) => {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const ext = extname(name);
  return `${basename(name, ext)}.${hash}${ext}`;
};
// Text assets also as .br and .gz beside them, compressed once at the highest levels: @fastify/static sends the one
// the browser accepts (preCompressed), so no asset is compressed per request.
const TEXT = /\.(css|js|mjs|svg|json|txt|map|xml|html)$/;
const precompress = (path, content) => {
  if (!TEXT.test(path) || content.length < 1024) return;
  writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }));
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
};
const emit = (logical, content) => {
  const file = hashed(logical, content);
  writeFileSync(join(out, file), content);
  precompress(join(out, file), Buffer.from(content));
  manifest[logical] = file;
};

// Fonts: Inter, latin and latin-ext, the weights Designsystemet uses.
const fontFiles = join(root, 'node_modules/@fontsource/inter/files');
const ranges = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext': 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
};
let fontCss = '';
for (const weight of [400, 500, 600, 700]) {
  for (const subset of ['latin-ext', 'latin']) {
    const src = `inter-${subset}-${weight}-normal.woff2`;
    // Hashed like every other asset: they are served as immutable, so a new font release must get a new name.
    const font = readFileSync(join(fontFiles, src));
    const file = hashed(src, font);
    writeFileSync(join(out, 'fonts', file), font);
    fontCss += `@font-face{font-family:'Inter';font-style:normal;font-display:swap;font-weight:${weight};src:url(/assets/fonts/${file}) format('woff2');unicode-range:${ranges[subset]};}\n`;
  }
}
copyFileSync(join(root, 'node_modules/@fontsource/inter/LICENSE'), join(out, 'fonts', 'LICENSE-Inter.txt'));
emit('fonts.css', fontCss);

emit('designsystemet.css', readFileSync(join(root, 'node_modules/@digdir/designsystemet-css/dist/src/index.css')));
emit('theme.css', readFileSync(join(root, 'node_modules/@digdir/designsystemet-theme/brand/digdir.css')));

// Our own assets: every file in src/web/assets.
const own = join(root, 'src/web/assets');
for (const name of readdirSync(own)) emit(name, readFileSync(join(own, name)));

writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
console.log(`assets: ${Object.keys(manifest).length} files → dist/public`);

// The build's last step: the server as one bundle (scripts/bundle-server.mjs; issue 16, ADR 0016). Here rather than
// in package.json's build script because `npm test` builds through this file too.
await (await import('./bundle-server.mjs')).bundleServer();

/**
 * Benchmark (issue 16): the portal as `npm start` serves it against nginx serving the same bytes from a file, in one
 * run on one machine, alternating (portal, nginx, portal, nginx), so the ratio survives a machine that is busy with
 * other things better than the absolute figures do.
 *   npm run bench:nginx                                   # PGlite: one process
 *   DATABASE_URL=postgres://… npm run bench:nginx         # PostgreSQL: WEB_CONCURRENCY workers (default: cores)
 * Env: DURATION (s per run, default 8), CONNECTIONS (default 50), ROUNDS (default 2), ACCEPT_ENCODING (default
 * none: both send the identity bytes; `br` or `gzip` makes the portal compress — nginx then serves the same
 * compressed bytes from its file with that Content-Encoding).
 * Also prints a first visit's bytes (the page and its stylesheets) with and without compression, and the time from
 * spawning the server to its first page.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, type LoadResult, printTable } from './support/http.js';
import { startNginx } from './support/nginx.js';
import { machineCaveat, startPortalProcess } from './support/server.js';

const duration = Number(process.env.DURATION ?? 8);
const connections = Number(process.env.CONNECTIONS ?? 50);
const rounds = Number(process.env.ROUNDS ?? 2);
const acceptEncoding = process.env.ACCEPT_ENCODING;
const dir = mkdtempSync(join(tmpdir(), 'ft-bench-nginx-'));

/** nginx serving `files` as they are (already compressed where `encoding` says), each with its own type. */
async function nginxServing(files: Record<string, { body: Buffer; type: string; encoding?: string }>) {
  const root = join(dir, 'www');
  mkdirSync(root, { recursive: true });
  const locations = Object.entries(files)
    .map(([name, f]) => {
      writeFileSync(join(root, name), f.body);
      const enc = f.encoding ? `add_header Content-Encoding ${f.encoding};` : '';
      return `    location = /${name} { default_type "${f.type}"; ${enc} add_header Cache-Control "public, no-cache"; }`;
    })
    .join('\n');
  return startNginx({
    workers: 'auto',
    http: '  sendfile on;\n  keepalive_requests 100000;\n  types { }',
    server: `    root ${root};\n${locations}`,
    readyPath: `/${Object.keys(files)[0]}`,
  });
}

/** Bytes on the wire (as sent, compressed or not) for a page and the assets a first visit fetches. */
async function bytesOfFirstVisit(base: string, path: string, encoding?: string): Promise<number> {
  const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
  let total = (await raw(base + path, headers)).body.length;
  const html = (await raw(base + path, {})).body.toString('utf8');
  const assets = [...new Set([...html.matchAll(/\/assets\/[\w./-]+/g)].map((m) => m[0]))];
  for (const a of assets) {
    total += (await raw(base + a, headers)).body.length;
    // The fonts the page uses (regular and semibold, latin): woff2 is compressed already.
    if (/fonts\.[0-9a-f]+\.css$/.test(a)) {
      const css = (await raw(base + a, {})).body.toString('utf8');
      for (const f of new Set([...css.matchAll(/\/assets\/fonts\/inter-latin-(400|600)[\w.-]*\.woff2/g)].map((m) => m[0]))) total += (await raw(base + f, {})).body.length;
    }
  }
  return total;
}

const portal = await startPortalProcess(join(dir, 'db'));
// undici's fetch decompresses; read the raw bytes with Accept-Encoding set and no decoding: node:http.
async function raw(url: string, headers: Record<string, string>): Promise<{ body: Buffer; type: string; encoding?: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), type: String(res.headers['content-type']), encoding: res.headers['content-encoding'] }));
    })
      .on('error', reject)
      .end();
  });
}
const rows: LoadResult[] = [];
try {
  const first = (await (await fetch(`${portal.url}/api/v1/services?limit=1&sort=name`)).json()) as { items: { slug: string }[] };
  const slug = first.items[0]?.slug ?? 'lonnstjenester';
  const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  const pages = { 'tjenester.html': '/tjenester', 'service.html': `/tjenester/${slug}` };
  const files: Record<string, { body: Buffer; type: string; encoding?: string }> = {};
  for (const [file, path] of Object.entries(pages)) files[file] = await raw(portal.url + path, headers);
  const nginx = await nginxServing(files);
  try {
    // An uncached search: a new query on every request (never one asked before, in any round).
    let n = 0;
    for (let round = 1; round <= rounds; round++) {
      for (const [file, path] of Object.entries(pages)) {
        rows.push(await load(`portal ${path} (round ${round})`, portal.url + path, { connections, duration, headers }));
        rows.push(await load(`nginx same ${files[file]!.body.length} bytes (round ${round})`, `${nginx.url}/${file}`, { connections, duration, headers }));
      }
      rows.push(
        await load(`portal /tjenester?q=<new each time> (round ${round})`, portal.url, {
          connections,
          duration,
          headers,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/tjenester?q=${encodeURIComponent(`lønn ${n++}`)}` }) }],
        }),
      );
    }
  } finally {
    await nginx.stop();
  }
  printTable(`Portal (${process.env.DATABASE_URL ? `PostgreSQL, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? 'cores'}` : 'PGlite, one process'}) vs nginx, ${connections} connections × ${duration} s, Accept-Encoding: ${acceptEncoding ?? 'none'}`, rows);
  const avg = (xs: LoadResult[]) => xs.reduce((s, r) => s + r.rps, 0) / Math.max(1, xs.length);
  /** One line of the summary: the portal's rounds against nginx's, averaged, and the portal's worst p99. */
  const ratioRow = (label: string, portalRuns: LoadResult[], nginxRuns: LoadResult[]) =>
    console.log(`| ${label} | ${avg(portalRuns).toFixed(0)} | ${avg(nginxRuns).toFixed(0)} | ${(avg(portalRuns) / avg(nginxRuns)).toFixed(2)} | ${Math.max(...portalRuns.map((r) => r.p99)).toFixed(1)} |`);
  const nginxRuns = rows.filter((r) => r.label.startsWith('nginx'));
  console.log('\n| page | portal req/s | nginx req/s | ratio | portal p99 ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [file, path] of Object.entries(pages)) {
    ratioRow(
      path,
      rows.filter((r) => r.label.startsWith(`portal ${path} (`)),
      nginxRuns.filter((r) => r.label.includes(`${files[file]!.body.length} bytes`)),
    );
  }
  // The search's rounds averaged like the pages' (the first round includes the search path's warm-up), against the
  // average of every nginx run.
  ratioRow(
    'uncached search',
    rows.filter((r) => r.label.startsWith('portal /tjenester?q=')),
    nginxRuns,
  );
  console.log('\nFirst visit (/ and /tjenester with their stylesheets, favicon and two font files):');
  for (const path of ['/', '/tjenester']) {
    console.log(`  ${path}: ${((await bytesOfFirstVisit(portal.url, path)) / 1024).toFixed(0)} KB uncompressed, ${((await bytesOfFirstVisit(portal.url, path, 'br, gzip')) / 1024).toFixed(0)} KB with Accept-Encoding: br, gzip`);
  }
  console.log(`Server start to first page (spawned, migrated, first render): ${(portal.startedMs / 1000).toFixed(1)} s`);
  console.log(machineCaveat());
} finally {
  await portal.close();
  rmSync(dir, { recursive: true, force: true });
}

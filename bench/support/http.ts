import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  url: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** The latency figures with the ramp's requests too, when load() set some apart (settleMs). */
  rampFigures?: Pick<LoadResult, 'p50' | 'p95' | 'p99' | 'max'> | undefined;
  /** How many answers came with each status outside 2xx/3xx (what non2xx was), when any did. */
  statuses?: Record<number, number>;
}

/** Counts a status outside 2xx/3xx into `tally` (no status: 0). */
export function tallyStatus(tally: Record<number, number>, status: number | undefined): void {
  if (status !== undefined && status >= 200 && status < 400) return;
  const key = status ?? 0;
  tally[key] = (tally[key] ?? 0) + 1;
}

/** How many answers a tally holds. */
export const tallied = (tally: Record<number, number> | undefined): number => Object.values(tally ?? {}).reduce((n, k) => n + k, 0);

/** Adds tallies of several runs into one. */
export function mergeStatuses(tallies: (Record<number, number> | undefined)[]): Record<number, number> {
  const all: Record<number, number> = {};
  for (const t of tallies) for (const [k, n] of Object.entries(t ?? {})) all[Number(k)] = (all[Number(k)] ?? 0) + n;
  return all;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** p50/p95/p99/max of the latencies in ms (sorts them in place). */
export function latencyFigures(latencies: number[]): Pick<LoadResult, 'p50' | 'p95' | 'p99' | 'max'> {
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN };
}

/**
 * Runs autocannon against one URL and reports req/s and latency percentiles in ms. p95 is computed from every
 * response's latency (autocannon's own summary has p97.5 but no p95).
 */
export async function load(
  label: string,
  url: string,
  options: {
    connections: number;
    duration: number;
    headers?: Record<string, string>;
    method?: 'GET' | 'PUT' | 'POST';
    body?: string;
    /** A sequence each connection cycles through (paths relative to url), instead of one request. */
    requests?: autocannon.Request[];
    /** Collects every response's latency here too (to merge several runs into one class). */
    latencies?: number[];
    /**
     * The ramp: responses to requests sent in the first `settleMs` of the run count as requests (and errors) but
     * their latencies go to `rampLatencies` instead, since every connection opens and sends at the same instant then.
     */
    settleMs?: number;
    rampLatencies?: number[];
  },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const startedAt = Date.now();
  const statuses: Record<number, number> = {};
  let instance!: autocannon.Instance;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.duration,
        headers: options.headers,
        ...(options.method ? { method: options.method, body: options.body } : {}),
        ...(options.requests ? { requests: options.requests } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      tallyStatus(statuses, status);
      if (options.settleMs && Date.now() - responseTime - startedAt < options.settleMs) return void options.rampLatencies?.push(responseTime);
      latencies.push(responseTime);
      options.latencies?.push(responseTime);
    });
  });
  return {
    label,
    url,
    requests: result.requests.total,
    rps: result.requests.average,
    ...latencyFigures(latencies),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

export function printTable(title: string, rows: LoadResult[]): void {
  const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  console.log(`\n${title}`);
  console.log('| endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const which = Object.entries(r.statuses ?? {}).map(([status, n]) => `${status} × ${n}`);
    console.log(`| ${r.label} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.errors} | ${r.non2xx}${which.length ? ` (${which.join(', ')})` : ''} |`);
  }
}

import { Agent, request } from 'node:http';
import { latencyFigures, type LoadResult, tallied, tallyStatus } from './http.js';

/** Clients of one kind: the requests each cycles through, with their headers (a session cookie, a CSRF token). */
export interface ClientGroup {
  clients: number;
  headers?: Record<string, string>;
  requests: { method: 'GET' | 'PUT' | 'POST'; path: string; body?: string }[];
}

/**
 * Paced clients (a closed workload with think time, as k6 or Gatling model people): each client sends a request,
 * waits for the whole response, then pauses for a random time (exponentially distributed, mean `thinkMs`) before
 * its next one. The clients start at random moments within the first pause, so they do not march in step, and
 * together they arrive like independent people do (about clients / thinkMs requests per ms while the server keeps
 * up). A response slower than `timeoutMs` counts as an error, like autocannon's timeout.
 *
 * Latency is from writing the request to the end of the response body, on a kept-alive connection of the client's
 * own (one socket per client, as a browser tab would use).
 */
export async function runPacedClients(
  label: string,
  baseUrl: string,
  groups: ClientGroup[],
  options: { thinkMs: number; durationMs: number; timeoutMs?: number },
): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  let errors = 0;
  const statuses: Record<number, number> = {};
  let requests = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const pause = (mean: number) => new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * mean));

  const one = (agent: Agent, spec: ClientGroup, req: ClientGroup['requests'][number]) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      let done = false;
      const finish = (ok: boolean, status?: number) => {
        if (done) return;
        done = true;
        requests += 1;
        if (!ok) errors += 1;
        else {
          latencies.push(performance.now() - t0);
          tallyStatus(statuses, status);
        }
        resolve();
      };
      const r = request(
        { agent, host: url.hostname, port: url.port, method: req.method, path: req.path, headers: { ...spec.headers, ...(req.body ? { 'content-length': Buffer.byteLength(req.body) } : {}) } },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => finish(true, res.statusCode));
          res.on('error', () => finish(false));
        },
      );
      r.setTimeout(timeoutMs, () => {
        r.destroy();
        finish(false);
      });
      r.on('error', () => finish(false));
      r.end(req.body);
    });

  const client = async (spec: ClientGroup) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let n = Math.floor(Math.random() * spec.requests.length);
    await new Promise((r) => setTimeout(r, Math.random() * options.thinkMs));
    while (performance.now() < end) {
      await one(agent, spec, spec.requests[n++ % spec.requests.length]!);
      await pause(options.thinkMs);
    }
    agent.destroy();
  };
  await Promise.all(groups.flatMap((g) => Array.from({ length: g.clients }, () => client(g))));

  const seconds = (performance.now() - started) / 1000;
  return {
    label,
    url: baseUrl,
    requests,
    rps: requests / seconds,
    ...latencyFigures(latencies),
    errors,
    non2xx: tallied(statuses),
    statuses,
  };
}

import { parentPort, workerData } from 'node:worker_threads';
import { emptyCounters, mapBatches, serializeColumns } from './batches.js';
import { emptyStats, InputError } from './reader.js';

/**
 * The parse worker: reads, maps and serializes batches on its own core while the main thread talks to the
 * database. Input is pulled from the main thread a chunk at a time, and at most two batches are ahead of the
 * database, so memory stays constant. Protocol in importer.ts (`workerBatches`).
 */
export interface WorkerInit {
  batchSize: number;
  ministries: string[];
  orgForms?: string[] | undefined;
  sectors?: string[] | undefined;
}

const init = workerData as WorkerInit;
const port = parentPort!;
type Item = { done: true } | { done: false; value: Uint8Array };
const inbox: Item[] = [];
let waiting: ((item: Item) => void) | undefined;
let acks = 0;
let ackWaiter: (() => void) | undefined;

port.on('message', (m: { type: 'chunk'; data: ArrayBuffer } | { type: 'end' } | { type: 'ack' }) => {
  if (m.type === 'ack') {
    acks++;
    const w = ackWaiter;
    ackWaiter = undefined;
    w?.();
    return;
  }
  const item: Item = m.type === 'end' ? { done: true } : { done: false, value: new Uint8Array(m.data) };
  if (waiting) {
    const w = waiting;
    waiting = undefined;
    w(item);
  } else inbox.push(item);
});

async function* source(): AsyncGenerator<Uint8Array> {
  for (;;) {
    port.postMessage({ type: 'pull' });
    const item = inbox.shift() ?? (await new Promise<Item>((resolve) => (waiting = resolve)));
    if (item.done) return;
    yield item.value;
  }
}

const stats = emptyStats();
const counters = emptyCounters();
let sent = 0;
try {
  const options = {
    batchSize: init.batchSize,
    ministries: new Set(init.ministries),
    orgForms: init.orgForms ? new Set(init.orgForms) : undefined,
    sectors: init.sectors ? new Set(init.sectors) : undefined,
  };
  for await (const rows of mapBatches(source(), options, stats, counters)) {
    while (sent - acks >= 2) await new Promise<void>((resolve) => (ackWaiter = resolve));
    const positions = Int32Array.from(rows, (r) => r.position);
    port.postMessage({ type: 'batch', columns: serializeColumns(rows.map((r) => r.row)), positions, count: rows.length, counters, stats }, [positions.buffer]);
    sent++;
  }
  port.postMessage({ type: 'done', counters, stats });
} catch (e) {
  port.postMessage({ type: 'error', message: (e as Error).message, input: e instanceof InputError, code: (e as NodeJS.ErrnoException).code, counters, stats });
}

/**
 * A one-line progress display for command-line tools: redrawn in place on a terminal (stderr), silent when stderr
 * is not a terminal (pipes, CI logs, cron), so logs never fill with progress noise.
 */
export interface Progress {
  update(done: number, total: number | undefined, detail: string): void;
  finish(): void;
}

const BAR = 24;

export function createProgress(stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true): Progress {
  let last = 0;
  let drawn = false;
  return {
    update(done, total, detail) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const fraction = total ? Math.min(1, done / total) : undefined;
      const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * BAR)).padEnd(BAR, '.')}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
      const line = `${bar}${detail}`;
      const width = stream.columns || 100;
      stream.write(`\r${line.slice(0, width - 1).padEnd(Math.min(width - 1, line.length + 2))}`);
      drawn = true;
    },
    finish() {
      if (enabled && drawn) stream.write('\r\x1b[2K');
    },
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether a request wrote outside a transaction (PostgreSQL with the version feed). A committed transaction reads the
 * data versions in its COMMIT's round trip (src/db/pgTransaction.ts), so its writer's caches are current before it
 * goes on; a statement outside a transaction commits alone and is read after it only by src/server/versionSync.ts
 * before the answer. That read is needed only when such a statement wrote: tracking it here saves the read for the
 * requests whose writes were all in transactions (a PUT declaration, most commands) — a round trip on the feed's
 * one connection, which under load waits its turn behind the other writers' reads.
 */
export interface WriteTrack {
  /** A statement that may have written ran outside a transaction. */
  wroteOutside: boolean;
}

const tracks = new AsyncLocalStorage<WriteTrack>();

/** A statement is a read when it is a plain SELECT; anything else (WITH, INSERT, a call, SET…) counts as a write. */
const READ = /^\s*\(?\s*select\b/i;

/** Runs `next` (and everything it starts) with `track` as the current request's. */
export function withWriteTrack(track: WriteTrack, next: () => void): void {
  tracks.run(track, next);
}

/** Called for each statement sent outside a transaction. */
export function noteStatement(text: string): void {
  const track = tracks.getStore();
  if (track && !track.wroteOutside && !READ.test(text)) track.wroteOutside = true;
}

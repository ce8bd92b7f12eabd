import { beforeAll } from 'vitest';

/**
 * What the enclosing describe block's beforeAll builds for its tests (the people signed in, the ids of what it
 * made), as one object rather than a `let` for each value assigned inside the hook. Filled in by that hook, so read
 * it in hooks and tests, not while the block is being declared.
 */
export function useSetup<T extends object>(build: () => Promise<T>): T {
  const made = {} as T;
  beforeAll(async () => {
    Object.assign(made, await build());
  });
  return made;
}

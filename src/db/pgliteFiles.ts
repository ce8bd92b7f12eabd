import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** PGlite's WebAssembly, compiled, and its file-system bundle (share/, the extensions' files): what PGlite.create loads. */
export interface PgliteFiles {
  wasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

let loading: Promise<PgliteFiles> | undefined;

/**
 * Reads PGlite's two files now and starts compiling its WebAssembly (9 MB) on V8's background threads, once per
 * process (issue 16): `npm start` calls this first, so the compilation runs while the application's modules are
 * evaluated on the main thread, instead of after them. The files are the installed package's own, the ones
 * PGlite.create would read itself.
 */
export function loadPgliteFiles(): Promise<PgliteFiles> {
  if (!loading) {
    const dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    // Synchronous reads: the compilation has to start before this tick ends, not when the main thread is next free.
    const wasm = readFileSync(join(dir, 'pglite.wasm'));
    const fsBundle = new Blob([readFileSync(join(dir, 'pglite.data'))]);
    loading = WebAssembly.compile(wasm).then((wasmModule) => ({ wasmModule, fsBundle }));
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/**
 * Where to send the browser after sign-in: only somewhere on the portal itself (OWASP ASVS 5.1.5, unvalidated
 * redirects). The value is a path the portal gave the sign-in page (`?returnTo=/anskaffelser`), but it arrives
 * from the browser, so anything that could leave the origin is refused: absolute and scheme-relative URLs
 * (`https://evil`, `//evil`, `https:evil`, `javascript:`), backslashes (`/\evil`, which browsers read as `//`),
 * control characters (tabs and newlines are dropped by URL parsers, turning `/\t/evil` into `//evil`), and the same
 * hidden behind percent-encoding (`/%2f%2fevil`, `%5c`, `%09`). What is left is parsed against PUBLIC_URL and kept
 * only if it resolves to the portal's own origin; the path, query and fragment of that parse are returned.
 */
const MAX_LENGTH = 500;
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/;

/** The value decoded until it stops changing (at most 3 rounds), or undefined when it is not valid percent-encoding. */
function decodedForms(raw: string): string[] | undefined {
  const forms = [raw];
  let current = raw;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return forms;
    forms.push(next);
    current = next;
  }
  // Still changing after three rounds: nobody encodes a path that deep but an attacker.
  return undefined;
}

/** A same-origin path to return to, or undefined when `raw` could lead anywhere else. */
export function sameOriginPath(raw: unknown, publicUrl: string): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return undefined;
  const forms = decodedForms(raw);
  if (!forms) return undefined;
  for (const form of forms) {
    if (FORBIDDEN.test(form)) return undefined;
    if (!form.startsWith('/') || form.startsWith('//')) return undefined;
  }
  const base = new URL(publicUrl);
  let resolved: URL;
  try {
    resolved = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (resolved.origin !== base.origin) return undefined;
  const path = resolved.pathname + resolved.search + resolved.hash;
  // The normalised path must itself stay a path (e.g. `/./%2F/evil` must not become `//evil`).
  return path.startsWith('/') && !path.startsWith('//') ? path : undefined;
}

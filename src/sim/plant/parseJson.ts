import type { LoadResult } from './load';

// Plant files and scenario files both arrive as JSON text; reading the text is the same for both, so
// a syntax error reads the same whichever file it is in.

/** Parse JSON text and hand the value to `parse`; malformed JSON becomes a '(root)' field error. */
export function parseJsonText<T>(text: string, parse: (raw: unknown) => LoadResult<T>): LoadResult<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(root)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parse(raw);
}

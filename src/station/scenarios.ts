import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The scenario files a station offers, by their id and by their file name (validated when started). */
export function loadScenarios(dir: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json') || f.endsWith('.schema.json')) continue;
    try {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id?: unknown };
      out.set(basename(f, '.json'), raw);
      if (typeof raw.id === 'string') out.set(raw.id, raw);
    } catch {
      console.error(`station: skipping ${f}: not JSON`);
    }
  }
  return out;
}

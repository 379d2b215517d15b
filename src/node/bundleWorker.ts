import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// A worker thread's code bundled from its TypeScript entry, once per process and entry, so the same thread runs
// under tsx, vitest or a built station. The bundle lies inside node_modules so its package imports resolve from
// the project; it is named by its content, so processes running the same code share one file and a changed
// source never replaces the file a running thread was started from.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundles = new Map<string, Promise<string>>();

/** The path of the bundled ESM file for a worker entry (an absolute .ts path). */
export function bundleWorker(entry: string): Promise<string> {
  let p = bundles.get(entry);
  if (p) return p;
  const name = basename(entry).replace(/\.ts$/, '');
  p = build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    outfile: `${name}.mjs`,
    logLevel: 'warning',
  }).then((r) => {
    const code = r.outputFiles[0].contents;
    const dir = join(root, 'node_modules', '.cache', 'tanktwin-station');
    const out = join(dir, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(out)) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, out);
    }
    return out;
  });
  bundles.set(entry, p);
  return p;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasEnglish, scanSource } from './literalScan';

// No English a trainee reads is written into the interface's code: every JSX text, every aria-label, title,
// placeholder, alt and label, every chart label and canvas text goes through the dictionaries (t('key')).
// The scan parses the sources with the TypeScript compiler, so a literal inside {cond ? 'a' : 'b'} or a
// template is found as well as plain JSX text; a failure names file:line and the text.

const ROOT = join(__dirname, '../../..');
/** Folders whose .ts files build text for the screen (chart options, canvas screens, panel rows). */
const UI_TS = /^src\/(ui|xr|scene|live|session|app|console|energy|pwa)\//;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function sources(): string[] {
  return walk(join(ROOT, 'src'))
    .map((f) => relative(ROOT, f).split('\\').join('/'))
    .filter((f) => f.endsWith('.tsx') || (f.endsWith('.ts') && !f.endsWith('.d.ts') && UI_TS.test(f)));
}

describe('no bare English in the interface', () => {
  it('every .tsx (and every .ts that builds screen text) passes the scan', () => {
    const files = sources();
    expect(files.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(60);
    const found = files.flatMap((f) => scanSource(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found.map((x) => `${x.file}:${x.line} [${x.where}] ${x.text}`)).toEqual([]);
  });

  it('catches a literal planted in JSX text, in a label prop, in a conditional and in a chart label', () => {
    const planted = [
      "import { useT } from '../state/ui';",
      'export function Panel({ busy }: { busy: boolean }) {',
      '  const t = useT();',
      '  const opts = { series: [{ label: "plant time" }] };',
      '  return (',
      '    <section aria-label="Alarm list">',
      '      <h3>{t("alarms")}</h3>',
      '      <button title={busy ? "Working" : t("run")}>Start the pump</button>',
      '      <input placeholder={`Search ${opts.series.length} tags`} />',
      '      <img alt="Tank farm" />',
      '      TK-101 °C {"%"} MPC',
      '    </section>',
      '  );',
      '}',
    ].join('\n');
    const found = scanSource('src/ui/Planted.tsx', planted);
    expect(found.map((f) => `${f.line} ${f.where} ${f.text}`)).toEqual([
      '4 label plant time',
      '6 aria-label Alarm list',
      '8 title Working',
      '8 text Start the pump',
      '9 placeholder Search tags',
      '10 alt Tank farm',
    ]);
  });

  it('catches canvas text drawn from a literal, and passes tags, units, keys and acronyms', () => {
    const found = scanSource(
      'src/scene/Screen.ts',
      'export const draw = (c: CanvasRenderingContext2D) => c.fillText("Alarm list", 0, 0);',
    );
    expect(found).toHaveLength(1);
    expect(found[0].where).toBe('fillText');
    for (const ok of ['TK-101', '°C', 'm³/h', 'kg/s', 'MPC', 'H2S 10 ppm', 'xAPI', '{tag}', '—', '×', 'kW'])
      expect(hasEnglish(ok), ok).toBe(false);
    for (const bad of ['Close', 'open', 'Ack', 'No alarms', 'TK-101 high level'])
      expect(hasEnglish(bad), bad).toBe(true);
  });
});

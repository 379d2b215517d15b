import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLLERS, KEYBOARD, MOUSE, keyLabel, keyLabels } from '../../../src/ui/tour/bindings';
import { dictionaries } from '../../../src/i18n/strings';

const ALL = [...KEYBOARD, ...MOUSE, ...CONTROLLERS];
const src = (f: string) => readFileSync(f, 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('help panel bindings', () => {
  it('lists only keys the code handles, in the file named', () => {
    for (const b of KEYBOARD) {
      const text = src(b.source);
      if (!b.browser) for (const c of b.codes ?? []) expect(text, `${b.id}: ${c} in ${b.source}`).toContain(`'${c}'`);
      for (const e of b.evidence) expect(text, `${b.id}: ${e} in ${b.source}`).toContain(e);
    }
  });

  it('lists only mouse and controller actions the code has', () => {
    for (const b of [...MOUSE, ...CONTROLLERS]) {
      expect(b.evidence.length, b.id).toBeGreaterThan(0);
      const text = src(b.source);
      for (const e of b.evidence) expect(text, `${b.id}: ${e} in ${b.source}`).toContain(e);
    }
  });

  it("lists every key the scene's and XR's handlers read", () => {
    const listed = new Set(KEYBOARD.flatMap((b) => b.codes ?? []));
    const read = new Set<string>();
    for (const f of [...files('src/scene'), ...files('src/xr')])
      for (const m of src(f).matchAll(/(?:\.code === |keys\.has\()'(\w+)'/g)) read.add(m[1]);
    expect(read.size).toBeGreaterThan(5);
    for (const c of read) expect(listed, c).toContain(c);
  });

  it('has an action and an input in both languages for every row', () => {
    for (const b of ALL) {
      expect(b.codes ?? b.input, b.id).toBeTruthy();
      for (const lang of ['en', 'th'] as const) {
        expect(dictionaries[lang][b.action], `${lang} ${b.action}`).toBeTruthy();
        if (b.input) expect(dictionaries[lang][b.input], `${lang} ${b.input}`).toBeTruthy();
      }
    }
  });

  it('prints keys as they are printed on the keyboard', () => {
    expect(keyLabel('KeyW')).toBe('W');
    expect(keyLabel('ArrowLeft')).toBe('←');
    expect(keyLabel('Escape')).toBe('Esc');
    expect(keyLabel('Enter')).toBe('Enter');
    expect(keyLabels(['ShiftLeft', 'ShiftRight'])).toEqual(['Shift']);
    expect(keyLabels(['KeyW', 'ArrowUp'])).toEqual(['W', '↑']);
  });
});

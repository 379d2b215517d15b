import { describe, expect, it } from 'vitest';
import { captionText, deriveCaptions, type CueSource } from '../../../src/state/captions';
import { dictionaries } from '../../../src/i18n/strings';

const SOURCES: CueSource[] = [
  { kind: 'horn', name: 'alarm-horn' },
  { kind: 'roar', name: 'H-201-roar' },
  { kind: 'hum', name: 'P-201-hum' },
  { kind: 'hum', name: 'P-202-hum' },
  { kind: 'hum', name: 'P-301-hum' },
  { kind: 'hum', name: 'P-301-hum' }, // two loading arms on one pump: one tag in the caption
  { kind: 'hiss', name: 'TK-101-hiss' },
  { kind: 'hiss', name: 'TK-104-hiss' },
];
const on = (...names: string[]) => SOURCES.map((s) => names.includes(s.name));

describe('sound captions from the cues that sound', () => {
  it('none while nothing sounds', () => {
    expect(deriveCaptions(SOURCES, on())).toEqual([]);
  });

  it('one caption a kind: the horn first, then hiss, roar and hum, each with its equipment in plant order', () => {
    const c = deriveCaptions(
      SOURCES,
      on('P-202-hum', 'TK-104-hiss', 'H-201-roar', 'alarm-horn', 'P-201-hum', 'P-301-hum'),
    );
    expect(c).toEqual([
      { kind: 'horn', tags: [] },
      { kind: 'hiss', tags: ['TK-104'] },
      { kind: 'roar', tags: ['H-201'] },
      { kind: 'hum', tags: ['P-201', 'P-202', 'P-301'] },
    ]);
  });

  it('a pump that stops leaves the caption; the last one takes the hum caption with it', () => {
    expect(deriveCaptions(SOURCES, on('P-201-hum'))).toEqual([{ kind: 'hum', tags: ['P-201'] }]);
    expect(deriveCaptions(SOURCES, on('TK-101-hiss'))).toEqual([{ kind: 'hiss', tags: ['TK-101'] }]);
  });

  it('reads in English and in Thai', () => {
    const [horn, hum] = deriveCaptions(SOURCES, on('alarm-horn', 'P-201-hum', 'P-202-hum'));
    expect(captionText(horn, (k) => dictionaries.en[k])).toBe('Alarm horn sounding');
    expect(captionText(hum, (k) => dictionaries.en[k])).toBe('Pump hum: P-201, P-202');
    const th = captionText(hum, (k) => dictionaries.th[k]);
    expect(th).toMatch(/[\u0E00-\u0E7F]/);
    expect(th).toContain('P-201, P-202');
    expect(th).not.toContain('{tags}');
  });
});

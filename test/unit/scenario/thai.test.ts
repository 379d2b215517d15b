import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { defaultPlant } from '../../../src/sim/plant/default';
import { Simulation } from '../../../src/sim/simulation';
import { parseScenario } from '../../../src/scenario/load';
import { textIn } from '../../../src/scenario/schema';
import { scenarioFromLog } from '../../../src/session/recordScenario';
import type { LogEntry } from '../../../src/protocol/session';

// Every text a trainee reads in a scenario has Thai beside its English. The walk is generic (any object
// with a string `en` is a LocalText) so a text added to the format later is covered without naming it here.

const THAI = /[\u0E00-\u0E7F]/;
// Tags (TK-104, H-201, XV-107R, TT-109B), acronyms the plant shows as they are (H2S, PSV, MPC, LAH) and
// numbers must reach the Thai unchanged: an operator matches them against the HMI.
const TAG = /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b|\b[A-Z][A-Z0-9]{1,}\b/g;
const NUMBER = /\d+(?:[.,]\d+)?/g;
// A text made only of tags, numbers, units and punctuation reads the same in Thai.
const UNTRANSLATABLE = /^(?:[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)*|\d+(?:[.,]\d+)?|°C|K|%|m³|kg|ppm|kW|[\s.,:;/()+\-–…≥≤])+$/;

/** The tags and the numbers of a text (a number inside a tag is part of the tag). */
function terms(s: string): Set<string> {
  return new Set([...(s.match(TAG) ?? []), ...(s.replace(TAG, ' ').match(NUMBER) ?? [])]);
}

interface Untranslated {
  path: string;
  why: string;
}

/** The LocalTexts under `v` whose Thai is missing, empty, a copy of the English, not Thai, or drops a tag. */
function untranslated(v: unknown, path = '$'): Untranslated[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => untranslated(x, `${path}[${i}]`));
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  const out: Untranslated[] = [];
  if (typeof o.en === 'string') {
    const en = o.en;
    const th = o.th;
    if (typeof th !== 'string') out.push({ path, why: 'no th' });
    else if (th.trim() === '') out.push({ path, why: 'empty th' });
    else if (!UNTRANSLATABLE.test(en)) {
      if (th === en) out.push({ path, why: 'th is the English' });
      else if (!THAI.test(th)) out.push({ path, why: 'th has no Thai' });
    }
    if (typeof th === 'string' && th.trim() !== '') {
      const thTerms = terms(th);
      const lost = [...terms(en)].filter((x) => !thTerms.has(x));
      if (lost.length) out.push({ path, why: `th drops ${lost.join(', ')}` });
    }
  }
  for (const [k, x] of Object.entries(o)) out.push(...untranslated(x, `${path}.${k}`));
  return out;
}

const files = readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');
const load = (f: string) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as Record<string, unknown>;

describe('scenarios in Thai', () => {
  it('finds the shipped scenario files', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const f of files) {
    it(`${f}: every text has Thai and the scenario offers Thai`, () => {
      const s = load(f);
      expect(untranslated(s).map((u) => `${f} ${u.path}: ${u.why}`)).toEqual([]);
      expect(s.languages).toContain('th');
    });
  }

  it('a Thai scenario loads and reads in Thai', () => {
    const plant = defaultPlant();
    const sim = new Simulation(plant);
    const r = parseScenario(load('h2s-hatch.json'), sim.model, new Set(sim.tagIndex.keys()));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(textIn(r.value.title, 'th')).toBe('ก๊าซ H2S ที่ฝาถังระหว่างวัดระดับ');
    for (const t of [r.value.briefing, ...r.value.procedure.flatMap((p) => [p.text, p.right])]) {
      expect(textIn(t, 'th')).toMatch(THAI);
      expect(textIn(t, 'en')).not.toMatch(THAI);
    }
  });

  it('fails on a planted scenario, naming each untranslated text by its path', () => {
    const s = structuredClone(load('h2s-hatch.json')) as {
      title: { en: string; th?: string };
      summary: { en: string; th?: string };
      briefing: { en: string; th?: string };
      hints: { text: { en: string; th?: string } }[];
      procedure: { right: { en: string; th?: string } }[];
      timeline: unknown[];
    };
    delete s.procedure[1].right.th;
    s.hints[0].text.th = s.hints[0].text.en;
    s.title.th = ' ';
    s.summary.th = 'Hand-dipping TK-104';
    s.briefing.th = 'คุณอยู่บนหลังคาถัง';
    s.timeline.push({ id: 'later', at_s: 60, do: [{ message: { en: 'Gas cleared at 0 ppm.' } }] });
    expect(untranslated(s)).toEqual([
      { path: '$.timeline[1].do[0].message', why: 'no th' },
      { path: '$.hints[0].text', why: 'th is the English' },
      { path: '$.title', why: 'empty th' },
      { path: '$.summary', why: 'th has no Thai' },
      { path: '$.summary', why: 'th drops 5, 10' },
      { path: '$.briefing', why: 'th drops TK-104' },
      { path: '$.procedure[1].right', why: 'no th' },
    ]);
  });

  it('lets a text of tags and numbers alone read the same', () => {
    expect(untranslated({ en: 'TK-104 / H-201', th: 'TK-104 / H-201' })).toEqual([]);
    expect(untranslated({ en: '22 000 kg', th: '22 000 kg' })).toEqual([]);
    expect(untranslated({ en: 'Open XV-101', th: 'Open XV-101' })).toEqual([{ path: '$', why: 'th is the English' }]);
  });
});

describe('a scenario recorded from a session', () => {
  const instructor = { pid: 'p1', name: 'Anan', role: 'instructor' as const };
  const trainee = { pid: 'p2', name: 'Somchai', role: 'trainee' as const };
  const entry = (seq: number, t_s: number, by: LogEntry['by'], action: unknown): LogEntry => ({
    seq,
    wall: '2026-01-01T00:00:00Z',
    t_s,
    by,
    action,
    ok: true,
  });

  it('writes its own texts in Thai; the instructor’s words stay as typed', () => {
    const s = scenarioFromLog(
      [
        entry(1, 100, instructor, { kind: 'fault', op: 'inject', fault: { kind: 'pumpTrip', pump: 'P-301' } }),
        entry(2, 110, instructor, { kind: 'message', to: 'all', text: 'Check the pump' }),
        entry(3, 150, trainee, { kind: 'command', command: { type: 'setValve', tag: 'XV-101', opening: 1 } }),
        entry(4, 160, trainee, { kind: 'command', command: { type: 'setPump', tag: 'P-301', run: true } }),
      ],
      'Night shift drill',
    );
    expect(s.languages).toContain('th');
    // the session's name and the instructor's message are the instructor's own words, in whatever language
    expect(s.title).toEqual({ en: 'Night shift drill' });
    expect(s.timeline?.[1].do).toEqual([{ message: { en: 'Check the pump' } }]);
    const verbatim = ['$.title', '$.timeline[1].do[0].message'];
    expect(untranslated(s).filter((u) => !verbatim.includes(u.path))).toEqual([]);
    expect(s.procedure[0].text.th).toMatch(/XV-101/);
    expect(s.procedure[0].text.th).toMatch(THAI);
  });

  it('with no trainee commands still gives its report step in Thai', () => {
    const s = scenarioFromLog([entry(1, 5, instructor, { kind: 'clock', op: 'run' })], 'Drill');
    expect(untranslated(s).filter((u) => u.path !== '$.title')).toEqual([]);
  });
});

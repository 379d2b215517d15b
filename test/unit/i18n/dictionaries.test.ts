import { describe, expect, it } from 'vitest';
import { en, th } from '../../../src/i18n/strings';
import { alarmText } from '../../../src/i18n/alarmTexts';
import { equipmentName } from '../../../src/i18n/equipmentNames';
import { buildEquipment } from '../../../src/plantView/equipmentCatalog';
import { untranslated } from './literalScan';
import { sim } from '../helpers';
import { LINK_ALARM_ID, liveAlarmDefs } from '../../../src/live/liveAlarms';

// Every dictionary in src/i18n speaks both languages: the same keys in English and Thai, none empty, and the
// Thai really Thai (not the English copied over). Tags, units, acronyms and key names stay in Latin letters.

/** Keys whose Thai is meant to be Latin: the language switch names the other language in its own words. */
const LATIN_KEYS = new Set(['language']);

const modules = import.meta.glob<Record<string, unknown>>('../../../src/i18n/*.ts', { eager: true });

/** Every English/Thai pair the i18n modules export: fooEn with fooTh, and the page's en with th. */
function pairs(): { name: string; en: Record<string, string>; th: Record<string, string> }[] {
  const out = [];
  for (const [file, mod] of Object.entries(modules))
    for (const [name, value] of Object.entries(mod)) {
      if (!name.endsWith('En') || typeof value !== 'object' || value === null) continue;
      const thai = mod[`${name.slice(0, -2)}Th`];
      out.push({
        name: `${file.split('/').pop()}:${name}`,
        en: value as Record<string, string>,
        th: thai as Record<string, string>,
      });
    }
  out.push({ name: 'strings.ts:en', en: en as Record<string, string>, th: th as Record<string, string> });
  return out;
}

describe('i18n dictionaries', () => {
  const all = pairs();

  it('finds the dictionaries (the glob reaches src/i18n)', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  it.each(all.map((p) => [p.name, p] as const))('%s: same keys in English and Thai', (_n, p) => {
    expect(p.th, `${p.name} has no Thai twin`).toBeTypeOf('object');
    expect(Object.keys(p.th).sort()).toEqual(Object.keys(p.en).sort());
  });

  it.each(all.map((p) => [p.name, p] as const))('%s: every Thai text is a translation', (_n, p) => {
    const bad = Object.keys(p.en)
      .filter((k) => !LATIN_KEYS.has(k))
      .map((k) => [k, untranslated(p.en[k], p.th[k])] as const)
      .filter(([, why]) => why)
      .map(([k, why]) => `${k}: ${why} (${JSON.stringify(p.th[k])})`);
    expect(bad).toEqual([]);
  });

  it('catches a Thai text copied from the English, an empty one and one left half in English', () => {
    expect(untranslated('Start the burner', 'Start the burner')).toBe('no Thai letters');
    expect(untranslated('Start the burner', ' ')).toBe('empty');
    expect(untranslated('Start the burner', 'เริ่ม the burner')).toBe('English words left');
    expect(untranslated('TK-101 °C', 'TK-101 °C')).toBeNull();
    expect(untranslated('Press Esc to leave', 'กด Esc เพื่อออก')).toBeNull();
  });

  it('every alarm of the plant has its Thai text', () => {
    const s = sim();
    const missing = s.model.alarms
      .filter((a) => untranslated(a.message, alarmText(a, s.model.plant, 'th')) !== null)
      .map((a) => `${a.id}: ${a.message}`);
    expect(s.model.alarms.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
    // English stays the sim's own message.
    for (const a of s.model.alarms.slice(0, 20)) expect(alarmText(a, s.model.plant, 'en')).toBe(a.message);
  });

  it('live mode’s own alarms (link lost, a measurement not good) have their Thai text', () => {
    const s = sim();
    const names = s.tags.map((t) => t.name);
    const live = liveAlarmDefs(s.model.alarms, { indexOf: (tag: string) => names.indexOf(tag) });
    expect(live.some((a) => a.id === LINK_ALARM_ID)).toBe(true);
    expect(live.some((a) => a.kind === 'bad')).toBe(true);
    const missing = live
      .filter((a) => untranslated(a.message, alarmText(a, s.model.plant, 'th')) !== null)
      .map((a) => `${a.id}: ${a.message}`);
    expect(missing).toEqual([]);
  });

  it('every piece of equipment has its Thai name', () => {
    const plant = sim().model.plant;
    const equipment = buildEquipment(plant);
    const missing = equipment
      .filter((e) => untranslated(e.name, equipmentName(e, plant, 'th')) !== null)
      .map((e) => `${e.tag} (${e.kind}): ${e.name}`);
    expect(missing).toEqual([]);
    const kinds = new Set(equipment.map((e) => e.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(8);
  });
});

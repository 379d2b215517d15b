import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/historian/sqlite';
import { VirtualPlant } from '../../../src/virtualPlant/plant';
import { calibrate, type CalibrationResult } from '../../../src/calibrate/calibrate';
import { readRecording, remap, type Recording } from '../../../src/calibrate/recording';
import { calibratedMapping } from '../../../src/calibrate/params';
import { GOAL, validate, type TagScore } from '../../../src/calibrate/validate';
import { parsePlant } from '../../../src/sim/plant/load';
import { tempDir } from '../station/harness';
import { HIDDEN_TANKS, HOUR_MS, T0_MS, hidden, nominalPlant, record, testMapping, truePlant } from './scenario';

// The §2 goal on the virtual plant: calibrate over a day of historian data (written by the virtual plant with
// its hidden fouling, lagging damage, heater efficiency and instrument biases and noise), then score the
// calibrated model over the NEXT day, against the uncalibrated one. TK-110 (the slop tank) takes the
// transfers through a line the shadow has no meter on, so it is left out of the fit and the score.

const CAL_H = 24;
const VAL_H = 24;
const FIT_TANKS = ['TK-101', 'TK-102', 'TK-103', 'TK-104', 'TK-105', 'TK-106', 'TK-107', 'TK-108', 'TK-109'];
/**
 * A series that moves less than this has no correlation worth the name: with 0.05 K of noise a temperature
 * must spread over 8σ = 0.4 K (sd) before noise alone lets the correlation exceed 0.99.
 */
const MOVES = { temp_K: 0.4, level_m: 0.1 };

const tmp = tempDir('tanktwin-calibrate-');
const mapping = testMapping();
const real = truePlant();
const hid = hidden(real, mapping);
let res: CalibrationResult;
let next: Recording;
let before: TagScore[];
let after: TagScore[];
let moving: Set<string>;

beforeAll(async () => {
  const vp = new VirtualPlant({ plant: real, mapping, hidden: hid, seed: 3, dt_s: 5, start_ms: T0_MS });
  const store = SqliteStore.open(join(tmp.dir, 'history.sqlite'));
  await record(store, vp, CAL_H + VAL_H, 5);
  const tags = mapping.tags.map((t) => t.tag);
  const cal = await readRecording(store, mapping.plant, tags, T0_MS, T0_MS + CAL_H * HOUR_MS);
  next = await readRecording(store, mapping.plant, tags, T0_MS + CAL_H * HOUR_MS, T0_MS + (CAL_H + VAL_H) * HOUR_MS);
  await store.close();
  res = calibrate(cal, { plant: nominalPlant(), mapping, tanks: FIT_TANKS });
  const judged = res.tanks.flatMap((t) => Object.keys(t.rms));
  before = validate(next, { plant: nominalPlant(), tags: judged });
  after = validate(remap(next, mapping, calibratedMapping(mapping, res.offsets)), { plant: res.plant, tags: judged });
  moving = new Set(judged.filter((t) => spread(next, t) > (t.endsWith('.level') ? MOVES.level_m : MOVES.temp_K)));
}, 600_000);
afterAll(() => tmp.remove());

/** Standard deviation of a tag's samples in a recording. */
function spread(r: Recording, tag: string): number {
  const k = r.tags.indexOf(tag);
  const xs: number[] = [];
  for (let j = 0; j < r.tag.length; j++) if (r.tag[j] === k) xs.push(r.v[j]);
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
}

const limit = (tag: string) => (tag.endsWith('.level') ? GOAL.rmsLevel_m : GOAL.rmsTemp_K);

describe('calibration on the virtual plant (24 h fit, next 24 h scored)', () => {
  it('after calibration every tank temperature and level meets the RMS goal, and every moving one the correlation goal', () => {
    expect(after.length).toBeGreaterThanOrEqual(FIT_TANKS.length * 3);
    for (const s of after) expect(s.rms, s.tag).toBeLessThan(limit(s.tag));
    const moved = after.filter((s) => moving.has(s.tag));
    // enough of each kind moves for the correlation to be tested at all
    expect(moved.filter((s) => s.tag.endsWith('.level')).length).toBeGreaterThanOrEqual(2);
    expect(moved.filter((s) => !s.tag.endsWith('.level')).length).toBeGreaterThanOrEqual(6);
    for (const s of moved) expect(s.corr, s.tag).toBeGreaterThan(GOAL.corr);
  });

  it('the uncalibrated model misses the goal on the damaged tanks (so the check above can fail)', () => {
    const miss = before.filter((s) => !(s.rms < limit(s.tag)) || (moving.has(s.tag) && !(s.corr > GOAL.corr)));
    const tanks = new Set(miss.map((s) => s.tag.slice(0, 6)));
    for (const t of ['TK-101', 'TK-102', 'TK-105']) expect(tanks.has(t), t).toBe(true);
    const worst = Math.max(...before.filter((s) => !s.tag.endsWith('.level')).map((s) => s.rms));
    expect(worst).toBeGreaterThan(1);
  });

  it('95 % intervals hold the hidden values: insulation and coil factors of clean coils, the heater, the offsets', () => {
    const est = new Map(res.estimates.map((e) => [e.name, e]));
    const inside = (name: string, truth: number) => {
      const e = est.get(name)!;
      return truth >= e.lo95 && truth <= e.hi95;
    };
    const phys: boolean[] = [];
    for (const t of FIT_TANKS) {
      const h = HIDDEN_TANKS[t];
      if (h?.fouling_m2K_W) continue; // a fouled coil has no single true factor: below
      const tank = real.tanks.find((x) => x.tag === t)!;
      phys.push(inside(`${t}.heatTransferFactor`, tank.coil.heatTransferFactor ?? 1));
      phys.push(inside(`${t}.insulation_k_W_mK`, tank.insulation.k_W_mK * (h?.insulationFactor ?? 1)));
    }
    phys.push(inside('H-201.efficiency', real.hotOil.heater.efficiency));
    expect(phys.filter(Boolean).length / phys.length).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(est.get('H-201.efficiency')!.value - 0.8)).toBeLessThan(0.002);
    expect(inside('H-201.efficiency', 0.85)).toBe(false);
    expect(inside('TK-103.heatTransferFactor', 0.75) && !inside('TK-103.heatTransferFactor', 1)).toBe(true);
    expect(inside('TK-105.insulation_k_W_mK', 0.15) && !inside('TK-105.insulation_k_W_mK', 0.05)).toBe(true);
    // fouling shows as a coil that transfers less than the design correlation says, without doubt
    for (const t of ['TK-101', 'TK-104']) expect(est.get(`${t}.heatTransferFactor`)!.hi95, t).toBeLessThan(0.95);
    const offsets = res.estimates.filter(
      (e) => !e.name.includes('_k_') && !e.name.endsWith('Factor') && !e.name.startsWith('H-'),
    );
    const inOff = offsets.filter((e) => inside(e.name, hid.sensors[e.name].bias)).length;
    // an offset common to a tank's start instruments is seen only through the tank's losses, and there the
    // model's remaining error shows: most, not all, offsets' intervals hold the truth (measured: 31 of 40)
    expect(inOff / offsets.length).toBeGreaterThanOrEqual(0.7);
  });

  it('writes a plant file the plant loader takes unchanged, and a mapping with the offsets in its scaling', () => {
    const r = parsePlant(JSON.parse(JSON.stringify(res.plant)));
    expect(r.ok).toBe(true);
    expect(res.plant.tanks[0].insulation.k_W_mK).toBeGreaterThan(0.1);
    const m = calibratedMapping(mapping, res.offsets);
    const hh = m.tags.find((t) => t.tag === 'TK-102.temp_hh')!;
    expect(hh.scale).toEqual({ gain: 1, offset: -Math.round(res.offsets.get('TK-102.temp_hh')! * 1e6) / 1e6 });
  });
});

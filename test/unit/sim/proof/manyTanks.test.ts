import { describe, expect, it } from 'vitest';
import { plantCopy } from '../../helpers';
import type { PlantData } from '../../../../src/sim/plant/schema';
import { loadPlantOrThrow } from '../../../../src/sim/plant/load';
import { Simulation } from '../../../../src/sim/simulation';

// The plant has no fixed upper size: the step's working arrays are sized from it. A terminal of 70 tanks
// (the default's ten, and sixty clones of TK-101 on a grid beyond them, each with its own tags) loads and runs.

const EXTRA = 60;

/** TK-101 and its valves cloned as TK-5nn (every tag of the tank renumbered), at grid positions east of the site. */
function bigPlant(): PlantData {
  const p = plantCopy();
  const tank = JSON.stringify(p.tanks[0]);
  const valves = JSON.stringify(p.valves.filter((v) => v.tank === 'TK-101'));
  for (let k = 0; k < EXTRA; k++) {
    const n = String(501 + k);
    const t = JSON.parse(tank.replaceAll('101', n)) as PlantData['tanks'][number];
    t.position = { x: 260 + 25 * (k % 10), z: 15 + 25 * Math.floor(k / 10) };
    t.initial.level_m = 2 + (k % 9); // every tank a little different, all above the heating cut-out
    p.tanks.push(t);
    p.valves.push(...(JSON.parse(valves.replaceAll('101', n)) as PlantData['valves']));
  }
  return loadPlantOrThrow(p);
}

describe('a plant of more than 64 tanks', () => {
  it('loads, sizes its working arrays from the plant and runs an hour at dt 10 with every tag finite', () => {
    const s = new Simulation(bigPlant(), { dt_s: 10 });
    expect(s.model.tanks).toHaveLength(70);
    expect(s.model.scratch.out_kg.length).toBeGreaterThanOrEqual(70);
    s.command({ type: 'startReceipt', tank: 'TK-560', flow_kg_s: 20, temp_C: 170 });
    const level0 = s.read('TK-560.level_true');
    const mass0 = s.read('TK-101.mass');
    s.step(360);
    for (const t of s.tags) expect(Number.isFinite(t.read(s.state)), t.name).toBe(true);
    // the last tank receives, the first one is untouched, and the clones heat like the original
    expect(s.read('TK-560.level_true')).toBeGreaterThan(level0 + 0.1);
    expect(s.read('TK-101.mass')).toBe(mass0);
    expect(s.read('TK-560.receipt_flow')).toBeCloseTo(20, 6);
    expect(s.read('TK-559.coil_flow')).toBeGreaterThan(0);
  });
});

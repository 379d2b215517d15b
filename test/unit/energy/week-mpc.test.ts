import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { plantCopy } from '../helpers';
import { Simulation } from '../../../src/sim/simulation';
import { parseWeek } from '../../../src/energy/weekFile';
import { runWeek, type WeekResult } from '../../../src/energy/week';
import { tankBand } from '../../../src/energy/kpi';
import { weekPlanner } from '../../../src/energy/weekPlanner';

// The standard week with the farm on MPC following the heating plan: every truck in spec, the constraints held
// at every step (each tank's PV inside its band, so at most its product's maximum), and the farm on MPC nearly
// all week. (The heater's duty cannot exceed its capacity in the plant, which limits firing: not asserted here.)

const plant = plantCopy();
const wr = parseWeek(JSON.parse(readFileSync('models/weeks/standard-week.json', 'utf8')), plant);
if (!wr.ok) throw new Error(JSON.stringify(wr.errors));
const week = wr.value;
const probe = new Simulation(plant, { dt_s: 10 });
const bandMin = probe.model.tanks.map((_, i) => tankBand(probe.model, i).min_C);
const bandMax = probe.model.tanks.map((_, i) => tankBand(probe.model, i).max_C);
describe('standard week on MPC with the heating plan', () => {
  let r: WeekResult;
  const worst = { below_K: 0, above_K: 0 };

  it('holds every tank inside its band at every step', () => {
    r = runWeek({
      plant,
      week,
      strategy: 'mpc',
      planner: weekPlanner,
      onStep: (sim) => {
        const s = sim.state;
        for (let i = 0; i < s.tanks.length; i++) {
          const pv = s.instruments[sim.model.tanks[i].insTemp].value;
          worst.below_K = Math.max(worst.below_K, bandMin[i] - pv);
          worst.above_K = Math.max(worst.above_K, pv - bandMax[i]);
        }
      },
    });
    expect(worst).toEqual({ below_K: 0, above_K: 0 });
    expect(r.kpi.outsideMax_h).toBe(0);
    expect(r.plans).toBe(7);
  }, 300_000); // the MPC decides every 300 s of plant time: a week is ~2000 farm decisions

  it('loads every truck in spec', () => {
    expect(r.kpi.trucks).toBe(74);
    expect(r.loadings.filter((l) => l.status !== 'ok').map((l) => l.warning)).toEqual([]);
    expect(r.kpi.misses).toBe(0);
  });

  it('keeps the farm on MPC', () => {
    expect(r.kpi.mpcShare_frac).toBeGreaterThan(0.95);
  });
});

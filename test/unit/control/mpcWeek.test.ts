import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPlant } from '../../../src/sim/plant/default';
import { runWeek } from '../../../src/energy/week';
import { weekPlanner } from '../../../src/energy/weekPlanner';
import { parseWeek } from '../../../src/energy/weekFile';
import { maxTemp_C } from '../../../src/sim/control/mpc/limits';
import { SUPPLY_RANGE_K } from '../../../src/sim/control/mpc/farm';

// The farm on MPC through the standard week's first three days (models/weeks/standard-week.json: weekday
// loadings from TK-101/102/104/108, the heating plan made each day, the week's weather as the forecast):
// every step, every constraint the MPC is given holds, and every truck gets its temperature.

describe('the farm MPC on the standard week', () => {
  it('holds its constraints in every step of three days, with no fallback and no loading missed', () => {
    const plant = defaultPlant();
    const raw = JSON.parse(readFileSync(join(import.meta.dirname, '../../../models/weeks/standard-week.json'), 'utf8'));
    const parsed = parseWeek(raw, plant);
    if (!parsed.ok) throw new Error('standard week does not parse');
    const week = { ...parsed.value, duration_h: 72 };
    const lowFlow = plant.hotOil.heater.lowFlowTrip_kg_s;
    const broken: string[] = [];
    const fail = (t: number, what: string) => broken.length < 10 && broken.push(`${(t / 3600).toFixed(2)} h: ${what}`);
    let prevValve: number[] | null = null;
    let prevSupply = Number.NaN;
    let steps = 0;
    const res = runWeek({
      plant,
      week,
      strategy: 'mpc',
      planner: weekPlanner,
      onStep: (sim, t) => {
        const s = sim.state;
        const m = sim.model;
        steps++;
        s.tanks.forEach((tank, i) => {
          if (tank.pid.mode !== 'mpc') fail(t, `${m.tanks[i].tag} left MPC (${s.mpc?.tanks[i].reason})`);
          const pv = s.instruments[m.tanks[i].insTemp].value;
          if (pv > maxTemp_C(m, i)) fail(t, `${m.tanks[i].tag} at ${pv.toFixed(2)} °C above its maximum`);
          if (tank.valveTarget_frac < 0 || tank.valveTarget_frac > 1) fail(t, `${m.tanks[i].tag} valve out of 0..1`);
          if (prevValve && Math.abs(tank.valveTarget_frac - prevValve[i]) > 0.1 + 1e-9)
            fail(t, `${m.tanks[i].tag} valve moved faster than its ramp`);
        });
        prevValve = s.tanks.map((x) => x.valveTarget_frac);
        const mpc = s.mpc!;
        if (mpc.supplyInUse) {
          const sp = s.hotOil.setpoint_C;
          if (mpc.supply_C > sp + 1e-9 || mpc.supply_C < sp - SUPPLY_RANGE_K - 1e-9) fail(t, 'supply out of range');
          if (Math.abs(mpc.supply_C - prevSupply) > 5 + 1e-9) fail(t, 'supply set point moved faster than 5 K');
          prevSupply = mpc.supply_C;
        }
        if (t > 3600 && s.hotOil.flow_kg_s < 1.25 * lowFlow) fail(t, `heater flow ${s.hotOil.flow_kg_s} kg/s low`);
      },
    });
    expect(broken).toEqual([]);
    expect(steps).toBe(72 * 360);
    expect(res.events.filter((e) => / trip: /.test(e))).toEqual([]);
    expect(res.kpi.trucks).toBeGreaterThan(30);
    expect(res.kpi.misses).toBe(0);
    expect(res.kpi.mpcShare_frac).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { computePlan, type Planner, type PlannerInput } from '../../../src/ui/energy/computePlan';
import schedule from '../../../models/schedules/default-day.json';
import { plantCopy, sim } from '../helpers';

// The page's plan request on a stand-in planner: what the planner is given, and every refusal by field.
function standIn(seen: PlannerInput[]): Planner {
  return (input) => {
    seen.push(input);
    const n = 3;
    const times = [0, 1, 2].map((k) => input.state.t_s + k * 3600);
    return {
      heatingPlan: {
        t0_s: input.state.t_s,
        step_s: 3600,
        tanks: [{ tag: 'TK-101', target_C: Array(n).fill(150), min_C: Array(n).fill(140) }],
        supply_C: Array(n).fill(240),
      },
      chart: {
        t0_s: times[0],
        step_s: 3600,
        times_s: times,
        supply_C: [],
        heaterDuty_W: [],
        heaterMax_W: 0,
        tanks: [],
      },
      fuel: {
        fuel_J: 1,
        cost: 0,
        currency: input.fuelPrice.currency ?? '',
        heat_J: 0,
        storedChange_J: 0,
        fuelCorrected_J: 1,
        baseline: { fuel_J: 1, cost: 0, storedChange_J: 0, fuelCorrected_J: 1 },
        saved_pct: 0,
      },
      warnings: [],
    };
  };
}

describe('the heating plan computed in the page', () => {
  it('plans from the snapshot state, with the schedule read as hours from now and the price given', () => {
    const data = plantCopy();
    const plant = sim(data);
    for (let i = 0; i < 6; i++) plant.step();
    const seen: PlannerInput[] = [];
    const r = computePlan(
      { plant: data, snapshot: plant.snapshot(), schedule, price_per_GJ: 480, currency: 'THB' },
      standIn(seen),
    );
    expect(r.ok).toBe(true);
    expect(seen).toHaveLength(1);
    const input = seen[0];
    expect(input.state.t_s).toBe(plant.state.t_s);
    // the page's copy: planning never touches the running state
    expect(input.state).not.toBe(plant.state);
    expect(input.schedule.start).toBeUndefined();
    expect(input.schedule.loadings).toHaveLength(schedule.loadings.length);
    expect(input.fuelPrice).toEqual({ per_GJ: 480, currency: 'THB' });
    expect(r.ok && r.value.heatingPlan.t0_s).toBe(plant.state.t_s);
  });

  it('refuses without a plant, with a bad price or schedule, and says why a planner failed', () => {
    const data = plantCopy();
    const plant = sim(data);
    const req = { plant: data, snapshot: plant.snapshot(), schedule, price_per_GJ: 480 };
    const seen: PlannerInput[] = [];
    const paths = (r: ReturnType<typeof computePlan>) => (r.ok ? [] : r.errors.map((e) => e.path));
    expect(paths(computePlan({ ...req, snapshot: null }, standIn(seen)))).toEqual(['simulation']);
    expect(paths(computePlan({ ...req, price_per_GJ: Number.NaN }, standIn(seen)))).toEqual(['fuel price']);
    const bad = { ...schedule, loadings: [{ bay: 'BAY-9', tank: 'TK-101', at: 1 }] };
    expect(paths(computePlan({ ...req, schedule: bad }, standIn(seen))).length).toBeGreaterThan(0);
    expect(seen).toHaveLength(0);
    const failing: Planner = () => {
      throw new Error('no feasible plan');
    };
    const r = computePlan(req, failing);
    expect(r.ok ? '' : r.errors[0]).toEqual({ path: 'plan', message: 'no feasible plan' });
  });
});

describe('the page plan with the plant planner', () => {
  it('gives a plan the plant accepts, a chart for every tank and the expected fuel', async () => {
    const { planner } = await import('../../../src/ui/energy/planner');
    const { heatingPlanSchema } = await import('../../../src/sim/control/mpc/schema');
    const data = plantCopy();
    const plant = sim(data);
    const r = computePlan(
      { plant: data, snapshot: plant.snapshot(), schedule, price_per_GJ: 480, currency: 'THB' },
      planner,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(heatingPlanSchema.safeParse(r.value.heatingPlan).success).toBe(true);
    expect(r.value.chart.tanks.map((t) => t.tag)).toEqual(data.tanks.map((t) => t.tag));
    expect(r.value.fuel.fuel_J).toBeGreaterThan(0);
    expect(r.value.fuel.cost).toBeCloseTo((r.value.fuel.fuel_J / 1e9) * 480, 6);
    // the loadings of the day are marked on their tanks' charts
    const tk101 = r.value.chart.tanks.find((t) => t.tag === 'TK-101')!;
    expect(tk101.loadings.length).toBeGreaterThan(0);
  });
});

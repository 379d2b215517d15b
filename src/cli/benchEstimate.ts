// Estimator figures, run in a child process from a bundled build: one tank's filter update (time update over
// 10 s of plant time plus the measurement update), on inputs and measurements recorded from the model.
import { defaultPlant } from '../sim/plant/default';
import { Simulation } from '../sim/simulation';
import { TankFilter, type TankInputs, type TankObs } from '../estimate/tankFilter';

const plant = defaultPlant();
const TANK = 'TK-102'; // heating continuously: every measurement is used, the coil outlet included
const DT_S = 10;
const sim = new Simulation(plant, { dt_s: 1 });
const i = plant.tanks.findIndex((t) => t.tag === TANK);
const read = (tag: string) => sim.tags[sim.tagIndex.get(tag) as number].read(sim.state);
const rec: { u: TankInputs; y: TankObs }[] = [];
for (let k = 0; k < 720; k++) {
  sim.step(DT_S);
  const t = sim.state.tanks[i];
  rec.push({
    u: {
      supply_C: sim.state.hotOil.supply_C,
      coilFlow_kg_s: t.coilFlow_kg_s,
      ambient_C: sim.state.weather.ambient_C,
      receipt_kg_s: 0,
      receiptTemp_C: Number.NaN,
      outflow_kg_s: 0,
    },
    y: {
      temp_C: read(`${TANK}.temp`),
      tempBottom_C: read(`${TANK}.temp_bottom`),
      tempTop_C: read(`${TANK}.temp_top`),
      level_m: read(`${TANK}.level`),
      coilOut_C: t.coilOut_C,
    },
  });
}
const f = new TankFilter(plant, TANK);
const run = (n: number) => {
  for (let k = 0; k < n; k++) {
    const r = rec[k % rec.length];
    f.update(DT_S, r.u, r.y);
  }
};
run(2000); // warm up the JIT
// CPU time of this process (user + system) as well as wall time: on a shared machine the wall time also
// counts the other processes' turns on the cores
const cpu_s = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
const n = 20000;
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
run(n);
const cpu = cpu_s(process.cpuUsage(c0));
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const c1 = process.cpuUsage();
for (let k = 0; k < 2000; k++) {
  f.update(DT_S, rec[k % rec.length].u, rec[k % rec.length].y);
  f.estimates();
}
const withEst = cpu_s(process.cpuUsage(c1));
const figures = [
  ['estimate.step_us', (cpu / n) * 1e6, 'us'],
  ['estimate.step_wall_us', (wall / n) * 1e6, 'us'],
  ['estimate.step_with_estimates_us', (withEst / 2000) * 1e6, 'us'],
  ['estimate.sigma_points', 2 * (plant.simulation.layers + 10) + 1, ''], // layers + 10 states
];
process.stdout.write(JSON.stringify(figures));

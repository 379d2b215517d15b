// Sim figures, run in a child process from a bundled build (as the Web Worker runs it).
import { defaultPlant } from '../sim/plant/default';
import { Simulation } from '../sim/simulation';

const plant = defaultPlant();
const sim = new Simulation(plant, { dt_s: 1 });
sim.step(6 * 3600); // warm up the JIT on six hours of plant time
const steps = 86400 * 2;
const heap0 = process.memoryUsage().heapUsed;
const t0 = process.hrtime.bigint();
sim.step(steps);
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const heap1 = process.memoryUsage().heapUsed;
const snapT0 = process.hrtime.bigint();
const snap = sim.snapshot();
const snapMs = Number(process.hrtime.bigint() - snapT0) / 1e6;
const figures = [
  ['sim.realtime_factor', steps / wall, ''],
  ['sim.step_us', (wall / steps) * 1e6, 'us'],
  ['sim.heap_mb', heap1 / 1048576, 'MB'],
  ['sim.heap_growth_mb', (heap1 - heap0) / 1048576, 'MB'],
  ['sim.snapshot_kb', JSON.stringify(snap).length / 1024, 'kB'],
  ['sim.snapshot_ms', snapMs, 'ms'],
];
process.stdout.write(JSON.stringify(figures));

// Control figures, run in a child process from a bundled build (as the Web Worker runs it): one decision of
// the farm MPC for all ten tanks of the default plant (identification, QP build, quadprog solve), on the
// plant's own states along a day under MPC. Each sample is the fastest of a few runs of the same decision on
// copies of the state (what other processes on the machine add is not the controller's), the figure their median.
import { defaultPlant } from '../sim/plant/default';
import { Simulation } from '../sim/simulation';
import { decide } from '../sim/control/mpc/farm';

const SAMPLES = 60;
const REPEATS = 5;
const sim = new Simulation(defaultPlant(), { dt_s: 10 });
sim.step(2 * 360); // two hours on the PI loops
sim.command({ type: 'setFarmMode', mode: 'mpc' });
sim.step(2 * 360); // and two on the MPC: warms the JIT on real decisions
const wall: number[] = [];
const cpu: number[] = [];
let iterations = 0;
for (let k = 0; k < SAMPLES; k++) {
  sim.step(120); // twenty minutes between samples: the plant moves on
  let best = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < REPEATS; r++) {
    const s = structuredClone(sim.state);
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    decide(sim.model, s, s.mpc!);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
    if (r === 0) iterations += s.mpc!.iterations;
  }
  wall.push(best);
  cpu.push(bestCpu);
}
const median = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
const figures = [
  ['control.mpc_step_ms', median(wall), 'ms'],
  ['control.mpc_step_cpu_ms', median(cpu), 'ms'],
  ['control.mpc_qp_iterations', iterations / SAMPLES, ''],
  ['control.mpc_tanks', sim.state.tanks.filter((t) => t.pid.mode === 'mpc').length, ''],
];
process.stdout.write(JSON.stringify(figures));

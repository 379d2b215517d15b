import { defaultPlant } from '../../src/sim/plant/default';
import { Simulation } from '../../src/sim/simulation';
import type { Command } from '../../src/sim/commands';

// Reference runs of the default plant (models/default-plant.json), stored as traces in this folder and
// compared by golden.test.ts. Each case is a start, a list of timed commands and the tags it records.

export interface GoldenCase {
  name: string;
  duration_s: number;
  every_s: number;
  /** Commands applied when plant time first reaches t_s (before that step), in order. */
  actions: { t_s: number; command: Command }[];
  tags: string[];
}

export interface GoldenTrace {
  name: string;
  plant: string;
  dt_s: number;
  every_s: number;
  tags: string[];
  /** rows[k] = [time_s, value of tags[0], …] */
  rows: number[][];
}

const TANKS = ['TK-101', 'TK-102', 'TK-103', 'TK-104', 'TK-105', 'TK-106', 'TK-107', 'TK-108', 'TK-109', 'TK-110'];
const detail = (t: string) =>
  ['temp_bottom', 'temp_top', 'temp_vapour', 'coil_flow', 'coil_duty', 'valve', 'heat_loss'].map((q) => `${t}.${q}`);
const HOT_OIL = [
  'H-201.supply_temp',
  'H-201.return_temp',
  'H-201.flow',
  'H-201.duty',
  'H-201.firing',
  'H-201.state',
  'HO.header_dp',
  'HO.bypass_flow',
  'V-201.level',
  'V-201.inventory',
];

/** A day at dt 1 s: a truck loaded from TK-101 in the first hours, a receipt into TK-102 in the afternoon. */
const day: GoldenCase = {
  name: 'default-day',
  duration_s: 86400,
  every_s: 300,
  actions: [
    { t_s: 3600, command: { type: 'setValve', tag: 'XV-101', opening: 1 } },
    { t_s: 3600, command: { type: 'truckArrive', arm: 'LA-1A' } },
    { t_s: 3600, command: { type: 'setArm', arm: 'LA-1A', position: 'lowered' } },
    { t_s: 3640, command: { type: 'setPump', tag: 'P-301', run: true } },
    { t_s: 3 * 3600, command: { type: 'setPump', tag: 'P-301', run: false } },
    { t_s: 3 * 3600, command: { type: 'setArm', arm: 'LA-1A', position: 'parked' } },
    { t_s: 3 * 3600, command: { type: 'setValve', tag: 'XV-101', opening: 0 } },
    { t_s: 14 * 3600, command: { type: 'startReceipt', tank: 'TK-102', flow_kg_s: 20, temp_C: 170 } },
    { t_s: 16 * 3600, command: { type: 'stopReceipt', tank: 'TK-102' } },
  ],
  tags: [
    'AMB.temp',
    'AMB.solar',
    ...TANKS.flatMap((t) => [`${t}.temp_mean`, `${t}.level_true`]),
    ...detail('TK-101'),
    ...detail('TK-102'),
    ...HOT_OIL,
    'TK-101.outlet_flow',
    'P-301.flow',
    'P-301.dp',
    'LA-1A.metered',
    'LA-1A.truck_volume',
    'TK-102.receipt_flow',
    'SITE.alarms',
  ],
};

/** Flame failure of the heater at 10 min: trip, loop cooling, low-flow and temperature alarms. */
const flameFailure: GoldenCase = {
  name: 'flame-failure',
  duration_s: 2 * 3600,
  every_s: 60,
  actions: [{ t_s: 600, command: { type: 'injectFault', fault: { kind: 'heaterFlameFailure' } } }],
  tags: [...HOT_OIL, 'H-201.stack_temp', ...['TK-101', 'TK-103'].flatMap(detail), 'SITE.alarms'],
};

/** A coil leak into TK-103 at 10 min: the expansion tank falls, oil enters the product. */
const coilLeak: GoldenCase = {
  name: 'coil-leak',
  duration_s: 2 * 3600,
  every_s: 60,
  actions: [{ t_s: 600, command: { type: 'injectFault', fault: { kind: 'coilLeak', tank: 'TK-103', rate_kg_s: 0.2 } } }],
  tags: [...HOT_OIL, 'TK-103.mass', 'TK-103.temp_mean', 'TK-103.level_true', ...detail('TK-103'), 'SITE.alarms'],
};

export const GOLDEN_CASES: GoldenCase[] = [day, flameFailure, coilLeak];

/** Run one case from a fresh default plant (seed 1, dt 1 s). */
export function runGolden(c: GoldenCase): GoldenTrace {
  const plant = defaultPlant();
  const sim = new Simulation(plant, { dt_s: 1, seed: 1 });
  const idx = c.tags.map((t) => {
    const i = sim.tagIndex.get(t);
    if (i === undefined) throw new Error(`golden case ${c.name}: unknown tag ${t}`);
    return i;
  });
  const rows: number[][] = [];
  const sample = () => rows.push([sim.state.t_s, ...idx.map((i) => sim.tags[i].read(sim.state))]);
  let next = 0;
  const actions = [...c.actions].sort((a, b) => a.t_s - b.t_s);
  const applyDue = () => {
    while (next < actions.length && actions[next].t_s <= sim.state.t_s + 1e-9) {
      const r = sim.command(actions[next].command, 'instructor');
      if (!r.ok) throw new Error(`golden case ${c.name}: command at ${actions[next].t_s} s refused: ${r.reason}`);
      next++;
    }
  };
  sample();
  for (let t = c.every_s; t <= c.duration_s + 1e-9; t += c.every_s) {
    // step to each action time and to each sample time
    while (sim.state.t_s + 1e-9 < t) {
      applyDue();
      const stop = next < actions.length ? Math.min(actions[next].t_s, t) : t;
      if (stop > sim.state.t_s + 1e-9) sim.runUntil(stop);
    }
    applyDue();
    sample();
  }
  return { name: c.name, plant: plant.name, dt_s: sim.dt_s, every_s: c.every_s, tags: c.tags, rows };
}

/** Stored form: CSV with a header; 12 significant digits keep rounding far below the 1e-9 tolerance. */
export function toCsv(tr: GoldenTrace): string {
  const head = `# ${tr.name}: plant "${tr.plant}", dt ${tr.dt_s} s, every ${tr.every_s} s\n`;
  const cols = ['time_s', ...tr.tags].join(',');
  return head + cols + '\n' + tr.rows.map((r) => r.map((x) => +x.toPrecision(12)).join(',')).join('\n') + '\n';
}

export function fromCsv(text: string): { tags: string[]; rows: number[][] } {
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const [head, ...body] = lines;
  return { tags: head.split(',').slice(1), rows: body.map((l) => l.split(',').map(Number)) };
}

export const GOLDEN_TOL = 1e-9;

/** The first (time, tag) where fresh and stored differ beyond 1e-9 absolute + 1e-9 relative, or null. */
export function firstDifference(
  stored: { tags: string[]; rows: number[][] },
  fresh: { tags: string[]; rows: number[][] },
): string | null {
  if (stored.tags.join() !== fresh.tags.join())
    return `tag list differs: stored [${stored.tags.join(', ')}], fresh [${fresh.tags.join(', ')}]`;
  if (stored.rows.length !== fresh.rows.length)
    return `row count differs: stored ${stored.rows.length}, fresh ${fresh.rows.length}`;
  for (let k = 0; k < stored.rows.length; k++) {
    const a = stored.rows[k];
    const b = fresh.rows[k];
    for (let j = 0; j < a.length; j++) {
      const ok = Math.abs(a[j] - b[j]) <= GOLDEN_TOL + GOLDEN_TOL * Math.abs(a[j]);
      if (!ok || Number.isNaN(b[j]))
        return `first difference at t = ${a[0]} s in ${j === 0 ? 'time_s' : stored.tags[j - 1]}: stored ${a[j]}, fresh ${b[j]} (Δ ${b[j] - a[j]})`;
    }
  }
  return null;
}

// The targets the product's figures are held to, each as the issue that asked for the figure set it. A name
// may hold `*` for one dot-free part (a back-end, a broker). `npm run bench` prints a figure's target and
// whether it is met after its value; a figure with no target is only reported.

export interface Target {
  /** `*` stands for one part of the name without dots. */
  name: string;
  op: '>=' | '<=';
  value: number;
}

export const BENCH_TARGETS: Target[] = [
  { name: 'sim.realtime_factor', op: '>=', value: 100_000 }, // a simulated day in under a second, at dt 1 s
  { name: 'worker.frame_hz', op: '>=', value: 20 }, // state reaches the page at 20 Hz or more
  { name: 'app.main_js_gzip_kb', op: '<=', value: 500 },
  { name: 'app.first_frame_ms', op: '<=', value: 3000 },
  { name: 'scene.draw_calls', op: '<=', value: 100 },
  { name: 'scene.triangles', op: '<=', value: 500_000 },
  { name: 'scene.frame_cpu_ms', op: '<=', value: 4 },
  { name: 'xr.draw_calls', op: '<=', value: 100 }, // per eye
  { name: 'xr.triangles', op: '<=', value: 750_000 }, // per eye
  { name: 'xr.frame_cpu_ms', op: '<=', value: 5 },
  { name: 'session.fault_to_trainee_ms.*.p99', op: '<=', value: 200 },
  { name: 'session.bytes_per_s_per_trainee', op: '<=', value: 100 * 1024 },
  { name: 'session.max_sessions', op: '>=', value: 50 }, // sessions of three participants, one station process
  { name: 'bridge.tag_to_screen_p99_ms.*', op: '<=', value: 100 }, // at 10,000 tag updates a second
  { name: 'historian.query_30d_ms.*', op: '<=', value: 200 }, // 30 days of 1-minute data for 20 tags
  { name: 'control.fuel_saved_pct', op: '>=', value: 10 }, // MPC with the plan against PI, the standard week
  { name: 'control.mpc_step_ms', op: '<=', value: 20 }, // one decision for the whole farm
];

const matches = (pattern: string, name: string): boolean => {
  const p = pattern.split('.');
  const n = name.split('.');
  return p.length === n.length && p.every((part, i) => part === '*' || part === n[i]);
};

export function targetOf(name: string): Target | undefined {
  return BENCH_TARGETS.find((t) => matches(t.name, name));
}

/** ` (target ≥ 100000: met)`, or '' for a figure with no target. */
export function targetNote(name: string, value: number): string {
  const t = targetOf(name);
  if (!t) return '';
  const met = t.op === '>=' ? value >= t.value : value <= t.value;
  return ` (target ${t.op === '>=' ? '≥' : '≤'} ${t.value}: ${met ? 'met' : 'NOT MET'})`;
}

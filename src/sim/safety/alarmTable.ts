import type { AlarmRuntime, SimState } from '../state';
import type { AlarmDef } from './alarmDefs';
import {
  PROBE_ARM_FROTH,
  PROBE_BUCKLED,
  PROBE_COIL_EXPOSED,
  PROBE_INSTRUMENT_BAD,
  PROBE_LAGGING,
  PROBE_LINE_PLUGGED,
  PROBE_LOADING_LEVEL,
  PROBE_LOADING_STOP,
  PROBE_MPC_FALLBACK,
  PROBE_OIL_FIRE,
  PROBE_OIL_FLAMMABLE,
  PROBE_OVERFLOWING,
  PROBE_ROOF_TORN,
  PROBE_TANK_FROTH,
  PROBE_TEMP_DEVIATION,
  PROBE_VAPOUR_GAUGE,
  LINED_UP_FRAC,
  TEMP_DEVIATION_K,
} from './alarmProbes';
import { MPC_FALLBACK } from '../control/mpc/state';

// What evaluateAlarms needs of each definition, as typed arrays built once per alarm list, and the step's
// values of every alarm gathered into one array before the state machines run. Gathered by source (the
// instruments, each probe, then the definitions' own `read`), each a loop reading one field of one kind of
// object, the ~300 reads a step cost a few nanoseconds each instead of a switch or a closure call apiece.

export const SENSE_FLAG = 0;
export const SENSE_HIGH = 1;
export const SENSE_LOW = 2;
const PROBE_CODES = 16; // PROBE_COIL_EXPOSED … PROBE_LOADING_LEVEL
const TANK_PROBES = PROBE_VAPOUR_GAUGE + 1; // the codes below it read a tank's own objects

export interface AlarmTable {
  sense: Uint8Array;
  limit: Float64Array;
  /** limit ∓ deadband, where an active alarm clears: the same expression as beyondLimit's, so the same bits. */
  clear: Float64Array;
  suppressible: Uint8Array;
  /** Alarms that watch an instrument, and its index. */
  insAlarm: Int32Array;
  insIndex: Int32Array;
  /**
   * The tank probes' alarms, TANK_PROBES a tank: tankAlarm[k·TANK_PROBES + p] for probe p of tank k, or
   * the spare slot (value[n]) where the tank has none, so one pass over the tanks reads each tank's objects once.
   */
  tankAlarm: Int32Array;
  /** The other probes' alarms, ordered by probe code (code p from probeStart[p] to probeStart[p + 1]). */
  probeAlarm: Int32Array;
  probeIndex: Int32Array;
  probeIndex2: Int32Array;
  probeStart: Int32Array;
  /** Alarms whose value only their `read` gives. */
  readAlarm: Int32Array;
  /** This step's value of every alarm, written by gatherAlarmValues, and a spare slot at the end. */
  value: Float64Array;
}

const tables = new WeakMap<AlarmDef[], AlarmTable>();

export function alarmTable(defs: AlarmDef[]): AlarmTable {
  const cached = tables.get(defs);
  if (cached && cached.sense.length === defs.length) return cached;
  const n = defs.length;
  const ins: number[] = [];
  const reads: number[] = [];
  const probes: number[][] = Array.from({ length: PROBE_CODES }, () => []);
  const perTank = new Map<number, number>(); // k·TANK_PROBES + p → alarm
  const t: AlarmTable = {
    sense: new Uint8Array(n),
    limit: new Float64Array(n),
    clear: new Float64Array(n),
    suppressible: new Uint8Array(n),
    insAlarm: new Int32Array(0),
    insIndex: new Int32Array(0),
    tankAlarm: new Int32Array(0),
    probeAlarm: new Int32Array(0),
    probeIndex: new Int32Array(0),
    probeIndex2: new Int32Array(0),
    probeStart: new Int32Array(PROBE_CODES + 1),
    readAlarm: new Int32Array(0),
    value: new Float64Array(n + 1),
  };
  let tanks = 0;
  for (let i = 0; i < n; i++) {
    const d = defs[i];
    const p = d.probe ?? -1;
    const k = d.probeIndex ?? 0;
    if (d.instrument >= 0) ins.push(i);
    else if (p >= 0 && p < TANK_PROBES && !perTank.has(k * TANK_PROBES + p)) {
      perTank.set(k * TANK_PROBES + p, i);
      tanks = Math.max(tanks, k + 1);
    } else if (p >= TANK_PROBES && p < PROBE_CODES) probes[p].push(i);
    else reads.push(i); // its `read` gives the same value (probeReader), only by a call
    t.sense[i] = d.sense === 'flag' ? SENSE_FLAG : d.sense === 'high' ? SENSE_HIGH : SENSE_LOW;
    t.limit[i] = d.limit;
    t.clear[i] = d.sense === 'high' ? d.limit - d.deadband : d.limit + d.deadband;
    t.suppressible[i] = d.suppressed !== undefined ? 1 : 0;
  }
  t.insAlarm = Int32Array.from(ins);
  t.insIndex = Int32Array.from(ins, (i) => defs[i].instrument);
  t.tankAlarm = new Int32Array(tanks * TANK_PROBES).fill(n);
  for (const [slot, i] of perTank) t.tankAlarm[slot] = i;
  const byCode = probes.flat();
  t.probeAlarm = Int32Array.from(byCode);
  t.probeIndex = Int32Array.from(byCode, (i) => defs[i].probeIndex ?? 0);
  t.probeIndex2 = Int32Array.from(byCode, (i) => defs[i].probeIndex2 ?? 0);
  for (let p = 0; p < PROBE_CODES; p++) t.probeStart[p + 1] = t.probeStart[p] + probes[p].length;
  t.readAlarm = Int32Array.from(reads);
  tables.set(defs, t);
  return t;
}

/** Every alarm's value this step into t.value: the same values as probeValue() and each definition's read. */
export function gatherAlarmValues(s: SimState, defs: AlarmDef[], t: AlarmTable): void {
  const v = t.value;
  const instruments = s.instruments;
  for (let j = 0; j < t.insAlarm.length; j++) v[t.insAlarm[j]] = instruments[t.insIndex[j]].value;
  const tanks = s.tanks;
  const ta = t.tankAlarm;
  for (let k = 0, o = 0; o < ta.length; k++, o += TANK_PROBES) {
    const tank = tanks[k];
    const oil = s.oilIngress[k];
    const vessel = tank.vessel;
    v[ta[o + PROBE_COIL_EXPOSED]] = tank.coilExposed ? 1 : 0;
    v[ta[o + PROBE_TANK_FROTH]] = tank.frothOver ? 1 : 0;
    v[ta[o + PROBE_OIL_FLAMMABLE]] = oil.flammable ? 1 : 0;
    v[ta[o + PROBE_OIL_FIRE]] = oil.fire ? 1 : 0;
    v[ta[o + PROBE_OVERFLOWING]] = vessel.overflowing ? 1 : 0;
    v[ta[o + PROBE_LAGGING]] = vessel.laggingFireRisk ? 1 : 0;
    v[ta[o + PROBE_ROOF_TORN]] = vessel.roofSeamTorn ? 1 : 0;
    v[ta[o + PROBE_BUCKLED]] = vessel.shellBuckled ? 1 : 0;
    v[ta[o + PROBE_LOADING_STOP]] = vessel.loadingStop ? 1 : 0;
    v[ta[o + PROBE_VAPOUR_GAUGE]] = vessel.vapourGauge_Pa;
  }
  const a = t.probeAlarm;
  const k = t.probeIndex;
  const p = t.probeStart;
  let j = p[PROBE_INSTRUMENT_BAD];
  for (; j < p[PROBE_INSTRUMENT_BAD + 1]; j++) v[a[j]] = instruments[k[j]].bad ? 1 : 0;
  for (; j < p[PROBE_LINE_PLUGGED + 1]; j++) v[a[j]] = s.productLines[k[j]].plugged ? 1 : 0;
  for (; j < p[PROBE_ARM_FROTH + 1]; j++) v[a[j]] = s.arms[k[j]].frothOver ? 1 : 0;
  for (; j < p[PROBE_MPC_FALLBACK + 1]; j++) v[a[j]] = s.mpc?.tanks[k[j]].status === MPC_FALLBACK ? 1 : 0;
  const k2 = t.probeIndex2;
  for (; j < p[PROBE_TEMP_DEVIATION + 1]; j++) {
    const x = instruments[k[j]];
    const y = instruments[k2[j]];
    v[a[j]] = !x.bad && !y.bad && Math.abs(x.value - y.value) > TEMP_DEVIATION_K ? 1 : 0;
  }
  for (; j < p[PROBE_LOADING_LEVEL + 1]; j++)
    v[a[j]] = tanks[k[j]].outletPos_frac > LINED_UP_FRAC ? instruments[k2[j]].value : Number.MAX_VALUE;
  const r = t.readAlarm;
  // `+` types the closure's result as a number, so it is stored unboxed
  for (let q = 0; q < r.length; q++) v[r[q]] = +defs[r[q]].read(s);
}

/**
 * What the last evaluation left of each alarm of one state's alarm list: the open interval (below, above) of
 * values over which its state machine would change nothing, because its condition agrees with its state:
 * an inactive high alarm stays so below its limit, an active one above its clearing limit, and so on. It
 * is empty (above = −∞) while a timer runs, while shelved, and where suppression was consulted. An alarm
 * whose value lies inside is passed by without touching its runtime; NaN never lies inside. Keyed by the
 * state's alarm array, so a restored or cloned state starts with every interval empty; the commands that
 * change a runtime (shelve, service) empty its interval (forgetAlarm).
 */
export interface AlarmMemo {
  below: Float64Array;
  above: Float64Array;
}
const memos = new WeakMap<AlarmRuntime[], AlarmMemo>();

export function alarmMemo(runtimes: AlarmRuntime[]): AlarmMemo {
  let memo = memos.get(runtimes);
  if (!memo || memo.above.length !== runtimes.length) {
    memo = {
      below: new Float64Array(runtimes.length).fill(Number.NEGATIVE_INFINITY),
      above: new Float64Array(runtimes.length).fill(Number.NEGATIVE_INFINITY),
    };
    memos.set(runtimes, memo);
  }
  return memo;
}

/**
 * Alarm i has just been evaluated and its condition agrees with its state `active`: the values that keep
 * it so, exactly those of the tests in evaluateAlarms (a flag's 0.5 itself is left out: evaluated in full).
 */
export function settleAlarm(t: AlarmTable, memo: AlarmMemo, i: number, active: boolean): void {
  const sense = t.sense[i];
  const inf = Number.POSITIVE_INFINITY;
  if (sense === SENSE_FLAG) {
    memo.below[i] = active ? 0.5 : -inf; // active while v > 0.5; inactive while v ≤ 0.5, kept to v < 0.5
    memo.above[i] = active ? inf : 0.5;
  } else if (sense === SENSE_HIGH) {
    memo.below[i] = active ? t.clear[i] : -inf; // active while v > limit − deadband; inactive while v < limit
    memo.above[i] = active ? inf : t.limit[i];
  } else {
    memo.below[i] = active ? -inf : t.limit[i]; // active while v < limit + deadband; inactive while v > limit
    memo.above[i] = active ? t.clear[i] : inf;
  }
}

/** Alarm i must be evaluated in full: its runtime was changed, or is changing. */
export function unsettleAlarm(memo: AlarmMemo, i: number): void {
  memo.above[i] = Number.NEGATIVE_INFINITY;
}

/** The same from outside the step: a command changed alarm i of this list. */
export function forgetAlarm(runtimes: AlarmRuntime[], i: number): void {
  const memo = memos.get(runtimes);
  if (memo && i < memo.above.length) unsettleAlarm(memo, i);
}

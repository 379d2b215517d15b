import type { Simulation } from '../sim/simulation';
import { alarmStateName } from '../sim/safety/alarms';
import type { Condition } from './schema';

export type Compiled = () => boolean;

/** Turn a condition into a closure over the simulation: tag names and alarm ids resolved once. */
export function compileCondition(c: Condition, sim: Simulation): Compiled {
  if ('tag' in c) {
    const i = sim.tagIndex.get(c.tag);
    if (i === undefined) throw new Error(`no tag ${c.tag}`);
    const def = sim.tags[i];
    const v = c.value;
    switch (c.op) {
      case '>':
        return () => def.read(sim.state) > v;
      case '>=':
        return () => def.read(sim.state) >= v;
      case '<':
        return () => def.read(sim.state) < v;
      case '<=':
        return () => def.read(sim.state) <= v;
      case '==':
        return () => def.read(sim.state) === v;
      case '!=':
        return () => def.read(sim.state) !== v;
    }
  }
  if ('alarm' in c) {
    const k = sim.model.alarmIndex.get(c.alarm);
    if (k === undefined) throw new Error(`no alarm ${c.alarm}`);
    const want = c.state;
    return () => {
      const a = sim.state.alarms[k];
      const st = alarmStateName(a, sim.state.t_s);
      if (want === 'active') return a.active;
      if (want === 'unack') return st === 'unack' || st === 'rtnUnack';
      if (want === 'acked') return a.active && a.acked;
      return st === 'normal';
    };
  }
  if ('all' in c) {
    const parts = c.all.map((x) => compileCondition(x, sim));
    return () => parts.every((p) => p());
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, sim));
    return () => parts.some((p) => p());
  }
  const inner = compileCondition(c.not, sim);
  return () => !inner();
}

/** Does the command match the expectation? Every field the expectation gives must be equal (deeply). */
export function commandMatches(expected: Record<string, unknown>, actual: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(expected)) {
    const a = actual[k];
    if (typeof v === 'object' && v !== null) {
      if (
        typeof a !== 'object' ||
        a === null ||
        !commandMatches(v as Record<string, unknown>, a as Record<string, unknown>)
      )
        return false;
    } else if (a !== v) return false;
  }
  return true;
}

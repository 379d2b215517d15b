import type { AlarmView } from '../protocol/frame';

// Equipment with an annunciated alarm: 'unack' flashes, 'active' holds steady. Rebuilt only when the
// alarm list changes (it is slow state), read every frame without allocating.
let cache: Map<string, 'unack' | 'active'> = new Map();
let source: unknown = null;

export function alarmedEquipment(alarms: readonly AlarmView[]): Map<string, 'unack' | 'active'> {
  if (alarms === source) return cache;
  source = alarms;
  const m = new Map<string, 'unack' | 'active'>();
  for (const a of alarms) {
    if (a.alarmClass === 'advisory') continue; // an early warning does not flash the plant
    const eq = a.id.slice(0, a.id.lastIndexOf('.'));
    if (a.state === 'unack' || a.state === 'rtnUnack') m.set(eq, 'unack');
    else if (a.state === 'ack' && !m.has(eq)) m.set(eq, 'active');
  }
  cache = m;
  return m;
}

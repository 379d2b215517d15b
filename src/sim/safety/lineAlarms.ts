import type { PlantData } from '../plant/schema';
import type { AlarmDef } from './alarmDefs';
import { PROBE_LINE_PLUGGED, probeReader } from './alarmProbes';

// One alarm per product line and loading arm: below the pumping limit it is a plug (productLines.ts, in
// the same order: the product pipes, then the arms).

export function buildLineAlarms(plant: PlantData): AlarmDef[] {
  const tags: string[] = [];
  for (const p of plant.pipes) if (p.service === 'product') tags.push(p.tag);
  for (const st of plant.loading.stations) for (const b of st.bays) for (const a of b.arms) tags.push(a.tag);
  return tags.map((tag, k) => ({
    id: `${tag}.XA_PLUG`,
    tag,
    priority: 'medium',
    sense: 'flag',
    limit: 0.5,
    deadband: 0,
    onDelay_s: 60,
    offDelay_s: 60,
    instrument: -1,
    message: `${tag} below the pumping limit: re-heat the line before pumping`,
    read: probeReader(PROBE_LINE_PLUGGED, k),
  }));
}

import type { PlantData } from '../plant/schema';
import type { TankModel } from '../plantIndex';
import type { AlarmDef, Flag } from './alarmDefs';
import { LOADING_PREALARM_M } from '../loadingEdges';
import {
  PROBE_ARM_FROTH,
  PROBE_BUCKLED,
  PROBE_LAGGING,
  PROBE_LOADING_LEVEL,
  PROBE_LOADING_STOP,
  PROBE_OVERFLOWING,
  PROBE_ROOF_TORN,
  PROBE_VAPOUR_GAUGE,
  probeReader,
} from './alarmProbes';

// Alarms of the plant at its edges: overflow to the bund, soaked lagging, a blocked vent's pressure and
// vacuum and the damage past them, the low-level loading stop and its pre-alarm, gear pumps running dry,
// and froth-over at a loading arm.

export function buildEdgeAlarms(
  plant: PlantData,
  tanks: TankModel[],
  ins: Map<string, number>,
  flagAlarm: Flag,
): AlarmDef[] {
  const out: AlarmDef[] = [];
  for (const t of tanks) {
    const i = t.index;
    const kl = ins.get(t.data.instruments.level)!;
    const ventTag = t.data.roof.ventTag;
    out.push(
      flagAlarm(
        `${t.tag}.XA_OVERFLOW`,
        t.tag,
        'critical',
        0,
        10,
        `${t.tag} overflowing into the bund`,
        probeReader(PROBE_OVERFLOWING, i),
      ),
      flagAlarm(
        `${t.tag}.XA_LAGGING`,
        t.tag,
        'high',
        0,
        0,
        `${t.tag} lagging soaked with hot product: fire risk`,
        probeReader(PROBE_LAGGING, i),
      ),
      {
        id: `${t.tag}.PAH`,
        tag: ventTag,
        priority: 'high',
        sense: 'high',
        limit: t.designPressure_Pa,
        deadband: 100,
        onDelay_s: 0,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} vapour space above its design pressure: vent blocked?`,
        read: probeReader(PROBE_VAPOUR_GAUGE, i),
      },
      {
        id: `${t.tag}.PAL`,
        tag: ventTag,
        priority: 'high',
        sense: 'low',
        limit: -t.designVacuum_Pa,
        deadband: 50,
        onDelay_s: 0,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} vapour space beyond its design vacuum: vent blocked?`,
        read: probeReader(PROBE_VAPOUR_GAUGE, i),
      },
      flagAlarm(
        `${t.tag}.XA_ROOF`,
        ventTag,
        'critical',
        0,
        0,
        `${t.tag} roof-to-shell seam torn by overpressure`,
        probeReader(PROBE_ROOF_TORN, i),
      ),
      flagAlarm(
        `${t.tag}.XA_BUCKLE`,
        ventTag,
        'critical',
        0,
        0,
        `${t.tag} shell buckled by vacuum`,
        probeReader(PROBE_BUCKLED, i),
      ),
      {
        id: `${t.tag}.LAL_LOAD`,
        tag: t.data.instruments.level,
        priority: 'medium',
        sense: 'low',
        limit: t.loadingStop_m + LOADING_PREALARM_M,
        deadband: 0.05,
        onDelay_s: 2,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} level nearing the loading stop`,
        // only while the tank is lined up to the loading header
        read: probeReader(PROBE_LOADING_LEVEL, i, kl),
      },
      flagAlarm(
        `${t.tag}.LALL_LOAD`,
        t.data.outletValve,
        'high',
        0,
        10,
        `${t.tag} low-level loading stop`,
        probeReader(PROBE_LOADING_STOP, i),
      ),
    );
  }
  plant.loading.pumps.forEach((p, k) =>
    out.push(
      flagAlarm(`${p.tag}.XA_DRY`, p.tag, 'high', 2, 5, `${p.tag} running dry`, (s) =>
        s.gearPumps[k].dryRun_s > 0 ? 1 : 0,
      ),
      flagAlarm(`${p.tag}.XA_DAMAGE`, p.tag, 'critical', 0, 0, `${p.tag} damaged by running dry`, (s) =>
        s.gearPumps[k].damaged ? 1 : 0,
      ),
    ),
  );
  let arm = 0;
  for (const st of plant.loading.stations)
    for (const b of st.bays)
      for (const a of b.arms) {
        const k = arm++;
        out.push(
          flagAlarm(
            `${a.tag}.XA_FROTH`,
            a.tag,
            'critical',
            0,
            5,
            `${a.tag} froth-over: water in the truck`,
            probeReader(PROBE_ARM_FROTH, k),
          ),
        );
      }
  out.push(flagAlarm('SITE.XA_BUND', 'BUND', 'high', 0, 0, 'Product in the bund', (s) => (s.bund.mass_kg > 0 ? 1 : 0)));
  return out;
}

import type { PlantData } from '../plant/schema';
import type { AlarmPriority } from '../events';
import type { SimState } from '../state';
import type { TankModel } from '../plantIndex';
import { hasFault } from '../faultEffects';
import { fireDetected } from './fire';

// The alarm list of a plant, built once from the plant data: which limits exist, their priorities,
// deadbands and delays. The runtime side (ISA-18.2 states, shelving) is in alarms.ts.

export interface AlarmDef {
  id: string; // e.g. "TK-101.LAHH"
  tag: string; // the equipment or instrument
  priority: AlarmPriority;
  /** 'high': active when value ≥ limit; 'low': when ≤ limit; 'flag': when value > 0.5 */
  sense: 'high' | 'low' | 'flag';
  limit: number;
  deadband: number;
  onDelay_s: number;
  offDelay_s: number;
  message: string;
  /** Index of the instrument it watches, or −1 when `read` computes the value. */
  instrument: number;
  read: (s: SimState) => number;
}

export function buildAlarms(plant: PlantData, tanks: TankModel[], ins: Map<string, number>): AlarmDef[] {
  const out: AlarmDef[] = [];
  const meas = (tag: string) => {
    const k = ins.get(tag)!;
    const read = (s: SimState) => s.instruments[k].value;
    read.instrument = k;
    return read;
  };
  for (const t of tanks) {
    const a = t.data.alarms;
    const i = t.data.instruments;
    const lvl = meas(i.level);
    const tt = meas(i.temperature);
    const h2s = meas(i.h2s);
    const idx = t.index;
    out.push(
      {
        id: `${t.tag}.LAHH`,
        tag: i.levelSwitchHH,
        priority: 'critical',
        sense: 'flag',
        limit: 0.5,
        deadband: 0,
        onDelay_s: 0,
        offDelay_s: 5,
        instrument: -1,
        message: `${t.tag} level high-high (switch): receipt stopped`,
        read: meas(i.levelSwitchHH),
      },
      {
        id: `${t.tag}.LAH`,
        tag: i.level,
        priority: 'high',
        sense: 'high',
        limit: t.levelHigh_m,
        deadband: 0.05,
        onDelay_s: 2,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} level high (10 % ullage)`,
        read: lvl,
      },
      {
        id: `${t.tag}.LAL`,
        tag: i.level,
        priority: 'high',
        sense: 'low',
        limit: t.cutout_m,
        deadband: 0.05,
        onDelay_s: 2,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} level low: coil heating cut out`,
        read: lvl,
      },
      {
        id: `${t.tag}.TAHH`,
        tag: i.temperature,
        priority: 'critical',
        sense: 'high',
        limit: a.tempHighHigh_C,
        deadband: 1,
        onDelay_s: 0,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} temperature high-high: heating tripped`,
        read: tt,
      },
      {
        id: `${t.tag}.TAH`,
        tag: i.temperature,
        priority: 'high',
        sense: 'high',
        limit: a.tempHigh_C,
        deadband: 1,
        onDelay_s: 5,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} temperature high`,
        read: tt,
      },
      {
        id: `${t.tag}.TAL`,
        tag: i.temperature,
        priority: 'medium',
        sense: 'low',
        limit: a.tempLow_C,
        deadband: 1,
        onDelay_s: 30,
        offDelay_s: 30,
        instrument: -1,
        message: `${t.tag} temperature low: below the pumping window`,
        read: tt,
      },
      {
        id: `${t.tag}.AAH`,
        tag: i.h2s,
        priority: 'high',
        sense: 'high',
        limit: a.h2sHigh_ppm,
        deadband: 0.5,
        onDelay_s: 2,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} H2S at hatch above ${a.h2sHigh_ppm} ppm`,
        read: h2s,
      },
      {
        id: `${t.tag}.AAHH`,
        tag: i.h2s,
        priority: 'critical',
        sense: 'high',
        limit: a.h2sHighHigh_ppm,
        deadband: 0.5,
        onDelay_s: 0,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} H2S at hatch above ${a.h2sHighHigh_ppm} ppm: withdraw`,
        read: h2s,
      },
      {
        id: `${t.tag}.XA_COIL`,
        tag: t.tag,
        priority: 'high',
        sense: 'flag',
        limit: 0.5,
        deadband: 0,
        onDelay_s: 5,
        offDelay_s: 5,
        instrument: -1,
        message: `${t.tag} heating coil exposed`,
        read: (s) => (s.tanks[idx].coilExposed ? 1 : 0),
      },
      {
        id: `${t.tag}.XA_FROTH`,
        tag: t.tag,
        priority: 'critical',
        sense: 'flag',
        limit: 0.5,
        deadband: 0,
        onDelay_s: 0,
        offDelay_s: 5,
        instrument: -1,
        message: `${t.tag} froth-over: water boiling in hot product`,
        read: (s) => (s.tanks[idx].frothOver ? 1 : 0),
      },
    );
  }
  const h = plant.hotOil;
  const expTag = h.expansionTank.tag;
  out.push(
    {
      id: `${h.heater.tag}.TRIP`,
      tag: h.heater.tag,
      priority: 'critical',
      sense: 'flag',
      limit: 0.5,
      deadband: 0,
      onDelay_s: 0,
      offDelay_s: 0,
      instrument: -1,
      message: `${h.heater.tag} heater tripped`,
      read: (s) => (s.hotOil.heaterMode === 'tripped' ? 1 : 0),
    },
    {
      id: `${h.heater.tag}.TAH`,
      tag: h.heater.tag,
      priority: 'high',
      sense: 'high',
      limit: h.heater.tripOilTemp_C - 15,
      deadband: 2,
      onDelay_s: 5,
      offDelay_s: 10,
      instrument: -1,
      message: `${h.heater.tag} supply temperature high`,
      read: (s) => s.hotOil.supply_C,
    },
    {
      id: `${h.heater.tag}.FAL`,
      tag: h.heater.tag,
      priority: 'high',
      sense: 'low',
      limit: h.heater.lowFlowTrip_kg_s * 1.25,
      deadband: 0.5,
      onDelay_s: 3,
      offDelay_s: 5,
      instrument: -1,
      message: 'Hot-oil circulation flow low',
      read: (s) => s.hotOil.flow_kg_s,
    },
    {
      id: `${expTag}.LAL`,
      tag: expTag,
      priority: 'high',
      sense: 'low',
      limit: h.expansionTank.lowLevel_frac,
      deadband: 0.01,
      onDelay_s: 5,
      offDelay_s: 10,
      instrument: -1,
      message: `${expTag} expansion tank level low: check for a coil leak`,
      read: (s) => s.hotOil.expansionLevel_frac,
    },
    {
      id: 'SITE.ESD',
      tag: 'ESD',
      priority: 'critical',
      sense: 'flag',
      limit: 0.5,
      deadband: 0,
      onDelay_s: 0,
      offDelay_s: 0,
      instrument: -1,
      message: 'Emergency shutdown active',
      read: (s) => (s.esd ? 1 : 0),
    },
    {
      id: 'SITE.POWER',
      tag: 'POWER',
      priority: 'critical',
      sense: 'flag',
      limit: 0.5,
      deadband: 0,
      onDelay_s: 0,
      offDelay_s: 0,
      instrument: -1,
      message: 'Site power failure',
      read: (s) => (hasFault(s, 'powerFailure') ? 1 : 0),
    },
  );
  let bi = 0;
  let ai = 0;
  for (const st of plant.loading.stations)
    for (const b of st.bays) {
      const bay = bi++;
      out.push(
        {
          id: `${b.tag}.FIRE`,
          tag: b.fireDetector,
          priority: 'critical',
          sense: 'flag',
          limit: 0.5,
          deadband: 0,
          onDelay_s: 0,
          offDelay_s: 5,
          instrument: -1,
          message: `Fire detected at ${b.tag}`,
          read: (s) => (fireDetected(s.bays[bay]) ? 1 : 0),
        },
        {
          id: `${b.tag}.ESTOP`,
          tag: b.estop,
          priority: 'high',
          sense: 'flag',
          limit: 0.5,
          deadband: 0,
          onDelay_s: 0,
          offDelay_s: 0,
          instrument: -1,
          message: `${b.tag} emergency stop pressed`,
          read: (s) => (s.bays[bay].estop ? 1 : 0),
        },
      );
      for (const a of b.arms) {
        const arm = ai++;
        out.push({
          id: `${a.tag}.LAHH`,
          tag: a.overfillProbe,
          priority: 'critical',
          sense: 'flag',
          limit: 0.5,
          deadband: 0,
          onDelay_s: 0,
          offDelay_s: 0,
          instrument: -1,
          message: `${a.tag} truck overfill probe: loading stopped`,
          read: (s) => (s.arms[arm].overfillTrip ? 1 : 0),
        });
      }
    }
  for (const a of out) a.instrument = (a.read as { instrument?: number }).instrument ?? -1;
  return out;
}

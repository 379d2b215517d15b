import type { PlantData } from '../plant/schema';
import type { AlarmPriority } from '../events';
import type { SimState } from '../state';
import type { TankModel } from '../plantIndex';
import { hasFault } from '../faultEffects';
import { fireDetected } from './fire';
import { hotOilEdgeAlarms, oilIngressAlarms } from './hotOilAlarms';
import { buildTempSafetyAlarms } from './tempSafetyAlarms';
import { buildLineAlarms } from './lineAlarms';
import { buildEdgeAlarms } from './edgeAlarms';
import { PROBE_COIL_EXPOSED, PROBE_MPC_FALLBACK, PROBE_NONE, PROBE_TANK_FROTH, probeReader } from './alarmProbes';
import { watching } from './alarmTags';

// The alarm list of a plant, built once from the plant data: which limits exist, their priorities,
// deadbands and delays. The runtime side (ISA-18.2 states, shelving) is in alarms.ts.

/** Low-level pre-alarm above the heating cut-out: ≈ 8 min of a 30 kg/s draw from a Ø8 m tank, 40 min from Ø18 m. */
export const LOW_LEVEL_PREALARM_M = 0.3;

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
  /** The probe (alarmProbes.ts) and its index that give the value, or −1 when `read` computes it. */
  probe?: number;
  probeIndex?: number;
  /** The probe's second index, for a probe that compares or selects between two things. */
  probeIndex2?: number;
  read: (s: SimState) => number;
  /** Designed suppression (ISA-18.2): while this says so, the plant state makes the alarm meaningless. */
  suppressed?: (s: SimState) => boolean;
}

/** The builder of an on/off alarm, handed to the modules that define alarms of their own. */
export type Flag = typeof flag;

/** An on/off alarm: active while `read` gives more than 0.5. */
function flag(
  id: string,
  tag: string,
  priority: AlarmPriority,
  onDelay_s: number,
  offDelay_s: number,
  message: string,
  read: (s: SimState) => number,
): AlarmDef {
  return {
    id,
    tag,
    priority,
    sense: 'flag',
    limit: 0.5,
    deadband: 0,
    onDelay_s,
    offDelay_s,
    instrument: -1,
    message,
    read,
  };
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
    // the plant tags they are (src/sim/tags.ts), for the real plant's alarm list (alarmTags.ts)
    const lvl = watching(meas(i.level), `${t.tag}.level`);
    const tt = watching(meas(i.temperature), `${t.tag}.temp`);
    const h2s = watching(meas(i.h2s), `${t.tag}.h2s`);
    const idx = t.index;
    out.push(
      flag(
        `${t.tag}.LAHH`,
        i.levelSwitchHH,
        'critical',
        0,
        5,
        `${t.tag} level high-high (switch): receipt stopped`,
        // the switch is not a plant tag: on the real plant the radar level at the switch's trip point stands in
        watching(meas(i.levelSwitchHH), `${t.tag}.level`, 1, {
          sense: 'high',
          limit: t.levelHH_m,
          deadband: 0.05,
          instrument: i.level,
          message: `${t.tag} level high-high (radar at the switch's trip point)`,
        }),
      ),
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
      // the pre-alarm gives the operator time to stop the draw before the cut-out acts (LALL)
      {
        id: `${t.tag}.LAL`,
        tag: i.level,
        priority: 'medium',
        sense: 'low',
        limit: t.cutout_m + LOW_LEVEL_PREALARM_M,
        deadband: 0.05,
        onDelay_s: 2,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} level low: heating cut-out ${LOW_LEVEL_PREALARM_M} m below`,
        read: lvl,
      },
      {
        id: `${t.tag}.LALL`,
        tag: i.level,
        priority: 'high',
        sense: 'low',
        limit: t.cutout_m,
        deadband: 0.05,
        onDelay_s: 2,
        offDelay_s: 10,
        instrument: -1,
        message: `${t.tag} level low-low: coil heating cut out`,
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
        // an empty tank (at the heating cut-out, heating off by design) has no standing low-temperature alarm
        suppressed: (s) => s.tanks[idx].lowLevelCut,
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
      flag(
        `${t.tag}.XA_COIL`,
        t.tag,
        'high',
        5,
        5,
        `${t.tag} heating coil exposed`,
        probeReader(PROBE_COIL_EXPOSED, idx),
      ),
      flag(
        `${t.tag}.XA_FROTH`,
        t.tag,
        'critical',
        0,
        5,
        `${t.tag} froth-over: water boiling in hot product`,
        probeReader(PROBE_TANK_FROTH, idx),
      ),
      ...oilIngressAlarms(t.tag, idx, flag),
    );
  }
  const h = plant.hotOil;
  const expTag = h.expansionTank.tag;
  out.push(
    flag(`${h.heater.tag}.TRIP`, h.heater.tag, 'critical', 0, 0, `${h.heater.tag} heater tripped`, (s) =>
      s.hotOil.heaterMode === 'tripped' ? 1 : 0,
    ),
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
      read: watching((s) => s.hotOil.supply_C, `${h.heater.tag}.supply_temp`),
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
      read: watching((s) => s.hotOil.flow_kg_s, `${h.heater.tag}.flow`),
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
      read: watching((s) => s.hotOil.expansionLevel_frac, `${expTag}.level`, 0.01), // the tag is in %
    },
    flag('SITE.ESD', 'ESD', 'critical', 0, 0, 'Emergency shutdown active', (s) => (s.esd ? 1 : 0)),
    ...hotOilEdgeAlarms(plant, flag),
    flag('SITE.POWER', 'POWER', 'critical', 0, 0, 'Site power failure', (s) => (hasFault(s, 'powerFailure') ? 1 : 0)),
  );
  let bi = 0;
  let ai = 0;
  for (const st of plant.loading.stations)
    for (const b of st.bays) {
      const bay = bi++;
      out.push(
        flag(`${b.tag}.FIRE`, b.fireDetector, 'critical', 0, 5, `Fire detected at ${b.tag}`, (s) =>
          fireDetected(s.bays[bay]) ? 1 : 0,
        ),
        flag(`${b.tag}.ESTOP`, b.estop, 'high', 0, 0, `${b.tag} emergency stop pressed`, (s) =>
          s.bays[bay].estop ? 1 : 0,
        ),
      );
      for (const a of b.arms) {
        const arm = ai++;
        out.push(
          flag(
            `${a.tag}.LAHH`,
            a.overfillProbe,
            'critical',
            0,
            0,
            `${a.tag} truck overfill probe: loading stopped`,
            (s) => (s.arms[arm].overfillTrip ? 1 : 0),
          ),
        );
      }
    }
  out.push(...buildEdgeAlarms(plant, tanks, ins, flag));
  out.push(...buildTempSafetyAlarms(tanks));
  out.push(...buildLineAlarms(plant));
  // last, so that an older snapshot's alarm list is a prefix of this one (snapshot.ts pads it)
  for (const t of tanks)
    out.push(
      flag(
        `${t.tag}.XA_MPC`,
        t.data.control.tag,
        'high',
        0,
        10,
        `${t.tag} ${t.data.control.tag} left MPC for PI (infeasible plan or bad input data)`,
        probeReader(PROBE_MPC_FALLBACK, t.index),
      ),
    );
  return out.map(uniform);
}

/**
 * Every definition in one shape, with the watched instrument's index resolved: evaluateAlarms reads the
 * same fields of ~250 definitions every step, and one hidden class keeps those reads monomorphic.
 */
function uniform(a: AlarmDef): AlarmDef {
  const r = a.read as { instrument?: number; probe?: number; probeIndex?: number; probeIndex2?: number };
  return {
    id: a.id,
    tag: a.tag,
    priority: a.priority,
    sense: a.sense,
    limit: a.limit,
    deadband: a.deadband,
    onDelay_s: a.onDelay_s,
    offDelay_s: a.offDelay_s,
    message: a.message,
    instrument: r.instrument ?? -1,
    probe: r.probe ?? PROBE_NONE,
    probeIndex: r.probeIndex ?? 0,
    probeIndex2: r.probeIndex2 ?? 0,
    read: a.read,
    suppressed: a.suppressed,
  };
}

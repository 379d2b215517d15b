import type { AlarmDef } from './alarmDefs';
import { safetyTempTag, type TankModel } from '../plantIndex';
import type { SimState } from '../state';
import { PROBE_INSTRUMENT_BAD, PROBE_TEMP_DEVIATION, probeReader } from './alarmProbes';
import { watching } from './alarmTags';

// The alarms of the tanks' temperature safety layer: the safety system's own high-high element, the
// deviation between it and the control transmitter, and each one's quality (NAMUR NE 43).

export { TEMP_DEVIATION_K } from './alarmProbes'; // the deviation a fault: read through its probe
const DEVIATION_DELAY_S = 60; // a transient during a receipt is not a sensor fault

function onOff(id: string, tag: string, onDelay_s: number, message: string, read: (s: SimState) => number): AlarmDef {
  return {
    id,
    tag,
    priority: 'high',
    sense: 'flag',
    limit: 0.5,
    deadband: 0,
    onDelay_s,
    offDelay_s: 10,
    instrument: -1,
    message,
    read,
  };
}

export function buildTempSafetyAlarms(tanks: TankModel[]): AlarmDef[] {
  const out: AlarmDef[] = [];
  for (const t of tanks) {
    const kt = t.insTemp;
    const ks = t.insTempSafety;
    const tt = t.data.instruments.temperature;
    const ts = safetyTempTag(t.data);
    const sis = (s: SimState) => s.instruments[ks].value;
    sis.instrument = ks; // alarmDefs resolves the watched instrument from the reader
    watching(sis, `${t.tag}.temp_hh`); // the plant tag it is (alarmTags.ts)
    out.push(
      {
        id: `${t.tag}.TSHH`,
        tag: ts,
        priority: 'critical',
        sense: 'high',
        limit: t.data.alarms.tempHighHigh_C,
        deadband: 1,
        onDelay_s: 0,
        offDelay_s: 10,
        instrument: ks,
        message: `${t.tag} independent high-high temperature (${ts}): heating tripped`,
        read: sis,
      },
      onOff(
        `${t.tag}.TDEV`,
        ts,
        DEVIATION_DELAY_S,
        `${t.tag} ${tt} and ${ts} disagree: check both`,
        probeReader(PROBE_TEMP_DEVIATION, kt, ks),
      ),
      onOff(
        `${t.tag}.XA_PVBAD`,
        tt,
        2,
        `${t.tag} ${tt} bad quality: ${t.data.control.tag} in manual`,
        probeReader(PROBE_INSTRUMENT_BAD, kt),
      ),
      onOff(
        `${t.tag}.XA_SISBAD`,
        ts,
        2,
        `${t.tag} ${ts} failed: heating tripped (fail-safe)`,
        probeReader(PROBE_INSTRUMENT_BAD, ks),
      ),
    );
  }
  return out;
}

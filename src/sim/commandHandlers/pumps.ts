import { heaterTripCauseNow } from '../components/heater';
import { beginPurge } from '../components/burner';
import { hasFault, pumpTripped } from '../faultEffects';
import { loadingPermissive } from '../loading';
import { clamp01, no, OK, type CommandHandlers } from './handler';

// Commands on the motors and the fired heater: start and stop of the hot-oil and loading pumps, the
// loading pumps' drive speed, and the heater's start sequence.

export const pumpHandlers: CommandHandlers<'setPump' | 'setPumpSpeed' | 'heaterStart' | 'heaterStop'> = {
  setPump(m, s, c) {
    const hi = m.hotOilPumpIndex.get(c.tag);
    const li = m.loadingPumpIndex.get(c.tag);
    const pump = hi !== undefined ? s.hotOil.pumps[hi] : li !== undefined ? s.loadingPumps[li] : undefined;
    if (!pump) {
      if (c.tag === m.plant.transfer.pump) {
        if (!c.run) s.transfer.active = false;
        return c.run ? no(`use startTransfer to run ${c.tag}`) : OK;
      }
      return no(`unknown pump ${c.tag}`);
    }
    if (c.run) {
      if (s.esd) return no('emergency shutdown is active: reset it before starting pumps');
      if (hasFault(s, 'powerFailure')) return no('no power');
      if (pumpTripped(s, c.tag)) return no(`${c.tag} is tripped`);
      if (hi !== undefined && s.hotOil.edge.lowLowTrip)
        return no(`${m.plant.hotOil.expansionTank.tag} low-low level: no suction; top up the oil first`);
      if (li !== undefined) {
        const armI = m.arms.findIndex((a) => a.pump === li);
        const why = armI >= 0 ? loadingPermissive(m, s, armI) : null;
        if (why) return no(why);
      }
    }
    pump.running = c.run;
    return OK;
  },
  setPumpSpeed(m, s, c) {
    const li = m.loadingPumpIndex.get(c.tag);
    if (li === undefined) return no(`${c.tag} has no variable-speed drive`);
    s.loadingPumps[li].speed_frac = clamp01(c.speed);
    return OK;
  },
  heaterStart(m, s) {
    const h = s.hotOil;
    if (h.heaterMode === 'tripped') return no(`heater tripped (${h.tripCause}): reset first`);
    if (h.heaterMode !== 'off') return OK;
    if (h.flow_kg_s < m.plant.hotOil.heater.lowFlowTrip_kg_s)
      return no('no hot-oil circulation: start a circulation pump first');
    const cause = heaterTripCauseNow(m, s);
    if (cause) return no(`cannot start: ${cause}`);
    beginPurge(s); // every start, a relight after a trip included, purges first
    h.lowFlowTimer_s = 0;
    return OK;
  },
  heaterStop(_m, s) {
    const h = s.hotOil;
    if (h.heaterMode !== 'tripped' && h.heaterMode !== 'off') {
      const fired = h.heaterMode === 'running' || h.heaterMode === 'lightoff';
      h.heaterMode = 'off';
      h.firing_frac = 0;
      h.bms.flame = false;
      h.bms.warmup = false;
      h.bms.phase = fired ? 'postPurge' : 'idle';
      h.bms.phaseTimer_s = 0;
    }
    return OK;
  },
};

import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { createRelay } from '../control/tune/relay';
import { endRelay, HEATER, loopDefaults, loopError, loopState, setLoopMode } from '../control/tune/loops';
import { controllerTank, no, OK, type CommandHandlers, type CommandResult } from './handler';

// Commands of loop tuning: relay auto-tune, PI gains, gain scheduling and adaptive mode, on a tank TIC or
// the heater's supply loop (control/tune/*).

/** The loop a tuning command names: a tank's index, HEATER, or a refusal. */
function loopOf(m: Model, tag: string): number | CommandResult {
  if (tag === m.plant.hotOil.heater.tag) return HEATER;
  const i = controllerTank(m, tag);
  return i === undefined ? no(`unknown loop ${tag}`) : i;
}

function startRefusal(m: Model, s: SimState, loop: number): string | null {
  if (loop === HEATER) {
    const h = s.hotOil;
    if (h.heaterMode !== 'running' || !h.bms.flame || h.bms.phase !== 'modulating')
      return 'the heater must be firing under control';
    if (h.bms.warmup) return 'the heater is still on its cold-start ramp';
  } else {
    const tank = s.tanks[loop];
    const tm = m.tanks[loop];
    if (tank.pid.mode === 'mpc') return 'the loop is on MPC: put it in auto first';
    if (s.instruments[tm.insTemp].bad) return `${tm.data.instruments.temperature} bad quality`;
    if (tank.highTempTrip || tank.lowLevelCut) return 'the heating is cut (trip or low level)';
  }
  const { e } = loopError(m, s, loop);
  const band = loopDefaults(loop).band_K;
  if (loop === HEATER || s.tanks[loop].pid.mode !== 'manual')
    if (Math.abs(e) > band / 2) return `the PV is ${Math.abs(e).toFixed(1)} K from the set point: let the loop settle`;
  return null;
}

export const tuningHandlers: CommandHandlers<'startAutotune' | 'stopAutotune' | 'setTuning' | 'setTuningMode'> = {
  startAutotune(m, s, c) {
    const loop = loopOf(m, c.tag);
    if (typeof loop !== 'number') return loop;
    if (s.tuning?.[c.tag]?.relay) return no('an auto-tune is already running on this loop');
    const why = startRefusal(m, s, loop);
    if (why) return no(why);
    const d = loopDefaults(loop);
    const opts = {
      ...d,
      d_frac: c.relay_frac ?? d.d_frac,
      eps_K: c.hysteresis_K ?? d.eps_K,
      lo_frac: loop === HEATER ? m.plant.hotOil.heater.minFiring : 0,
      hi_frac: 1,
    };
    if (2 * opts.d_frac > opts.hi_frac - opts.lo_frac) return no('the relay is wider than the output range');
    const t = loopState(m, s, loop);
    const { pv, e } = loopError(m, s, loop);
    let relay;
    if (loop === HEATER) relay = createRelay(opts, 'heater', s.hotOil.firing_frac, pv + e, pv, s.t_s);
    else {
      const pid = s.tanks[loop].pid;
      // in manual the relay works about the present temperature; else about the working set point
      const sp = pid.mode === 'manual' ? pv : pid.workingSetpoint_C;
      relay = createRelay(opts, pid.mode, s.tanks[loop].valveTarget_frac, sp, pv, s.t_s);
    }
    t.relay = relay;
    s.events.push({
      type: 'info',
      t_s: s.t_s,
      tag: c.tag,
      message: `auto-tune started: relay ±${(100 * opts.d_frac).toFixed(0)} % about ${(100 * relay.bias_frac).toFixed(0)} %, hysteresis ${opts.eps_K} K`,
    });
    return OK;
  },
  stopAutotune(m, s, c) {
    const loop = loopOf(m, c.tag);
    if (typeof loop !== 'number') return loop;
    if (!s.tuning?.[c.tag]?.relay) return no('no auto-tune is running on this loop');
    endRelay(m, s, loop, 'stopped by the operator');
    return OK;
  },
  setTuning(m, s, c) {
    const loop = loopOf(m, c.tag);
    if (typeof loop !== 'number') return loop;
    if (s.tuning?.[c.tag]?.relay) return no('an auto-tune is running on this loop');
    const t = loopState(m, s, loop);
    const { e } = loopError(m, s, loop);
    // the PI is in position form: move its integral with kp so the output does not jump
    if (loop === HEATER) s.hotOil.integral += (t.kpNow - c.kp) * e;
    else s.tanks[loop].pid.integral += (t.kpNow - c.kp) * e;
    t.kp = t.kpNow = c.kp;
    t.ti_s = t.tiNow_s = c.ti_s;
    if (t.mode !== 'fixed') setLoopMode(m, s, loop, t.mode);
    return OK;
  },
  setTuningMode(m, s, c) {
    const loop = loopOf(m, c.tag);
    if (typeof loop !== 'number') return loop;
    if (c.mode === 'scheduled' && loop === HEATER)
      return no('gain scheduling is on a tank’s level and viscosity; the heater has none');
    if (s.tuning?.[c.tag]?.relay) return no('an auto-tune is running on this loop');
    if (s.tuning?.[c.tag] === undefined && c.mode === 'fixed') return OK; // already: the plant file's gains
    setLoopMode(m, s, loop, c.mode);
    return OK;
  },
};

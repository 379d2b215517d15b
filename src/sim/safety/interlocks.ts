import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { pumpTripped } from '../faultEffects';

// Trips and interlocks, acting at the start of a step on the last step's measurements (as a real
// safety system acts on what its instruments last reported): motor trips, power loss and ESD stop the
// pumps; the hot-oil standby pump starts by auto-changeover; each tank's high-high level, low level
// and high-high temperature (the control PV and the safety system's own element) act on its valves, the
// transfer and its heating.

function stopCause(s: SimState): string {
  return s.esd ? 'emergency shutdown' : 'power failure';
}

/** Hot-oil pumps: trips, power and ESD, and the timed start of the standby pump. */
function stepHotOilPumps(m: Model, s: SimState, dt: number, motorsAllowed: boolean): void {
  const ho = s.hotOil;
  const hp = m.plant.hotOil;
  for (let i = 0; i < ho.pumps.length; i++) {
    const p = ho.pumps[i];
    const tag = hp.pumps[i].tag;
    if (p.running && pumpTripped(s, tag)) {
      p.running = false;
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: 'motor trip' });
      if (hp.autoChangeover && motorsAllowed) ho.changeoverTimer_s = hp.changeoverDelay_s + dt;
    }
    if (p.running && !motorsAllowed) {
      p.running = false;
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: stopCause(s) });
    }
  }
  if (ho.changeoverTimer_s <= 0) return;
  ho.changeoverTimer_s -= dt;
  if (ho.changeoverTimer_s > 0) return;
  ho.changeoverTimer_s = 0;
  let idle = -1;
  let anyRunning = false;
  for (let i = 0; i < hp.pumps.length; i++) {
    if (ho.pumps[i].running) anyRunning = true;
    else if (idle < 0 && !pumpTripped(s, hp.pumps[i].tag)) idle = i;
  }
  if (idle >= 0 && motorsAllowed && !anyRunning) {
    ho.pumps[idle].running = true;
    s.events.push({
      type: 'interlock',
      t_s: s.t_s,
      tag: hp.pumps[idle].tag,
      action: 'standby pump started by auto-changeover',
    });
  }
}

/** Loading pumps and the transfer pump stop on a motor trip, power loss or ESD; ESD closes the MOVs. */
function stepProductPumps(m: Model, s: SimState, motorsAllowed: boolean): void {
  for (let i = 0; i < s.loadingPumps.length; i++) {
    const p = s.loadingPumps[i];
    const tag = m.plant.loading.pumps[i].tag;
    if (!p.running) continue;
    if (pumpTripped(s, tag) || !motorsAllowed) {
      p.running = false;
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: pumpTripped(s, tag) ? 'motor trip' : stopCause(s) });
    }
  }
  if (s.transfer.active && !motorsAllowed) {
    s.transfer.active = false;
    s.events.push({ type: 'trip', t_s: s.t_s, tag: m.plant.transfer.pump, cause: stopCause(s) });
  }
  if (s.esd) {
    for (const tank of s.tanks) {
      tank.outletTarget_frac = 0;
      tank.receiptTarget_frac = 0;
    }
  }
}

export function stepPumpTrips(m: Model, s: SimState, dt: number, motorsAllowed: boolean): void {
  stepHotOilPumps(m, s, dt, motorsAllowed);
  stepProductPumps(m, s, motorsAllowed);
}

/** Per-tank interlocks on the last step's measurements (skipped on the settling step). */
export function stepTankInterlocks(m: Model, s: SimState): void {
  if (s.step === 0) return;
  const transferPump = m.plant.transfer.pump;
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const tank = s.tanks[i];
    const ins = tm.data.instruments;
    const hh = s.instruments[tm.insLevelHH].value > 0.5;
    const level_m = s.instruments[tm.insLevel].value;
    const temp_C = s.instruments[tm.insTemp].value;
    if (hh) {
      if (tank.receiptTarget_frac > 0) {
        tank.receiptTarget_frac = 0;
        s.events.push({
          type: 'interlock',
          t_s: s.t_s,
          tag: tm.data.receiptValve,
          action: `closed by ${ins.levelSwitchHH} high-high level`,
        });
      }
      if (s.transfer.active && s.transfer.to === i) {
        s.transfer.active = false;
        s.events.push({
          type: 'interlock',
          t_s: s.t_s,
          tag: transferPump,
          action: `stopped by ${ins.levelSwitchHH} high-high level`,
        });
      }
    }
    // 0.1 m of hysteresis so the cut-out does not chatter on a level at the limit
    const cut = tank.lowLevelCut ? level_m < tm.cutout_m + 0.1 : level_m < tm.cutout_m;
    if (cut && !tank.lowLevelCut)
      s.events.push({
        type: 'interlock',
        t_s: s.t_s,
        tag: tm.data.coil.valveTag,
        action: 'heating cut out on low level',
      });
    tank.lowLevelCut = cut;
    if (s.transfer.active && s.transfer.from === i && level_m < tm.cutout_m) {
      s.transfer.active = false;
      s.events.push({ type: 'interlock', t_s: s.t_s, tag: transferPump, action: `stopped on ${tm.tag} low level` });
    }
    if (!tank.highTempTrip) stepTempTrip(m, s, i, temp_C);
  }
}

/**
 * Two layers against overheating: the control system's high-high on its own PV (ignored while that PV is
 * bad), and the safety system's independent element with its own trip, which also trips when its element
 * fails (de-energise to trip). A drifting control transmitter then cannot hide a runaway.
 */
function stepTempTrip(m: Model, s: SimState, i: number, temp_C: number): void {
  const tm = m.tanks[i];
  const hh = tm.data.alarms.tempHighHigh_C;
  const sis = s.instruments[tm.insTempSafety];
  let cause = '';
  if (!s.instruments[tm.insTemp].bad && temp_C >= hh) cause = 'tank temperature high-high: heating tripped';
  else if (sis.bad) cause = `${m.instruments[tm.insTempSafety].tag} failed: heating tripped (fail-safe)`;
  else if (sis.value >= hh) cause = `${m.instruments[tm.insTempSafety].tag} independent high-high: heating tripped`;
  if (!cause) return;
  s.tanks[i].highTempTrip = true;
  s.events.push({ type: 'trip', t_s: s.t_s, tag: tm.data.control.tag, cause });
}

import type { Command, CommandOrigin } from './commands';
import type { Model } from './plantIndex';
import type { SimState } from './state';
import { ackAlarm, setAlarmService, shelveAlarm, unshelveAlarm } from './safety/alarms';
import { piTrack } from './control/pid';
import { meanTemp_C } from './components/tank';
import { heaterTripCauseNow } from './components/heater';
import { validateFault } from './faultEffects';
import { loadingPermissive, truckAtOverfill } from './loading';

export type CommandResult = { ok: true } | { ok: false; reason: string };
const OK: CommandResult = { ok: true };
const no = (reason: string): CommandResult => ({ ok: false, reason });
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function tank(m: Model, tag: string): number | undefined {
  return m.tankIndex.get(tag);
}

function controllerTank(m: Model, tag: string): number | undefined {
  const i = m.tanks.findIndex((t) => t.data.control.tag === tag || t.tag === tag);
  return i >= 0 ? i : undefined;
}

/** Apply one command to the state. Never throws: a command that cannot apply comes back with the reason. */
export function applyCommand(m: Model, s: SimState, c: Command, by: CommandOrigin = 'trainee'): CommandResult {
  const r = apply(m, s, c);
  s.events.push(
    r.ok
      ? { type: 'action', t_s: s.t_s, command: c, by, result: 'ok' }
      : { type: 'action', t_s: s.t_s, command: c, by, result: 'rejected', reason: r.reason },
  );
  return r;
}

function apply(m: Model, s: SimState, c: Command): CommandResult {
  switch (c.type) {
    case 'setValve': {
      const v = m.valves.get(c.tag);
      if (!v) return no(`unknown valve ${c.tag}`);
      if (!Number.isFinite(c.opening)) return no('opening must be a number 0..1');
      const t = s.tanks[v.tank];
      if (v.kind === 'coil') {
        if (t.pid.mode !== 'manual')
          return no(`${c.tag} is in ${t.pid.mode}: switch ${m.tanks[v.tank].data.control.tag} to manual first`);
        t.pid.output = clamp01(c.opening);
      } else if (v.kind === 'coilBlock')
        t.blockPos = clamp01(c.opening); // hand-operated: moves as fast as it is turned
      else if (v.kind === 'outlet') t.outletTarget = clamp01(c.opening);
      else t.receiptTarget = clamp01(c.opening);
      return OK;
    }
    case 'setPump': {
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
        if (s.faults.some((f) => f.fault.kind === 'powerFailure')) return no('no power');
        if (s.faults.some((f) => f.fault.kind === 'pumpTrip' && f.fault.pump === c.tag))
          return no(`${c.tag} is tripped`);
        if (li !== undefined) {
          const armI = m.arms.findIndex((a) => a.pump === li);
          const why = armI >= 0 ? loadingPermissive(m, s, armI) : null;
          if (why) return no(why);
        }
      }
      pump.running = c.run;
      return OK;
    }
    case 'setPumpSpeed': {
      const li = m.loadingPumpIndex.get(c.tag);
      if (li === undefined) return no(`${c.tag} has no variable-speed drive`);
      s.loadingPumps[li].speed = clamp01(c.speed);
      return OK;
    }
    case 'setSetpoint': {
      if (c.tag === m.plant.hotOil.heater.tag) {
        if (c.value_C > m.plant.hotOil.heater.tripOilTemp_C - 20)
          return no(`set point must stay 20 K below the ${m.plant.hotOil.heater.tripOilTemp_C} °C trip`);
        s.hotOil.setpoint_C = c.value_C;
        return OK;
      }
      const i = controllerTank(m, c.tag);
      if (i === undefined) return no(`unknown controller ${c.tag}`);
      const lim = m.tanks[i].data.alarms.tempHigh_C;
      if (!(c.value_C >= 20 && c.value_C < lim))
        return no(`set point must be between 20 °C and the ${lim} °C high alarm`);
      s.tanks[i].pid.setpoint_C = c.value_C;
      return OK;
    }
    case 'setMode': {
      const i = controllerTank(m, c.tag);
      if (i === undefined) return no(`unknown controller ${c.tag}`);
      const t = s.tanks[i];
      if (t.pid.mode === c.mode) return OK;
      if (c.mode !== 'manual') {
        // bumpless: start the ramp at the present temperature and back-calculate the integral
        t.pid.workingSetpoint_C =
          s.instruments[m.instrumentIndex.get(m.tanks[i].data.instruments.temperature)!].value || meanTemp_C(t);
        const mem = { integral: 0, output: t.pid.output };
        const ff = m.tanks[i].data.control.feedForward * (t.pid.workingSetpoint_C - s.weather.ambient_C); // as stepControl adds it
        piTrack(mem, m.tanks[i].data.control, t.pid.workingSetpoint_C, t.pid.workingSetpoint_C, ff);
        t.pid.integral = mem.integral;
        t.pid.innerIntegral = t.pid.output;
      }
      t.pid.mode = c.mode;
      return OK;
    }
    case 'setOutput': {
      const i = controllerTank(m, c.tag);
      if (i === undefined) return no(`unknown controller ${c.tag}`);
      if (s.tanks[i].pid.mode !== 'manual') return no(`${c.tag} is not in manual`);
      s.tanks[i].pid.output = clamp01(c.output);
      return OK;
    }
    case 'heaterStart': {
      const h = s.hotOil;
      if (h.heaterMode === 'tripped') return no(`heater tripped (${h.tripCause}): reset first`);
      if (h.heaterMode !== 'off') return OK;
      if (h.flow_kg_s < m.plant.hotOil.heater.lowFlowTrip_kg_s)
        return no('no hot-oil circulation: start a circulation pump first');
      const cause = heaterTripCauseNow(m, s);
      if (cause) return no(`cannot start: ${cause}`);
      h.heaterMode = 'purge';
      h.heaterTimer_s = 0;
      h.lowFlowTimer_s = 0;
      return OK;
    }
    case 'heaterStop':
      if (s.hotOil.heaterMode !== 'tripped') {
        s.hotOil.heaterMode = 'off';
        s.hotOil.firing = 0;
      }
      return OK;
    case 'resetTrip': {
      if (c.tag === m.plant.hotOil.heater.tag) {
        if (s.hotOil.heaterMode !== 'tripped') return OK;
        const cause = heaterTripCauseNow(m, { ...s, hotOil: { ...s.hotOil, heaterMode: 'running' } });
        if (cause) return no(`trip cause still present: ${cause}`);
        s.hotOil.heaterMode = 'off';
        s.hotOil.tripCause = '';
        return OK;
      }
      const ti = tank(m, c.tag) ?? controllerTank(m, c.tag);
      if (ti !== undefined) {
        const t = s.tanks[ti];
        const tt = s.instruments[m.instrumentIndex.get(m.tanks[ti].data.instruments.temperature)!].value;
        if (t.highTempTrip && tt >= m.tanks[ti].data.alarms.tempHighHigh_C)
          return no('temperature still above the high-high trip');
        t.highTempTrip = false;
        return OK;
      }
      const ai = m.armIndex.get(c.tag);
      if (ai !== undefined) {
        const a = s.arms[ai];
        if (a.truck.present && truckAtOverfill(a.truck)) return no('truck still at the overfill probe');
        a.overfillTrip = false;
        return OK;
      }
      return no(`nothing to reset on ${c.tag}`);
    }
    case 'esd':
      s.esd = c.active;
      if (c.active)
        s.events.push({
          type: 'interlock',
          t_s: s.t_s,
          tag: 'ESD',
          action: 'all pumps stopped, motor-operated valves closing',
        });
      return OK;
    case 'bayEstop': {
      const b = m.bayIndex.get(c.bay);
      if (b === undefined) return no(`unknown bay ${c.bay}`);
      s.bays[b].estop = c.pressed;
      return OK;
    }
    case 'startReceipt': {
      const i = tank(m, c.tank);
      if (i === undefined) return no(`unknown tank ${c.tank}`);
      if (!(c.flow_kg_s > 0 && c.flow_kg_s <= 100)) return no('receipt flow must be 0–100 kg/s');
      if (!(c.temp_C >= 100 && c.temp_C <= 230)) return no('receipt temperature must be 100–230 °C');
      const t = s.tanks[i];
      if (s.instruments[m.instrumentIndex.get(m.tanks[i].data.instruments.levelSwitchHH)!].value > 0.5)
        return no(`${c.tank} is at high-high level`);
      t.receiptFlow_kg_s = c.flow_kg_s;
      t.receiptTemp_C = c.temp_C;
      t.receiptTarget = 1;
      return OK;
    }
    case 'stopReceipt': {
      const i = tank(m, c.tank);
      if (i === undefined) return no(`unknown tank ${c.tank}`);
      s.tanks[i].receiptTarget = 0;
      return OK;
    }
    case 'startTransfer': {
      const a = tank(m, c.from);
      const b = tank(m, c.to);
      if (a === undefined || b === undefined) return no(`unknown tank ${a === undefined ? c.from : c.to}`);
      if (a === b) return no('source and destination must differ');
      if (!(c.flow_kg_s > 0 && c.flow_kg_s <= m.plant.transfer.maxFlow_kg_s))
        return no(`transfer flow must be 0–${m.plant.transfer.maxFlow_kg_s} kg/s`);
      if (s.esd) return no('emergency shutdown is active');
      s.transfer = { active: true, from: a, to: b, flow_kg_s: c.flow_kg_s, actual_kg_s: 0 };
      return OK;
    }
    case 'stopTransfer':
      s.transfer.active = false;
      return OK;
    case 'truckArrive': {
      const ai = m.armIndex.get(c.arm);
      if (ai === undefined) return no(`unknown arm ${c.arm}`);
      const tr = s.arms[ai].truck;
      if (tr.present) return no(`a truck is already at ${c.arm}`);
      Object.assign(tr, {
        present: true,
        capacity_m3: c.capacity_m3 ?? m.plant.loading.truckCapacity_m3,
        mass_kg: 0,
        energy_J: 0,
        volume_m3: 0,
        temp_C: 0,
      });
      s.arms[ai].metered_kg = 0;
      return OK;
    }
    case 'truckDepart': {
      const ai = m.armIndex.get(c.arm);
      if (ai === undefined) return no(`unknown arm ${c.arm}`);
      const a = s.arms[ai];
      if (!a.truck.present) return no(`no truck at ${c.arm}`);
      if (a.position !== 'parked') return no(`park arm ${c.arm} before the truck leaves`);
      s.acc.loadedOut_kg += a.truck.mass_kg;
      s.acc.loadedOut_J += a.truck.energy_J;
      Object.assign(a.truck, { present: false, mass_kg: 0, energy_J: 0, volume_m3: 0, temp_C: 0 });
      a.overfillTrip = false;
      return OK;
    }
    case 'setArm': {
      const ai = m.armIndex.get(c.arm);
      if (ai === undefined) return no(`unknown arm ${c.arm}`);
      const a = s.arms[ai];
      if (c.position === 'lowered' && !a.truck.present) return no(`no truck under ${c.arm}`);
      if (c.position !== 'lowered' && s.loadingPumps[m.arms[ai].pump].running)
        return no(`stop ${m.plant.loading.pumps[m.arms[ai].pump].tag} before raising the arm`);
      a.position = c.position;
      return OK;
    }
    case 'setPreset': {
      const ai = m.armIndex.get(c.arm);
      if (ai === undefined) return no(`unknown arm ${c.arm}`);
      if (!(c.preset_kg >= 0 && c.preset_kg <= 60000)) return no('preset must be 0–60 000 kg');
      s.arms[ai].preset_kg = c.preset_kg;
      return OK;
    }
    case 'setMixer': {
      const i = tank(m, c.tank);
      if (i === undefined) return no(`unknown tank ${c.tank}`);
      if (!m.tanks[i].data.mixer) return no(`${c.tank} has no mixer`);
      s.tanks[i].mixerOn = c.on;
      return OK;
    }
    case 'drainWater': {
      const i = tank(m, c.tank);
      if (i === undefined) return no(`unknown tank ${c.tank}`);
      s.tanks[i].drainOpen = c.open;
      return OK;
    }
    case 'resetFouling': {
      const i = tank(m, c.tank);
      if (i === undefined) return no(`unknown tank ${c.tank}`);
      s.tanks[i].fouling_m2K_W = 0;
      return OK;
    }
    case 'extinguish': {
      const b = m.bayIndex.get(c.bay);
      if (b === undefined) return no(`unknown bay ${c.bay}`);
      if (c.on && s.bays[b].extinguisherAgent_s <= 0) return no('extinguisher empty');
      s.bays[b].extinguishing = c.on;
      return OK;
    }
    case 'ackAlarm': {
      const i = m.alarmIndex.get(c.id);
      if (i === undefined) return no(`unknown alarm ${c.id}`);
      if (!ackAlarm(m, s, i)) return no(`${c.id} has nothing to acknowledge`);
      return OK;
    }
    case 'ackAll':
      for (let i = 0; i < s.alarms.length; i++) ackAlarm(m, s, i);
      return OK;
    case 'shelveAlarm': {
      const i = m.alarmIndex.get(c.id);
      if (i === undefined) return no(`unknown alarm ${c.id}`);
      if (!(c.duration_s > 0 && c.duration_s <= 8 * 3600)) return no('shelve for 1 s to 8 h');
      shelveAlarm(m, s, i, c.duration_s);
      return OK;
    }
    case 'unshelveAlarm': {
      const i = m.alarmIndex.get(c.id);
      if (i === undefined) return no(`unknown alarm ${c.id}`);
      unshelveAlarm(m, s, i);
      return OK;
    }
    case 'setAlarmService': {
      const i = m.alarmIndex.get(c.id);
      if (i === undefined) return no(`unknown alarm ${c.id}`);
      setAlarmService(m, s, i, c.inService);
      return OK;
    }
    case 'injectFault': {
      const why = validateFault(m, c.fault);
      if (why) return no(why);
      const id = s.nextFaultId++;
      s.faults.push({ id, since_s: s.t_s, fault: structuredClone(c.fault) });
      s.events.push({ type: 'fault', t_s: s.t_s, action: 'inject', id, fault: c.fault });
      onFaultInjected(m, s, c.fault);
      return OK;
    }
    case 'clearFault': {
      const k = s.faults.findIndex((f) => f.id === c.id);
      if (k < 0) return no(`no active fault ${c.id}`);
      const [f] = s.faults.splice(k, 1);
      s.events.push({ type: 'fault', t_s: s.t_s, action: 'clear', id: f.id, fault: f.fault });
      return OK;
    }
    case 'clearAllFaults':
      for (const f of s.faults.splice(0))
        s.events.push({ type: 'fault', t_s: s.t_s, action: 'clear', id: f.id, fault: f.fault });
      return OK;
    case 'setWeather': {
      const w = s.weather;
      if (c.ambientMean_C !== undefined) w.ambientMean_C = c.ambientMean_C;
      if (c.ambientSwing_K !== undefined) w.ambientSwing_K = Math.max(0, c.ambientSwing_K);
      if (c.wind_m_s !== undefined) w.wind_m_s = Math.max(0, c.wind_m_s);
      if (c.rain_mm_h !== undefined) w.rain_mm_h = Math.max(0, c.rain_mm_h);
      if (c.solarPeak_W_m2 !== undefined) w.solarPeak_W_m2 = Math.max(0, c.solarPeak_W_m2);
      if (c.cloudCover !== undefined) w.cloudCover = clamp01(c.cloudCover);
      return OK;
    }
    case 'setTimeOfDay':
      if (!(c.hour >= 0 && c.hour < 24)) return no('hour must be 0–24');
      s.startHour = c.hour - s.t_s / 3600;
      return OK;
    case 'report':
      return OK;
    default:
      return no(`unknown command type ${(c as { type?: unknown }).type}`);
  }
}

function onFaultInjected(m: Model, s: SimState, f: import('./faults').Fault): void {
  switch (f.kind) {
    case 'waterInTank': {
      const t = s.tanks[m.tankIndex.get(f.tank)!];
      // new water arrives at ambient temperature and mixes with any already there
      t.water_C = (t.water_C * t.water_kg + s.weather.ambient_C * f.water_kg) / (t.water_kg + f.water_kg);
      t.water_kg += f.water_kg;
      break;
    }
    case 'receiptOverfill': {
      const t = s.tanks[m.tankIndex.get(f.tank)!];
      t.receiptFlow_kg_s = f.flow_kg_s;
      t.receiptTemp_C = f.temp_C;
      t.receiptTarget = 1;
      break;
    }
    default:
      break; // the other faults act through the step, while they are active
  }
}

import type { Model } from '../plantIndex';
import type { SimState } from '../state';
import { piStep, ramp, type PiMemory, type PiTuning } from './pid';
import { valveStuck } from '../faultEffects';
import { mpcValve, stepMpc } from './mpc/farm';
import { loopTuning, tankRelay } from './tune/loops';

// The tank temperature controllers and the actuators they and the operator move: set-point ramp,
// PI (auto) or PI cascaded onto a coil-flow loop (cascade), forced closure by trips and power loss,
// and the travel of the coil control valves and the motor-operated outlet and receipt valves.

export const MOV_STROKE_S = 30; // motor-operated valve open↔close, typical
export const COIL_FLOW_NOMINAL_KG_S = 4; // cascade outer-loop output range
/** Inner coil-flow loop: fast PI, 0.2 of valve per kg/s, Ti 20 s (tuned on the default plant). */
export const COIL_FLOW_LOOP: PiTuning = { kp: 0.2, ti_s: 20 };

// the cascade's two loops keep their memory in PidState; these carry it through piStep without allocating
const outerMem: PiMemory = { integral: 0, output_frac: 0 };
const innerMem: PiMemory = { integral: 0, output_frac: 0 };

export function moveToward(pos: number, target: number, rate: number, dt: number): number {
  const d = target - pos;
  const max = rate * dt;
  return d > max ? pos + max : d < -max ? pos - max : target;
}

/**
 * A controller whose PV has gone bad stops acting on it: manual, holding the valve where it is (bumpless),
 * with an event; the alarm (alarmDefs, XA_PVBAD) stays until the PV is good again.
 */
function dropToManual(m: Model, s: SimState, i: number): void {
  const tank = s.tanks[i];
  const pid = tank.pid;
  pid.mode = 'manual';
  pid.output_frac = tank.valveTarget_frac;
  s.events.push({
    type: 'interlock',
    t_s: s.t_s,
    tag: m.tanks[i].data.control.tag,
    action: `${m.tanks[i].data.instruments.temperature} bad quality: controller to manual`,
  });
}

export function stepControl(m: Model, s: SimState, dt: number, power: boolean): void {
  if (s.mpc) stepMpc(m, s); // the farm MPC's checks, and its decision when one is due
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const tank = s.tanks[i];
    const c = tm.data.control;
    const pid = tank.pid;
    const pvBad = s.instruments[tm.insTemp].bad;
    if (pvBad && pid.mode !== 'manual') dropToManual(m, s, i);
    const pv_C = s.instruments[tm.insTemp].value;
    pid.workingSetpoint_C = ramp(pid.workingSetpoint_C, pid.setpoint_C, c.rampLimit_K_min / 60, dt);
    const ff = c.feedForward * (pid.workingSetpoint_C - s.weather.ambient_C); // ambient feed-forward
    const forcedClosed = tank.highTempTrip || tank.lowLevelCut || !power; // the TCV fails closed on loss of power/air
    if (s.tuning !== undefined && tankRelay(m, s, i, pv_C, dt, forcedClosed)) {
      // an auto-tune's relay holds the valve (tune/relay.ts)
    } else if (pid.mode === 'auto') {
      piStep(pid, loopTuning(m, s, i, dt), pid.workingSetpoint_C, pv_C, ff, dt);
    } else if (pid.mode === 'mpc') {
      pid.output_frac = mpcValve(s, i); // the opening the last decision chose
    } else if (pid.mode === 'cascade') {
      const tuning = loopTuning(m, s, i, dt); // first: a change of gains moves the integral
      outerMem.integral = pid.integral;
      outerMem.output_frac = pid.output_frac;
      const flowSp_kg_s = piStep(outerMem, tuning, pid.workingSetpoint_C, pv_C, ff, dt) * COIL_FLOW_NOMINAL_KG_S;
      pid.integral = outerMem.integral;
      innerMem.integral = pid.innerIntegral;
      innerMem.output_frac = tank.valveTarget_frac;
      const v = piStep(innerMem, COIL_FLOW_LOOP, flowSp_kg_s, tank.coilFlow_kg_s, 0, dt);
      pid.innerIntegral = innerMem.integral;
      pid.output_frac = outerMem.output_frac;
      tank.valveTarget_frac = v;
    }
    if (pid.mode !== 'cascade') tank.valveTarget_frac = pid.output_frac;
    if (forcedClosed) tank.valveTarget_frac = 0;
    if (!valveStuck(s, tm.data.coil.valveTag))
      tank.valvePos_frac = moveToward(
        tank.valvePos_frac,
        tank.valveTarget_frac,
        1 / tm.data.coil.valveStrokeTime_s,
        dt,
      );
    if (power) {
      if (!valveStuck(s, tm.data.outletValve))
        tank.outletPos_frac = moveToward(tank.outletPos_frac, tank.outletTarget_frac, 1 / MOV_STROKE_S, dt);
      if (!valveStuck(s, tm.data.receiptValve))
        tank.receiptPos_frac = moveToward(tank.receiptPos_frac, tank.receiptTarget_frac, 1 / MOV_STROKE_S, dt);
    }
  }
}

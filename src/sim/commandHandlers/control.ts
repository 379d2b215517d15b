import { piTrack } from '../control/pid';
import { enterMpc, leaveMpc } from '../control/mpc/farm';
import { meanTemp_C } from '../components/tank';
import { clamp01, controllerTank, no, OK, tankPv_C, type CommandHandlers } from './handler';

// Commands on the tank temperature controllers (TIC-xxx) and the heater's set point.

/** Lowest tank set point an operator may choose, °C: the product must stay liquid in the tank. */
export const TANK_SETPOINT_MIN_C = 20;
/** The heater's set point must stay this far below its high-temperature trip, K. */
export const HEATER_SETPOINT_MARGIN_K = 20;

export const controlHandlers: CommandHandlers<'setSetpoint' | 'setMode' | 'setOutput'> = {
  setSetpoint(m, s, c) {
    const heater = m.plant.hotOil.heater;
    if (c.tag === heater.tag) {
      if (c.value_C > heater.tripOilTemp_C - HEATER_SETPOINT_MARGIN_K)
        return no(`set point must stay ${HEATER_SETPOINT_MARGIN_K} K below the ${heater.tripOilTemp_C} °C trip`);
      s.hotOil.setpoint_C = c.value_C;
      return OK;
    }
    const i = controllerTank(m, c.tag);
    if (i === undefined) return no(`unknown controller ${c.tag}`);
    const lim = m.tanks[i].data.alarms.tempHigh_C;
    if (!(c.value_C >= TANK_SETPOINT_MIN_C && c.value_C < lim))
      return no(`set point must be between ${TANK_SETPOINT_MIN_C} °C and the ${lim} °C high alarm`);
    s.tanks[i].pid.setpoint_C = c.value_C;
    return OK;
  },
  setMode(m, s, c) {
    const i = controllerTank(m, c.tag);
    if (i === undefined) return no(`unknown controller ${c.tag}`);
    const tank = s.tanks[i];
    if (tank.pid.mode === c.mode) {
      if (c.mode !== 'mpc') leaveMpc(s, i); // choosing the mode again acknowledges an MPC fallback
      return OK;
    }
    if (c.mode !== 'manual' && s.instruments[m.tanks[i].insTemp].bad)
      return no(`${m.tanks[i].data.instruments.temperature} bad quality: the controller stays in manual`);
    leaveMpc(s, i); // the operator's choice clears an MPC fallback
    if (c.mode === 'mpc') {
      enterMpc(m, s, i); // bumpless: from the valve where it is
      return OK;
    }
    if (c.mode !== 'manual') {
      // bumpless: start the ramp at the present temperature and back-calculate the integral
      const control = m.tanks[i].data.control;
      tank.pid.workingSetpoint_C = tankPv_C(m, s, i) || meanTemp_C(tank);
      const mem = { integral: 0, output_frac: tank.pid.output_frac };
      const ff = control.feedForward * (tank.pid.workingSetpoint_C - s.weather.ambient_C); // as stepControl adds it
      piTrack(mem, control, tank.pid.workingSetpoint_C, tank.pid.workingSetpoint_C, ff);
      tank.pid.integral = mem.integral;
      tank.pid.innerIntegral = tank.pid.output_frac;
    }
    tank.pid.mode = c.mode;
    return OK;
  },
  setOutput(m, s, c) {
    const i = controllerTank(m, c.tag);
    if (i === undefined) return no(`unknown controller ${c.tag}`);
    if (s.tanks[i].pid.mode !== 'manual') return no(`${c.tag} is not in manual`);
    s.tanks[i].pid.output_frac = clamp01(c.output);
    return OK;
  },
};

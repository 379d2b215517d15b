import { no, OK, type CommandHandlers } from './handler';
import { mpcState, MPC_OFF } from '../control/mpc/state';
import { enterMpc, leaveMpc, trackPi } from '../control/mpc/farm';

// Commands of the farm's model-predictive control: plant-wide mode, the heating plan, the weather forecast.
// The MPC's state is created by the first command that needs it (a plant that never used it hashes as before).

export const mpcHandlers: CommandHandlers<'setFarmMode' | 'setHeatingPlan' | 'setWeatherForecast'> = {
  setFarmMode(m, s, c) {
    if (c.mode === 'pi') {
      if (!s.mpc) return OK;
      s.mpc.farm = false;
      for (let i = 0; i < m.tanks.length; i++) {
        const pid = s.tanks[i].pid;
        if (pid.mode === 'mpc') {
          // bumpless: the PI starts from the valve the MPC holds
          pid.output_frac = s.tanks[i].valveTarget_frac;
          trackPi(m, s, i);
          pid.mode = 'auto';
        }
        if (s.mpc.tanks[i].status !== MPC_OFF) leaveMpc(s, i);
      }
      s.mpc.supplyInUse = false;
      return OK;
    }
    // every controller in auto or cascade with a good PV; one in manual stays in the operator's hand
    const ready = m.tanks
      .map((_, i) => i)
      .filter((i) => s.tanks[i].pid.mode !== 'manual' && !s.instruments[m.tanks[i].insTemp].bad);
    if (ready.length === 0) return no('no temperature controller is in auto or cascade with a good measurement');
    mpcState(m, s).farm = true;
    for (const i of ready) if (s.tanks[i].pid.mode !== 'mpc') enterMpc(m, s, i);
    return OK;
  },
  setHeatingPlan(m, s, c) {
    if (c.plan === null) {
      if (s.mpc) s.mpc.plan = null;
      return OK;
    }
    const unknown = c.plan.tanks.find((t) => !m.tankIndex.has(t.tag));
    if (unknown) return no(`the plan names ${unknown.tag}, which is not a tank of this plant`);
    mpcState(m, s).plan = structuredClone(c.plan);
    return OK;
  },
  setWeatherForecast(m, s, c) {
    if (c.forecast === null) {
      if (s.mpc) s.mpc.forecast = null;
      return OK;
    }
    mpcState(m, s).forecast = structuredClone(c.forecast);
    return OK;
  },
};

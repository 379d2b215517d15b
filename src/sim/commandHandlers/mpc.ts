import { no, type CommandHandlers } from './handler';

// Commands of the farm's model-predictive control: plant-wide mode, the heating plan, the weather forecast.
// (Being built: refused with a reason until the controller is in place.)

export const mpcHandlers: CommandHandlers<'setFarmMode' | 'setHeatingPlan' | 'setWeatherForecast'> = {
  setFarmMode: () => no('model-predictive control is not available in this build'),
  setHeatingPlan: () => no('model-predictive control is not available in this build'),
  setWeatherForecast: () => no('model-predictive control is not available in this build'),
};

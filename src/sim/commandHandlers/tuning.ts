import { no, type CommandHandlers } from './handler';

// Commands of loop tuning: relay auto-tune, PI gains, gain scheduling and adaptive mode.
// (Being built: refused with a reason until the tuner is in place.)

export const tuningHandlers: CommandHandlers<'startAutotune' | 'stopAutotune' | 'setTuning' | 'setTuningMode'> = {
  startAutotune: () => no('auto-tune is not available in this build'),
  stopAutotune: () => no('auto-tune is not available in this build'),
  setTuning: () => no('tuning is not available in this build'),
  setTuningMode: () => no('tuning is not available in this build'),
};

import type { Fault } from './faults';

export type ControllerMode = 'auto' | 'manual' | 'cascade';
export type ArmPosition = 'parked' | 'overTruck' | 'lowered';

/** Everything an operator, instructor or scenario can do to the plant. Applied at the start of the next step. */
export type Command =
  | { type: 'setValve'; tag: string; opening: number } // 0..1; MOVs and the coil control valves in manual
  | { type: 'setPump'; tag: string; run: boolean }
  | { type: 'setPumpSpeed'; tag: string; speed: number } // VFD, fraction of max speed
  | { type: 'setSetpoint'; tag: string; value_C: number } // TIC-xxx or the heater
  | { type: 'setMode'; tag: string; mode: ControllerMode }
  | { type: 'setOutput'; tag: string; output: number } // manual output of a TIC, 0..1
  | { type: 'heaterStart' }
  | { type: 'heaterStop' }
  | { type: 'resetTrip'; tag: string } // heater, a tank's high-temperature trip, an arm's overfill trip
  | { type: 'esd'; active: boolean }
  | { type: 'bayEstop'; bay: string; pressed: boolean }
  | { type: 'startReceipt'; tank: string; flow_kg_s: number; temp_C: number }
  | { type: 'stopReceipt'; tank: string }
  | { type: 'startTransfer'; from: string; to: string; flow_kg_s: number }
  | { type: 'stopTransfer' }
  | { type: 'truckArrive'; arm: string; capacity_m3?: number }
  | { type: 'truckDepart'; arm: string }
  | { type: 'setArm'; arm: string; position: ArmPosition }
  | { type: 'setPreset'; arm: string; preset_kg: number }
  | { type: 'setMixer'; tank: string; on: boolean }
  | { type: 'resetFouling'; tank: string }
  | { type: 'drainWater'; tank: string; open: boolean } // the tank's water draw-off valve
  | { type: 'extinguish'; bay: string; on: boolean }
  | { type: 'ackAlarm'; id: string }
  | { type: 'ackAll' }
  | { type: 'shelveAlarm'; id: string; duration_s: number }
  | { type: 'unshelveAlarm'; id: string }
  | { type: 'setAlarmService'; id: string; inService: boolean }
  | { type: 'injectFault'; fault: Fault }
  | { type: 'clearFault'; id: number }
  | { type: 'clearAllFaults' }
  | {
      type: 'setWeather';
      ambientMean_C?: number;
      ambientSwing_K?: number;
      wind_m_s?: number;
      rain_mm_h?: number;
      solarPeak_W_m2?: number;
      cloudCover?: number;
    }
  | { type: 'setTimeOfDay'; hour: number }
  /** An operator's report with no effect on the plant (raise the alarm, withdraw, report a hazard, muster): logged and scored. */
  | { type: 'report'; subject: string; detail?: string };

/** Who issued a command: the trainee, the running scenario, or the instructor. */
export type CommandOrigin = 'trainee' | 'scenario' | 'instructor';

export type CommandType = Command['type'];

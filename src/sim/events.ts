import type { Command, CommandOrigin } from './commands';
import type { Fault } from './faults';

export type AlarmPriority = 'critical' | 'high' | 'medium' | 'low';
export type AlarmStateName = 'normal' | 'unack' | 'ack' | 'rtnUnack' | 'shelved' | 'outOfService';

/** The time-stamped event log: every alarm transition, trip, interlock, operator action and fault. */
export type SimEvent =
  | {
      type: 'alarm';
      t_s: number;
      id: string;
      tag: string;
      priority: AlarmPriority;
      state: AlarmStateName;
      message: string;
    }
  | { type: 'trip'; t_s: number; tag: string; cause: string }
  | { type: 'interlock'; t_s: number; tag: string; action: string }
  | { type: 'action'; t_s: number; command: Command; by: CommandOrigin; result: 'ok' | 'rejected'; reason?: string }
  | { type: 'fault'; t_s: number; action: 'inject' | 'clear'; id: number; fault: Fault }
  | { type: 'info'; t_s: number; tag: string; message: string };

export type SimEventType = SimEvent['type'];

import type { Command, CommandOrigin } from './commands';
import type { Model } from './plantIndex';
import type { SimState } from './state';
import { no, type CommandHandlers, type CommandResult } from './commandHandlers/handler';
import { tankHandlers } from './commandHandlers/tanks';
import { controlHandlers } from './commandHandlers/control';
import { pumpHandlers } from './commandHandlers/pumps';
import { loadingHandlers } from './commandHandlers/loading';
import { safetyHandlers } from './commandHandlers/safety';
import { alarmHandlers } from './commandHandlers/alarms';
import { faultHandlers } from './commandHandlers/faults';
import { weatherHandlers } from './commandHandlers/weather';
import { mpcHandlers } from './commandHandlers/mpc';
import { tuningHandlers } from './commandHandlers/tuning';

// Applying a command: one handler per command type, gathered from the families in commandHandlers/.
// The map's type requires a handler for every type in commandSchema, so a new command cannot be missed.
// Commands arrive here validated against commandSchema (worker, scenario files, replay, CLI actions).

export type { CommandResult } from './commandHandlers/handler';

const handlers: CommandHandlers = {
  ...tankHandlers,
  ...controlHandlers,
  ...pumpHandlers,
  ...loadingHandlers,
  ...safetyHandlers,
  ...alarmHandlers,
  ...faultHandlers,
  ...weatherHandlers,
  ...mpcHandlers,
  ...tuningHandlers,
};

type AnyHandler = (m: Model, s: SimState, c: Command) => CommandResult;

/** Apply one command to the state and log it. Never throws: a command that cannot apply comes back with the reason. */
export function applyCommand(m: Model, s: SimState, c: Command, by: CommandOrigin = 'trainee'): CommandResult {
  const handler = Object.hasOwn(handlers, c.type) ? (handlers[c.type] as AnyHandler) : undefined;
  const r = handler ? handler(m, s, c) : no(`unknown command type ${String((c as { type?: unknown }).type)}`);
  s.events.push(
    r.ok
      ? { type: 'action', t_s: s.t_s, command: c, by, result: 'ok' }
      : { type: 'action', t_s: s.t_s, command: c, by, result: 'rejected', reason: r.reason },
  );
  return r;
}

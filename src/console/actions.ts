import type { SimClient } from '../app/client';
import type { Command } from '../sim/commands';
import type { PlantData } from '../sim/plant/schema';
import { consoleStore } from './consoleStore';
import type { ConsoleAction } from './layout';

// What a press on a console screen does: the same plant commands the desktop faceplate and alarm list
// send (so the debrief words them alike), or a change of what the console shows.

/** The command a press sends, worked out from the plant's latest values; null for a view-only press. */
export function consoleCommand(
  action: ConsoleAction,
  plant: PlantData,
  tank: string | null,
  read: (tag: string) => number,
): Command | null {
  const tk = plant.tanks.find((x) => x.tag === tank);
  switch (action.kind) {
    case 'ack':
      return { type: 'ackAlarm', id: action.id };
    case 'ackAll':
      return { type: 'ackAll' };
    case 'setpointBy': {
      if (!tk) return null;
      const sp = read(`${tk.tag}.setpoint`);
      return Number.isFinite(sp)
        ? { type: 'setSetpoint', tag: tk.control.tag, value_C: Math.round((sp + action.delta_C) * 10) / 10 }
        : null;
    }
    case 'mode':
      return tk ? { type: 'setMode', tag: tk.control.tag, mode: action.mode } : null;
    case 'outputBy': {
      if (!tk) return null;
      // the PI's own output (the valve the MPC chose when under MPC), % → fraction
      const op = read(`${tk.tag}.mpc_valve`);
      if (!Number.isFinite(op)) return null;
      const output = Math.max(0, Math.min(1, Math.round(op + action.delta_pct) / 100));
      return { type: 'setOutput', tag: tk.control.tag, output };
    }
    default:
      return null;
  }
}

/** Carry out a press: change the view, or send the command and show a refusal on the faceplate. */
export async function runConsoleAction(conn: SimClient, plant: PlantData, action: ConsoleAction): Promise<void> {
  const st = consoleStore.getState();
  if (action.kind === 'select') return consoleStore.setState({ tank: action.tank, presses: st.presses + 1 });
  if (action.kind === 'span') return consoleStore.setState({ span_s: action.span_s, presses: st.presses + 1 });
  const c = consoleCommand(action, plant, st.tank, (t) => conn.value(t));
  consoleStore.setState({ presses: st.presses + 1 });
  if (!c) return;
  const r = await conn.command(c);
  // kept as the simulation's English sentence; the faceplate draws it in the page's language (simText)
  consoleStore.setState({ refused: r.ok ? null : r.reason });
}

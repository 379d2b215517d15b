import type { SimState } from '../../state';
import type { PiTuning } from '../pid';

// The tags of a loop's tuning, beside its controller's: the auto-tune's state, the tuning mode and the PI
// gains in use (the plant file's until a tuning command names the loop).

type Add = (name: string, unit: string, description: string, read: (s: SimState) => number) => void;

const MODES = { fixed: 0, scheduled: 1, adaptive: 2 } as const;

/** `${eq}.tune`, `.tune_mode`, `.kp`, `.ti` for the loop `loop` (TIC-xxx or the heater) of equipment eq. */
export function addTuningTags(add: Add, eq: string, loop: string, plant: PiTuning): void {
  add(`${eq}.tune`, '0–3', `${loop} auto-tune (0 none, 1 relay running, 2 done, 3 aborted)`, (s) => {
    const t = s.tuning?.[loop];
    if (t === undefined) return 0;
    if (t.relay) return 1;
    return t.report === undefined ? 0 : t.report.outcome === 'done' ? 2 : 3;
  });
  add(
    `${eq}.tune_mode`,
    '0–2',
    `${loop} tuning mode (0 fixed, 1 scheduled, 2 adaptive)`,
    (s) => MODES[s.tuning?.[loop]?.mode ?? 'fixed'],
  );
  add(`${eq}.kp`, '1/K', `${loop} proportional gain in use (output per K)`, (s) => s.tuning?.[loop]?.kpNow ?? plant.kp);
  add(`${eq}.ti`, 's', `${loop} integral time in use`, (s) => s.tuning?.[loop]?.tiNow_s ?? plant.ti_s);
}

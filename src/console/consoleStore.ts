import { createStore } from 'zustand/vanilla';
import type { RadioLine } from './radio';

// The console's own state: the tank its faceplate and trends show, the trends' time span, the radio log
// and when the last call came (the log's header flashes for a few seconds).

export interface ConsoleState {
  /** The tank the faceplate and the trends show; the first tank until one is picked on the overview. */
  tank: string | null;
  /** The trends' window, plant seconds. */
  span_s: number;
  /** The radio log, newest first. */
  radio: RadioLine[];
  /** Radio calls heard on this page (each sounded once). */
  calls: number;
  /** performance.now() of the last call, for the flash; 0 before any. */
  lastCall_ms: number;
  /** Why the console's last command was refused, or null. */
  refused: string | null;
  /** Presses on the screens that did something (a ray or the mouse), for automation to wait on. */
  presses: number;
}

export const consoleStore = createStore<ConsoleState>(() => ({
  tank: null,
  span_s: 3600,
  radio: [],
  calls: 0,
  lastCall_ms: 0,
  refused: null,
  presses: 0,
}));

/** How long the screens' redraws take (canvas drawing on the main thread; the upload is the GPU's). */
export const consoleDrawStats = { redraws: 0, last_ms: 0, max_ms: 0 };

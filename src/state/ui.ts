import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { dictionaries, type Lang, type StringKey } from '../i18n/strings';

// The page's own slow state: what a person chose to look at and how. The plant's state lives in its
// connection's store (app/plantStore.ts); per-frame values stay in the client's latest frame buffer.

export type ViewMode = 'orbit' | 'walk';

export interface UiState {
  /** The plant could not start (bad plant file or URL): the page shows this text instead of the plant. */
  fatal: string | null;
  /** A banner: the worker crashed and restarted, XR is unavailable, and the like. */
  notice: string | null;
  /** Bad URL parameters and the like, shown once. */
  warnings: string[];
  /** Tag of the equipment whose faceplate is open, or null. */
  selected: string | null;
  /** Desktop camera: orbit round the plant or walk through it. */
  view: ViewMode;
  /** Tanks drawn see-through, showing level and temperature layers. */
  cutaway: boolean;
  /** The side panel open now. */
  panel: 'none' | 'hmi' | 'map' | 'trends' | 'training' | 'records';
  /** Tags shown in the trends panel. */
  trendTags: string[];
  /** Language of every text the trainee reads. */
  lang: Lang;
  /** Where the orbit camera should fly next; seq changes on every request so the same point can repeat. */
  focus: { x: number; y: number; z: number; seq: number; from?: [number, number, number] } | null;
  /** A handwheel is being turned: the orbit camera holds still. */
  dragging: boolean;
  /** The plant view, or the printable sheet of equipment QR codes. */
  page: 'plant' | 'qr';
  /** VR comfort: snap or smooth turning, a vignette while moving, a seated trainee's raised view. */
  comfort: { turn: 'snap' | 'smooth'; vignette: boolean; seated: boolean };
}

export const ui = createStore<UiState>(() => ({
  fatal: null,
  notice: null,
  warnings: [],
  selected: null,
  view: 'orbit',
  cutaway: true,
  panel: 'none',
  trendTags: ['H-201.supply_temp', 'TK-101.temp'],
  lang: 'en',
  focus: null,
  dragging: false,
  page: 'plant',
  comfort: { turn: 'snap', vignette: true, seated: false },
}));

export function useUi<T>(sel: (s: UiState) => T): T {
  return useStore(ui, sel);
}

export function t(key: StringKey, lang: Lang = ui.getState().lang): string {
  return dictionaries[lang][key];
}

export function useT(): (key: StringKey) => string {
  const lang = useUi((s) => s.lang);
  return (key) => dictionaries[lang][key];
}

/** Fly the orbit camera to a point (or, in walk mode, put the walker in front of it). */
export function focusOn(x: number, y: number, z: number, from?: [number, number, number]): void {
  const f = ui.getState().focus;
  ui.setState({ focus: { x, y, z, seq: (f?.seq ?? 0) + 1, ...(from && { from }) } });
}

export function setComfort(patch: Partial<UiState['comfort']>): void {
  ui.setState({ comfort: { ...ui.getState().comfort, ...patch } });
}

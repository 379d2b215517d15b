import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AlarmView, EngineInfo, ScenarioStatus } from '../protocol/frame';
import type { Scenario } from '../scenario/schema';
import type { SimEvent } from '../sim/events';
import { dictionaries, type Lang, type StringKey } from '../i18n/strings';

// Slow UI state only: what changes when a person does something or the plant's structure changes.
// Per-frame values never pass through here; they live in the client's latest frame buffer.

export type ViewMode = 'orbit' | 'walk';

export interface UiState {
  info: EngineInfo | null;
  fatal: string | null; // the plant could not start
  notice: string | null; // crash/restart and other banners
  warnings: string[]; // bad URL parameters and the like
  running: boolean;
  speed: number;
  alarms: AlarmView[];
  events: SimEvent[]; // the newest first, bounded
  selected: string | null;
  view: ViewMode;
  cutaway: boolean;
  panel: 'none' | 'hmi' | 'map' | 'trends' | 'training' | 'records';
  training: TrainingUi | null;
  trendTags: string[];
  lang: Lang;
  lastResult: string | null;
  focus: { x: number; y: number; z: number; seq: number; from?: [number, number, number] } | null;
  dragging: boolean; // a handwheel is being turned: the orbit camera holds still
  page: 'plant' | 'qr';
  comfort: { turn: 'snap' | 'smooth'; vignette: boolean; seated: boolean };
}

export const EVENT_LOG_MAX = 500;

export interface TrainingUi {
  scenario: Scenario;
  runId: string;
  trainee: string;
  phase: 'briefing' | 'running' | 'debrief';
  status: ScenarioStatus | null;
  hint: string | null;
}

export const ui = createStore<UiState>(() => ({
  info: null,
  fatal: null,
  notice: null,
  warnings: [],
  running: false,
  speed: 1,
  alarms: [],
  events: [],
  selected: null,
  view: 'orbit',
  cutaway: true,
  panel: 'none',
  training: null,
  trendTags: ['H-201.supply_temp', 'TK-101.temp'],
  lang: 'en',
  lastResult: null,
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

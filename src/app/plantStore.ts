import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AlarmView, EngineInfo } from '../protocol/frame';
import type { SimEvent } from '../sim/events';
import type { ScenarioStatus } from '../protocol/frame';
import type { Scenario } from '../scenario/schema';
import type { TrainingSession } from './training';
import type { PlantData } from '../sim/plant/schema';

// The slow state of one plant connection: what changes when a person acts or the plant's structure or
// alarm list changes. Per-frame values never pass through here; they stay in the client's latest frame
// buffer. One store per connection, so a page (an instructor console) can watch several plants.

export const EVENT_LOG_MAX = 500;

export interface PlantState {
  /** The plant as the worker validated it, its tags and items; null until the worker has started. */
  info: EngineInfo | null;
  /** The plant file parsed on the page, drawn as a static plant until the worker answers; null before. */
  preview: PlantData | null;
  /** Plant time advances (the worker's clock runs). */
  running: boolean;
  /** Plant seconds per wall second, 0.1–1000. */
  speed: number;
  /** The annunciated alarms, as the worker last sent them (ISA-18.2 states). */
  alarms: AlarmView[];
  /** The plant's event log, newest first, at most EVENT_LOG_MAX. */
  events: SimEvent[];
  /** Why the last command was refused, or null when it was accepted. */
  lastResult: string | null;
  /** The trainee's scenario run on this plant as the page shows it, or null in free play. */
  training: TrainingUi | null;
  /** The run's record keeper (IndexedDB, xAPI statements), or null in free play. */
  session: TrainingSession | null;
}

export interface TrainingUi {
  /** The scenario as validated by the worker. */
  scenario: Scenario;
  runId: string;
  /** Who is being trained (as typed in the training panel). */
  trainee: string;
  /** Briefing (clock stopped), running, or the debrief after the end. */
  phase: 'briefing' | 'running' | 'debrief';
  /** The scenario's status as the worker last sent it; null before the first. */
  status: ScenarioStatus | null;
  /** The last hint asked for, or null. */
  hint: string | null;
  /** Why the training record could not be written lately (it is kept and tried again), or null. */
  saveError?: string | null;
  /** otherTab: another tab tried to resume this run (and was refused). */
  notice?: 'otherTab' | null;
}

export type PlantStore = StoreApi<PlantState>;

export function createPlantStore(initial: Partial<Pick<PlantState, 'running' | 'speed'>> = {}): PlantStore {
  return createStore<PlantState>(() => ({
    info: null,
    preview: null,
    running: false,
    speed: 1,
    alarms: [],
    events: [],
    lastResult: null,
    training: null,
    session: null,
    ...initial,
  }));
}

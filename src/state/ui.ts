import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { dictionaries, type Lang, type StringKey } from '../i18n/strings';

// The page's own slow state: what a person chose to look at (the camera and VR comfort have their own
// stores: state/camera.ts, state/comfort.ts). The plant's state lives in its
// connection's store (app/plantStore.ts); per-frame values stay in the client's latest frame buffer.

export interface UiState {
  /** The plant could not start (bad plant file or URL): the page shows this text instead of the plant. */
  fatal: string | null;
  /** A banner: the worker crashed and restarted, XR is unavailable, and the like. */
  notice: string | null;
  /** Bad URL parameters and the like, shown once. */
  warnings: string[];
  /** Tag of the equipment whose faceplate is open, or null. */
  selected: string | null;
  /** The side panel open now. */
  panel: 'none' | 'hmi' | 'map' | 'trends' | 'training' | 'records' | 'quality' | 'validation' | 'twin' | 'energy';
  /** Tags shown in the trends panel. */
  trendTags: string[];
  /** Language of every text the trainee reads. */
  lang: Lang;
  /** The plant view, or the printable sheet of equipment QR codes. */
  page: 'plant' | 'qr';
}

export const ui = createStore<UiState>(() => ({
  fatal: null,
  notice: null,
  warnings: [],
  selected: null,
  panel: 'none',
  trendTags: ['H-201.supply_temp', 'TK-101.temp'],
  lang: 'en',
  page: 'plant',
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

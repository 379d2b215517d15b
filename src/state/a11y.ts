import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

// Accessibility settings, chosen in the toolbar's Display menu and kept in this browser's localStorage so
// that a trainee who needs them sets them once. Whatever is stored is checked on load: a field that is
// missing, of the wrong type or out of range takes its default, so an old or hand-edited entry never breaks
// the page.

export const HEAT_PALETTES = ['standard', 'cividis'] as const;
export type HeatPalette = (typeof HEAT_PALETTES)[number];
/** The text sizes offered, as a factor of the normal size. */
export const TEXT_SCALES = [1, 1.25, 1.5] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

export interface A11ySettings {
  /**
   * The heat map's colours (the tanks' product temperature in 3D and the legend): the standard blue-to-red
   * ramp, or cividis, whose blue-to-yellow ramp reads the same to red-green colour-blind eyes and rises in
   * lightness from end to end, so it also reads in greyscale.
   */
  palette: HeatPalette;
  /** Size of the page's text and panels, as a factor of the normal size (the 3D view is not scaled). */
  textScale: TextScale;
  /** Captions for the plant's sounds (alarm horn, hiss, pump hum, heater roar) on the desktop and the VR panel. */
  captions: boolean;
}

export const A11Y_DEFAULTS: A11ySettings = { palette: 'standard', textScale: 1, captions: false };
export const A11Y_STORAGE_KEY = 'tanktwin.a11y';

/** The settings read from anything (parsed JSON or not): each valid field kept, every other at its default. */
export function validateA11y(raw: unknown): A11ySettings {
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const palette = HEAT_PALETTES.find((p) => p === o.palette) ?? A11Y_DEFAULTS.palette;
  const textScale = TEXT_SCALES.find((s) => s === o.textScale) ?? A11Y_DEFAULTS.textScale;
  const captions = typeof o.captions === 'boolean' ? o.captions : A11Y_DEFAULTS.captions;
  return { palette, textScale, captions };
}

/** The stored settings, or the defaults where storage is unavailable, empty or holds something else. */
export function loadA11y(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): A11ySettings {
  try {
    const s = storage?.getItem(A11Y_STORAGE_KEY);
    return validateA11y(s ? JSON.parse(s) : null);
  } catch {
    return { ...A11Y_DEFAULTS };
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage refused (privacy settings): the defaults, unsaved
  }
}

export const a11yStore = createStore<A11ySettings>(() => loadA11y());

export function useA11y<T>(sel: (s: A11ySettings) => T): T {
  return useStore(a11yStore, sel);
}

/** Change settings (validated) and save them. */
export function setA11y(patch: Partial<A11ySettings>): void {
  const next = validateA11y({ ...a11yStore.getState(), ...patch });
  a11yStore.setState(next);
  try {
    safeStorage()?.setItem(A11Y_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // full or refused: the setting holds for this visit
  }
}

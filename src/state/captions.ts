import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StringKey } from '../i18n/strings';

// Captions for the plant's sounds: scene/Audio.tsx evaluates which cues sound (whether or not the browser
// has let audio start) and publishes them here when they change; the desktop caption strip and the VR
// panel's caption line read them in words.

export type CueKind = 'horn' | 'hiss' | 'roar' | 'hum';
/** One caption: a kind of sound and the equipment it comes from (none for the control room's horn). */
export interface Caption {
  kind: CueKind;
  tags: string[];
}
/** A sound source as far as captions care: its kind and its name (`<tag>-<kind>`, or alarm-horn). */
export interface CueSource {
  kind: CueKind;
  name: string;
}

// the horn first (it calls for action), then escaping steam or gas, then the running machinery
const ORDER: CueKind[] = ['horn', 'hiss', 'roar', 'hum'];
const KEYS: Record<CueKind, StringKey> = {
  horn: 'a11y.cue.horn',
  hiss: 'a11y.cue.hiss',
  roar: 'a11y.cue.roar',
  hum: 'a11y.cue.hum',
};

/** The captions for the sources that sound now (on[i] for sources[i]): one per kind, its tags in plant order. */
export function deriveCaptions(sources: readonly CueSource[], on: readonly boolean[]): Caption[] {
  const out: Caption[] = [];
  for (const kind of ORDER) {
    const tags: string[] = [];
    let any = false;
    sources.forEach((s, i) => {
      if (s.kind !== kind || !on[i]) return;
      any = true;
      const suffix = `-${kind}`;
      if (kind !== 'horn' && s.name.endsWith(suffix)) {
        const tag = s.name.slice(0, -suffix.length);
        if (!tags.includes(tag)) tags.push(tag);
      }
    });
    if (any) out.push({ kind, tags });
  }
  return out;
}

/** A caption in words, in the language of t. */
export function captionText(c: Caption, t: (k: StringKey) => string): string {
  return t(KEYS[c.kind]).replace('{tags}', c.tags.join(', '));
}

export const captionStore = createStore<{ cues: Caption[] }>(() => ({ cues: [] }));

export function useCaptions(): Caption[] {
  return useStore(captionStore, (s) => s.cues);
}

/** Called by scene/Audio.tsx when a source starts or stops sounding (never per frame). */
export function publishCues(sources: readonly CueSource[], on: readonly boolean[]): void {
  captionStore.setState({ cues: deriveCaptions(sources, on) });
}

import type { PositionalAudio } from 'three';

// Spatial sound sources (built by scene/Audio.tsx), kept here so automation can list what plays.

export interface Source {
  name: string;
  x: number;
  y: number;
  z: number;
  kind: 'horn' | 'hum' | 'roar' | 'hiss';
  on: () => boolean;
  audio?: PositionalAudio;
}
/** The page's synthesised sound: whether audio has started (after a user gesture) and every source. */
export const audioState = { started: false, sources: [] as Source[] };

/** Names of the sources playing now. */
export function playingSounds(): string[] {
  return audioState.sources.filter((s) => s.audio?.isPlaying).map((s) => s.name);
}

import { useEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { AudioListener, PositionalAudio } from 'three';
import type { PlantData } from '../sim/plant/schema';
import { usePlantConnection } from '../app/PlantConnection';
import { audioState, type Source } from '../state/audio';
import { publishCues } from '../state/captions';

// Spatial sound, synthesised (no files to fetch offline): the alarm horn at the control room while any
// alarm is unacknowledged, pump hum at each running pump, the heater's roar while it fires, and hiss
// where steam or gas escapes. Starts on the first user gesture, as browsers require.

export const AUDIO_REFRESH_MS = 250;

function buffer(ctx: AudioContext, kind: Source['kind']): AudioBuffer {
  const sr = ctx.sampleRate;
  const len = kind === 'horn' ? sr : sr * 2;
  const b = ctx.createBuffer(1, len, sr);
  const d = b.getChannelData(0);
  let lp = 0;
  for (let i = 0; i < len; i++) {
    const t = i / sr;
    const n = Math.random() * 2 - 1;
    switch (kind) {
      case 'horn':
        d[i] = 0.5 * Math.sign(Math.sin(2 * Math.PI * (t % 1 < 0.5 ? 620 : 780) * t));
        break; // two-tone
      case 'hum':
        d[i] = 0.5 * Math.sin(2 * Math.PI * 100 * t) + 0.2 * Math.sin(2 * Math.PI * 300 * t) + 0.05 * n;
        break;
      case 'roar':
        lp += (n - lp) * 0.02;
        d[i] = 3 * lp;
        break; // low-passed noise
      case 'hiss':
        d[i] = 0.4 * (n - lp);
        lp = n;
        break; // high-passed noise
    }
  }
  return b;
}

export function PlantAudio({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const camera = useThree((s) => s.camera);
  const listener = useRef<AudioListener | null>(null);
  const sources = useMemo<Source[]>(() => {
    const c = conn;
    const v = (tag: string) => c.value(tag);
    const cr = plant.buildings.find((b) => b.kind === 'controlRoom');
    const list: Source[] = [];
    if (cr)
      list.push({
        name: 'alarm-horn',
        x: cr.position.x,
        y: cr.size.y + 1,
        z: cr.position.z,
        kind: 'horn',
        // advisories (the live twin's early warnings) are listed, never sounded
        on: () => conn.store.getState().alarms.some((a) => a.state === 'unack' && a.alarmClass !== 'advisory'),
      });
    const h = plant.hotOil.heater;
    list.push({
      name: `${h.tag}-roar`,
      x: h.position.x,
      y: 4,
      z: h.position.z,
      kind: 'roar',
      on: () => v(`${h.tag}.duty`) > 0,
    });
    for (const p of plant.hotOil.pumps)
      list.push({
        name: `${p.tag}-hum`,
        x: p.position.x,
        y: 0.6,
        z: p.position.z,
        kind: 'hum',
        on: () => v(`${p.tag}.running`) > 0.5,
      });
    for (const st of plant.loading.stations)
      for (const b of st.bays)
        for (const a of b.arms)
          list.push({
            name: `${a.pump}-hum`,
            x: a.position.x - 2,
            y: 0.6,
            z: a.position.z - 3,
            kind: 'hum',
            on: () => v(`${a.pump}.running`) > 0.5,
          });
    for (const t of plant.tanks)
      list.push({
        name: `${t.tag}-hiss`,
        x: t.position.x,
        y: t.shellHeight_m + 1,
        z: t.position.z,
        kind: 'hiss',
        on: () => v(`${t.tag}.steam`) > 0.005 || v(`${t.tag}.h2s`) > 5,
      });
    audioState.sources = list;
    return list;
  }, [plant, conn]);

  useEffect(() => {
    const start = () => {
      if (listener.current) return;
      const l = new AudioListener();
      camera.add(l);
      listener.current = l;
      const ctx = l.context;
      const buffers = {
        horn: buffer(ctx, 'horn'),
        hum: buffer(ctx, 'hum'),
        roar: buffer(ctx, 'roar'),
        hiss: buffer(ctx, 'hiss'),
      };
      for (const s of sources) {
        const a = new PositionalAudio(l);
        a.setBuffer(buffers[s.kind]);
        a.setLoop(true);
        a.setRefDistance(s.kind === 'horn' ? 30 : 4);
        a.setVolume(s.kind === 'horn' ? 0.6 : 0.3);
        a.position.set(s.x, s.y, s.z);
        a.updateMatrixWorld();
        s.audio = a;
      }
      audioState.started = true;
    };
    window.addEventListener('pointerdown', start, { once: true });
    window.addEventListener('keydown', start, { once: true });
    return () => {
      window.removeEventListener('pointerdown', start);
      window.removeEventListener('keydown', start);
    };
  }, [camera, sources]);

  const last = useRef(0);
  // which cues sound, kept even before audio may start: the captions (state/captions.ts) follow them
  const on = useMemo(() => sources.map(() => false), [sources]);
  useEffect(() => publishCues(sources, on), [sources, on]);
  useFrame(() => {
    const now = performance.now();
    if (now - last.current < AUDIO_REFRESH_MS) return;
    last.current = now;
    let changed = false;
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      const want = s.on();
      if (want !== on[i]) {
        on[i] = want;
        changed = true;
      }
      const a = s.audio;
      if (!a) continue;
      if (want && !a.isPlaying) a.play();
      else if (!want && a.isPlaying) a.stop();
    }
    if (changed) publishCues(sources, on);
  });
  return null;
}

// The radio call's sound, synthesised (nothing to fetch offline): a burst of squelch, the talk-permit
// chirp rising 1.2 → 1.8 kHz, and the squelch tail. Its own small audio context, made at the first call
// (a report is a click or a select, the user gesture browsers ask for before sound).

export const radioAudio = { calls: 0, ctx: null as AudioContext | null };

function noise(ctx: AudioContext, at: number, dur_s: number, gain: number): void {
  const n = Math.ceil(ctx.sampleRate * dur_s);
  const b = ctx.createBuffer(1, n, ctx.sampleRate);
  const d = b.getChannelData(0);
  for (let i = 0; i < n; i++) d[i] = Math.random() * 2 - 1;
  const src = ctx.createBufferSource();
  src.buffer = b;
  const band = ctx.createBiquadFilter();
  band.type = 'bandpass';
  band.frequency.value = 2200;
  band.Q.value = 0.8;
  const g = ctx.createGain();
  g.gain.setValueAtTime(gain, at);
  g.gain.exponentialRampToValueAtTime(0.001, at + dur_s);
  src.connect(band).connect(g).connect(ctx.destination);
  src.start(at);
}

/** Sound one radio call (counted whether or not the page may sound yet). */
export function playRadioCall(): void {
  radioAudio.calls++;
  const AC = globalThis.AudioContext;
  if (!AC) return;
  const ctx = (radioAudio.ctx ??= new AC());
  if (ctx.state === 'suspended') void ctx.resume();
  const t0 = ctx.currentTime + 0.02;
  noise(ctx, t0, 0.12, 0.25);
  const osc = ctx.createOscillator();
  osc.type = 'square';
  osc.frequency.setValueAtTime(1200, t0 + 0.12);
  osc.frequency.linearRampToValueAtTime(1800, t0 + 0.22);
  const g = ctx.createGain();
  g.gain.setValueAtTime(0, t0);
  g.gain.setValueAtTime(0.08, t0 + 0.12);
  g.gain.setValueAtTime(0, t0 + 0.22);
  osc.connect(g).connect(ctx.destination);
  osc.start(t0 + 0.12);
  osc.stop(t0 + 0.24);
  noise(ctx, t0 + 0.26, 0.18, 0.15);
}

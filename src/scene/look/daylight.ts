// The light of the plant's day from the sun's elevation alone: how strong and how warm the sun is, how
// much the sky (the environment map) lights, the background colour, and whether the site lamps are on.
// Intensities are three.js physical units under ACES tone mapping, tuned by eye against screenshots.

export interface Daylight {
  /** The one directional light: the sun by day, a faint moon by night. */
  keyIntensity: number;
  keyColor: [number, number, number];
  /** True while the key light stands for the moon (its direction then is fixed, not the sun's). */
  moon: boolean;
  /** Environment map (sky) and hemisphere fill multipliers. */
  envIntensity: number;
  fillIntensity: number;
  /** Background (sky) colour, linear RGB. */
  sky: [number, number, number];
  /** 0 by day … 1 at full night: lamp brightness and the self-lit heat map and status colours. */
  night: number;
  /** The photocell: site lamps switch on below this sun elevation. */
  lampsOn: boolean;
}

/** Sun elevation, degrees, below which the photocells switch the site lamps on (they come on before sunset). */
export const LAMPS_ON_BELOW_DEG = 3;

const SUN_HIGH: [number, number, number] = [1, 0.96, 0.9];
const SUN_LOW: [number, number, number] = [1, 0.55, 0.3];
const MOON: [number, number, number] = [0.55, 0.65, 1];
const SKY_DAY: [number, number, number] = [0.5, 0.64, 0.82];
const SKY_DUSK: [number, number, number] = [0.78, 0.42, 0.3];
const SKY_NIGHT: [number, number, number] = [0.004, 0.007, 0.018];

function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

function mix(a: readonly number[], b: readonly number[], t: number, out: [number, number, number]): void {
  for (let i = 0; i < 3; i++) out[i] = a[i] + (b[i] - a[i]) * t;
}

export function newDaylight(): Daylight {
  return {
    keyIntensity: 0,
    keyColor: [1, 1, 1],
    moon: false,
    envIntensity: 1,
    fillIntensity: 0,
    sky: [0, 0, 0],
    night: 0,
    lampsOn: false,
  };
}

/** The daylight at a sun elevation in degrees, written into `out` (no allocation: called from the frame loop). */
export function daylight(elevation_deg: number, out: Daylight = newDaylight()): Daylight {
  const e = elevation_deg;
  const sun = smoothstep(-1, 20, e);
  const moon = 0.12 * smoothstep(-2, -10, e);
  out.moon = e < -2;
  out.keyIntensity = out.moon ? moon : 2.8 * sun;
  if (out.moon) mix(MOON, MOON, 0, out.keyColor);
  else mix(SUN_LOW, SUN_HIGH, smoothstep(0, 25, e), out.keyColor);
  const sky = smoothstep(-10, 12, e);
  out.envIntensity = 0.03 + 0.97 * sky;
  out.fillIntensity = 0.02 + 0.3 * sky;
  mix(SKY_NIGHT, SKY_DAY, sky, out.sky);
  // the horizon's glow is strongest with the sun just below it
  const dusk = Math.max(0, 1 - Math.abs(e + 1) / 9);
  mix(out.sky, SKY_DUSK, 0.6 * dusk, out.sky);
  out.night = smoothstep(6, -8, e);
  out.lampsOn = e < LAMPS_ON_BELOW_DEG;
  return out;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plantCopy, sim } from '../helpers';
import {
  ambientAt,
  meanAmbient,
  parseWeatherFile,
  parseWeatherText,
  simWeatherAhead,
  weatherOnPlantTime,
} from '../../../src/energy/weatherForecast';
import { weatherForecastSchema } from '../../../src/sim/control/mpc/schema';
import { Simulation } from '../../../src/sim/simulation';
import { updateWeather } from '../../../src/sim/components/weather';

const COLD = JSON.parse(readFileSync('models/weather/cold-night.json', 'utf8')) as Record<string, unknown>;

describe('weather forecast files', () => {
  it('the shipped cold night loads, on plant time from now, into the plant contract', () => {
    const r = parseWeatherFile(COLD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = weatherOnPlantTime(r.value, { t_s: 7200 });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(weatherForecastSchema.safeParse(f.value).success).toBe(true);
    expect(f.value.t0_s).toBe(7200);
    expect(f.value.step_s).toBe(3600);
    expect(Math.min(...f.value.ambient_C)).toBeLessThan(10); // the cold night
    expect(f.value.solar_W_m2?.length).toBe(f.value.ambient_C.length);
  });

  it('a bad sample is named by its path', () => {
    const ambient = (COLD.ambient_C as number[]).slice();
    ambient[12] = 99;
    const r = parseWeatherFile({ ...COLD, ambient_C: ambient });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(['ambient_C[12]']);
  });

  it('series of different lengths, unknown fields and bad JSON are named', () => {
    const r = parseWeatherFile({ ...COLD, wind_m_s: [1, 2, 3], rainfall: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['(root)', 'wind_m_s']);
    const t = parseWeatherText('{"schemaVersion": 1,');
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.errors[0].path).toBe('(root)');
  });

  it('a dated file is placed by the clock; samples before plant time 0 are dropped', () => {
    const r = parseWeatherFile({ ...COLD, start: '2026-12-01T06:00:00Z' });
    if (!r.ok) throw new Error('parse');
    const now_ms = Date.parse('2026-12-01T08:30:00Z');
    const later = weatherOnPlantTime(r.value, { t_s: 36000, now_ms });
    if (!later.ok) throw new Error('place');
    expect(later.value.t0_s).toBe(36000 - 2.5 * 3600);
    const early = weatherOnPlantTime(r.value, { t_s: 3600, now_ms });
    if (!early.ok) throw new Error('place');
    // 2.5 h before a plant time of 1 h: the first two samples fall before 0
    expect(early.value.t0_s).toBe(1800);
    expect(early.value.ambient_C[0]).toBe((COLD.ambient_C as number[])[2]);
  });

  it('interpolates between samples and averages over a step', () => {
    const f = { t0_s: 100, step_s: 3600, ambient_C: [10, 20, 40] };
    expect(ambientAt(f, 100 + 1800)).toBe(15);
    expect(ambientAt(f, 0)).toBe(10);
    expect(ambientAt(f, 1e9)).toBe(40);
    expect(meanAmbient(f, 100, 7200)).toBeCloseTo(22.5, 12); // (15·1 h + 30·1 h) / 2 h
  });
});

describe("the sim's own weather ahead", () => {
  it('is what the model then computes, hour by hour', () => {
    const s = new Simulation(plantCopy(), { initial: { startHour: 20 }, dt_s: 10 });
    s.step(123); // off the hour
    const ahead = simWeatherAhead(structuredClone(s.state), 3600, 14);
    expect(ahead.t0_s).toBe(s.state.t_s);
    for (let k = 0; k < 14; k++) {
      // weather.ts's formula at that time exactly
      const at = structuredClone(s.state);
      at.t_s = ahead.t0_s + k * 3600;
      updateWeather(at);
      expect(ahead.ambient_C[k], `hour ${k}`).toBeCloseTo(at.weather.ambient_C, 12);
      expect(ahead.solar_W_m2![k]).toBeCloseTo(at.weather.solar_W_m2, 12);
      // and the model run there (its weather is the step's start, one 10 s step behind)
      s.runUntil(ahead.t0_s + k * 3600);
      expect(ahead.ambient_C[k]).toBeCloseTo(s.state.weather.ambient_C, 2);
    }
  });

  it('holds measured (forced) weather', () => {
    const s = sim();
    s.state.weather.forced = { ambient_C: 12, solar_W_m2: null };
    const ahead = simWeatherAhead(s.state, 3600, 5);
    expect(ahead.ambient_C).toEqual([12, 12, 12, 12, 12]);
  });
});

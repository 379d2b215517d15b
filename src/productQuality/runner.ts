import type { PlantData } from '../sim/plant/schema';
import type { Snapshot } from '../sim/snapshot';
import type { FieldError } from '../sim/plant/load';
import { forecastRequest, limsRequest, qualityInfo, type Answer, type ForecastReply, type LimsReply } from './requests';

// Where the quality panel's requests are answered: the station (/api/twin/quality, the live plant) or the page
// itself (the trainer's simulated plant: the model runs here, from the simulation's snapshot).

export interface QualityInfo {
  products: { id: string; name: string; spec: unknown; viscosity: { A: number; B: number } }[];
  example: unknown;
}

export interface QualityRunner {
  info(): Promise<Answer<QualityInfo>>;
  forecast(body: unknown): Promise<Answer<ForecastReply>>;
  lims(csv: string): Promise<Answer<LimsReply>>;
}

/** The station's route at `api` (e.g. `${station}/api/twin/quality`). */
export function httpQualityRunner(api: string, fetcher: typeof fetch = (...a) => fetch(...a)): QualityRunner {
  const call = async <T>(path: string, body?: unknown): Promise<Answer<T>> => {
    try {
      const res = await fetcher(`${api}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const j = (await res.json()) as { errors?: FieldError[]; error?: string };
      if (res.ok) return { ok: true, value: j as T };
      return { ok: false, errors: j.errors ?? [{ path: `HTTP ${res.status}`, message: j.error ?? res.statusText }] };
    } catch (e) {
      return { ok: false, errors: [{ path: `${api}${path}`, message: (e as Error).message }] };
    }
  };
  return {
    info: () => call<QualityInfo>(''),
    forecast: (body) => call<ForecastReply>('/forecast', body),
    lims: (csv) => call<LimsReply>('/lims', { csv }),
  };
}

/**
 * The model run in the page from the simulated plant's snapshot (the trainer): the same answers as the route.
 * `now_ms` gives the simulated plant's clock time when it has one (NaN: hours count from now).
 */
export function localQualityRunner(
  plant: PlantData,
  snapshot: () => Promise<Snapshot | null>,
  example: unknown,
  now_ms: () => number = () => Number.NaN,
  clock: () => number = () => performance.now(),
): QualityRunner {
  return {
    info: () => Promise.resolve({ ok: true, value: qualityInfo(plant, example) as QualityInfo }),
    async forecast(body) {
      const snap = await snapshot();
      if (!snap) return { ok: false, errors: [{ path: 'simulation', message: 'the simulated plant has not started' }] };
      const start = { snapshotFor: () => snap, now_ms: now_ms(), from: 'simulated' };
      return forecastRequest(plant, body, start, clock);
    },
    lims: (csv) => Promise.resolve(limsRequest(plant, { csv })),
  };
}

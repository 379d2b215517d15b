import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';

// The side panels, the faceplate, the debrief and the QR page, loaded when first shown: their code (and uPlot's, qrcode's) is about a
// fifth of the page's script, and the plant's first frame waits for none of it. Once the plant runs,
// prefetchPanels() fetches them all in the background, so a panel opened later shows without a wait.

const loaders = {
  hmi: () => import('./ui/Hmi'),
  map: () => import('./ui/PlantMap'),
  trends: () => import('./ui/TrendsPanel'),
  training: () => import('./ui/TrainingPanel'),
  records: () => import('./ui/RecordsPanel'),
  quality: () => import('./live/DataQualityPanel'),
  validation: () => import('./live/shadow/ValidationPanel'),
  twin: () => import('./live/twin/TwinPanel'),
  energy: () => import('./ui/energy/EnergyPanel'),
  qr: () => import('./ui/QrPage'),
  faceplate: () => import('./ui/Faceplate'),
  debrief: () => import('./ui/Debrief'),
};

/**
 * A component whose code loads when first drawn. Unlike a bare lazy(), a load that failed (offline before the
 * precache was done, a chunk a newer build replaced) is tried afresh the next time it is drawn: the panel's
 * error boundary offers that retry without reloading the page and losing the exercise.
 */
export function retryingLazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const make = (): LazyExoticComponent<ComponentType<P>> =>
    lazy(() =>
      load().then(
        (c) => ({ default: c }),
        (e: unknown) => {
          current = make();
          throw e;
        },
      ),
    );
  let current = make();
  return function Lazy(props: P) {
    return createElement(current as ComponentType<P>, props);
  };
}

export const Hmi = retryingLazy(() => loaders.hmi().then((m) => m.Hmi));
export const PlantMap = retryingLazy(() => loaders.map().then((m) => m.PlantMap));
export const TrendsPanel = retryingLazy(() => loaders.trends().then((m) => m.TrendsPanel));
export const TrainingPanel = retryingLazy(() => loaders.training().then((m) => m.TrainingPanel));
export const RecordsPanel = retryingLazy(() => loaders.records().then((m) => m.RecordsPanel));
export const DataQualityPanel = retryingLazy(() => loaders.quality().then((m) => m.DataQualityPanel));
export const ValidationPanel = retryingLazy(() => loaders.validation().then((m) => m.ValidationPanel));
export const TwinPanel = retryingLazy(() => loaders.twin().then((m) => m.TwinPanel));
export const EnergyPanel = retryingLazy(() => loaders.energy().then((m) => m.EnergyPanel));
export const QrPage = retryingLazy(() => loaders.qr().then((m) => m.QrPage));
// the faceplate and the debrief carry the trend chart (uPlot)
export const Faceplate = retryingLazy(() => loaders.faceplate().then((m) => m.Faceplate));
export const Debrief = retryingLazy(() => loaders.debrief().then((m) => m.Debrief));

/** Fetch every panel's code now (the module cache keeps it); a failure shows when the panel is opened. */
export function prefetchPanels(): void {
  for (const load of Object.values(loaders)) load().catch(() => undefined);
}

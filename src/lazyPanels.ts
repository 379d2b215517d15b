import { lazy } from 'react';

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

export const Hmi = lazy(() => loaders.hmi().then((m) => ({ default: m.Hmi })));
export const PlantMap = lazy(() => loaders.map().then((m) => ({ default: m.PlantMap })));
export const TrendsPanel = lazy(() => loaders.trends().then((m) => ({ default: m.TrendsPanel })));
export const TrainingPanel = lazy(() => loaders.training().then((m) => ({ default: m.TrainingPanel })));
export const RecordsPanel = lazy(() => loaders.records().then((m) => ({ default: m.RecordsPanel })));
export const DataQualityPanel = lazy(() => loaders.quality().then((m) => ({ default: m.DataQualityPanel })));
export const ValidationPanel = lazy(() => loaders.validation().then((m) => ({ default: m.ValidationPanel })));
export const TwinPanel = lazy(() => loaders.twin().then((m) => ({ default: m.TwinPanel })));
export const EnergyPanel = lazy(() => loaders.energy().then((m) => ({ default: m.EnergyPanel })));
export const QrPage = lazy(() => loaders.qr().then((m) => ({ default: m.QrPage })));
// the faceplate and the debrief carry the trend chart (uPlot)
export const Faceplate = lazy(() => loaders.faceplate().then((m) => ({ default: m.Faceplate })));
export const Debrief = lazy(() => loaders.debrief().then((m) => ({ default: m.Debrief })));

/** Fetch every panel's code now (the module cache keeps it); a failure shows when the panel is opened. */
export function prefetchPanels(): void {
  for (const load of Object.values(loaders)) load().catch(() => undefined);
}

import type { TwinRouteHandler } from './types';
import { handler as estimates } from './estimates';
import { handler as quality } from './quality';
import { handler as maintenance } from './maintenance';
import { handler as calibrate } from './calibrate';
import { handler as rootcause } from './rootCause';

// Every feature's route module under /api/twin/<feature>: one line each.
export const twinRoutes: Readonly<Record<string, TwinRouteHandler>> = {
  estimates,
  quality,
  maintenance,
  calibrate,
  rootcause,
};

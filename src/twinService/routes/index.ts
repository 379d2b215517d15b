import type { TwinRouteHandler } from './types';
import { handler as estimates } from './estimates';

// Every feature's route module under /api/twin/<feature>: one line each.
export const twinRoutes: Readonly<Record<string, TwinRouteHandler>> = {
  estimates,
};

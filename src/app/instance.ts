import type { SimClient } from './client';

// The one simulation client of the page, set at start-up. Scene and UI read live values through it.
let current: SimClient | null = null;
export function setClient(c: SimClient): void {
  current = c;
}
export function client(): SimClient {
  if (!current) throw new Error('simulation client not started');
  return current;
}

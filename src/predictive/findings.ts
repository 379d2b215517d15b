// What the predictive checks report: one finding per asset that needs attention, with the numbers behind it.
// A work order (workOrders.ts) is made from each; the maintenance panel and the route list them.

export type FindingKind = 'coilFouling' | 'pumpDegradation' | 'heaterEfficiency';
export type Priority = 'low' | 'medium' | 'high';

export interface Finding {
  kind: FindingKind;
  /** The asset's tag: the tank whose coil it is (TK-101), the pump (P-201A), the heater (H-201). */
  asset: string;
  /** One line: what is wrong. */
  finding: string;
  /** One line of numbers behind it. */
  evidence: string;
  priority: Priority;
  /** Time of the newest data the finding rests on, ms since the epoch. */
  detected_ms: number;
  /** When the work should be done by, ms since the epoch. */
  due_ms: number;
  /** What maintenance should do. */
  action: string;
  /** The figures (SI, unit in the name) for machines and charts. */
  figures: Record<string, number>;
}

export const DAY_MS = 86_400_000;

/** Priority from the time left before the limit: under a month high, under a quarter medium, else low. */
export function priorityFromLead(lead_ms: number): Priority {
  if (lead_ms < 30 * DAY_MS) return 'high';
  if (lead_ms < 90 * DAY_MS) return 'medium';
  return 'low';
}

export const fmtDate = (t_ms: number): string =>
  Number.isFinite(t_ms) ? new Date(t_ms).toISOString().slice(0, 10) : 'never';

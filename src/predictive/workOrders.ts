import type { Finding, FindingKind, Priority } from './findings';
import { toCsv } from './csv';

// A CMMS work order per finding. The id is made from the asset, the kind and the day the finding was first
// made, so the same finding raised again the same day is the same order: a receiver can take a repeated POST
// (a retry, a spooled resend) as the same work, and the id doubles as the webhook's idempotency key.

export interface WorkOrder {
  id: string;
  assetTag: string;
  kind: FindingKind;
  finding: string;
  evidence: string;
  priority: Priority;
  /** ISO 8601 dates (UTC). */
  created: string;
  dueDate: string;
  recommendedAction: string;
  figures: Record<string, number>;
}

const KIND_CODE: Record<FindingKind, string> = {
  coilFouling: 'FOUL',
  pumpDegradation: 'PUMP',
  heaterEfficiency: 'HEFF',
};

const day = (t_ms: number) => new Date(t_ms).toISOString().slice(0, 10);

export function workOrderFor(f: Finding): WorkOrder {
  return {
    id: `WO-${f.asset}-${KIND_CODE[f.kind]}-${day(f.detected_ms).replace(/-/g, '')}`,
    assetTag: f.asset,
    kind: f.kind,
    finding: f.finding,
    evidence: f.evidence,
    priority: f.priority,
    created: new Date(f.detected_ms).toISOString(),
    dueDate: day(f.due_ms),
    recommendedAction: f.action,
    // JSON has no Infinity: a limit never reached is left out rather than written as null
    figures: Object.fromEntries(Object.entries(f.figures).filter(([, v]) => Number.isFinite(v))),
  };
}

const PRIORITY_ORDER: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

/** Work orders for the findings, most urgent first (priority, then due date). */
export function workOrders(findings: readonly Finding[]): WorkOrder[] {
  return findings
    .map(workOrderFor)
    .sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a.dueDate.localeCompare(b.dueDate));
}

export const WORK_ORDER_CSV_HEADER = [
  'id',
  'asset_tag',
  'kind',
  'priority',
  'created',
  'due_date',
  'finding',
  'evidence',
  'recommended_action',
] as const;

export function workOrdersCsv(orders: readonly WorkOrder[]): string {
  return toCsv(
    WORK_ORDER_CSV_HEADER,
    orders.map((o) => [
      o.id,
      o.assetTag,
      o.kind,
      o.priority,
      o.created,
      o.dueDate,
      o.finding,
      o.evidence,
      o.recommendedAction,
    ]),
  );
}

export function workOrdersJson(orders: readonly WorkOrder[]): string {
  return JSON.stringify({ workOrders: orders }, null, 2);
}

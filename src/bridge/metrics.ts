import type { BridgeHealth } from '../protocol/live';

// The bridge's counters, and the Prometheus text exposition of them with its health
// (https://prometheus.io/docs/instrumenting/exposition_formats/).

export type WriteOutcome = 'allowed' | 'refused' | 'failed';

export class BridgeMetrics {
  /** Readings delivered per source (a rate of this is the tag update rate). */
  readonly updates = new Map<string, number>();
  /** Readings a source delivered as bad (exception, timeout, bad status, short reply). */
  readonly readErrors = new Map<string, number>();
  /** Readings for no mapped tag of that source, and adapter callbacks that threw. */
  malformed = 0;
  batches = 0;
  samples = 0;
  readonly writes: Record<WriteOutcome, number> = { allowed: 0, refused: 0, failed: 0 };

  add(m: Map<string, number>, key: string, n = 1): void {
    m.set(key, (m.get(key) ?? 0) + n);
  }
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const num = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN');

class Exposition {
  private lines: string[] = [];
  metric(name: string, type: 'gauge' | 'counter', help: string, rows: [Record<string, string>, number][]): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of rows) {
      const l = Object.entries(labels)
        .map(([k, x]) => `${k}="${esc(x)}"`)
        .join(',');
      this.lines.push(`${name}${l ? `{${l}}` : ''} ${num(v)}`);
    }
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

export function prometheusText(h: BridgeHealth, m: BridgeMetrics, historianLag_s?: number | null): string {
  const e = new Exposition();
  const src = (id: string) => ({ source: id });
  e.metric('tanktwin_bridge_up', 'gauge', 'The bridge is running.', [[{}, 1]]);
  e.metric('tanktwin_bridge_uptime_seconds', 'gauge', 'Seconds since the bridge started.', [
    [{}, (h.now_ms - h.started_ms) / 1000],
  ]);
  e.metric('tanktwin_bridge_read_only', 'gauge', '1 when writes are refused (no --allow-write).', [
    [{}, h.readOnly ? 1 : 0],
  ]);
  e.metric(
    'tanktwin_bridge_source_up',
    'gauge',
    'Per source: 1 when connected.',
    h.sources.map((s) => [{ source: s.id, kind: s.kind }, s.state === 'up' ? 1 : 0]),
  );
  e.metric(
    'tanktwin_bridge_source_reconnects_total',
    'counter',
    'Per source: reconnections after a lost connection.',
    h.sources.map((s) => [src(s.id), s.reconnects]),
  );
  e.metric(
    'tanktwin_bridge_source_last_data_age_seconds',
    'gauge',
    'Per source: seconds since it last delivered data.',
    h.sources.filter((s) => s.lastData_ms !== null).map((s) => [src(s.id), (h.now_ms - s.lastData_ms!) / 1000]),
  );
  e.metric(
    'tanktwin_bridge_tag_updates_total',
    'counter',
    'Per source: readings delivered.',
    h.sources.map((s) => [src(s.id), m.updates.get(s.id) ?? 0]),
  );
  e.metric(
    'tanktwin_bridge_read_errors_total',
    'counter',
    'Per source: readings delivered bad (exception, timeout, bad status, short or malformed reply).',
    h.sources.map((s) => [src(s.id), m.readErrors.get(s.id) ?? 0]),
  );
  e.metric('tanktwin_bridge_malformed_total', 'counter', 'Readings for no mapped tag, and adapter faults.', [
    [{}, m.malformed],
  ]);
  e.metric(
    'tanktwin_bridge_tags',
    'gauge',
    'Mapped tags per quality, now.',
    Object.entries(h.quality).map(([q, n]) => [{ quality: q }, n]),
  );
  e.metric('tanktwin_bridge_batches_published_total', 'counter', 'Tag batches published.', [[{}, m.batches]]);
  e.metric('tanktwin_bridge_samples_published_total', 'counter', 'Tag samples published in batches.', [
    [{}, m.samples],
  ]);
  e.metric(
    'tanktwin_bridge_write_requests_total',
    'counter',
    'Write requests by outcome.',
    Object.entries(m.writes).map(([o, n]) => [{ outcome: o }, n]),
  );
  if (historianLag_s !== undefined && historianLag_s !== null)
    e.metric('tanktwin_historian_lag_seconds', 'gauge', 'How far the historian is behind the live values.', [
      [{}, historianLag_s],
    ]);
  return e.text();
}

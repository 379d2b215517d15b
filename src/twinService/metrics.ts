import type { TwinService } from './service';

// The twin service's figures in the station's Prometheus text (/api/live/metrics), after the bridge's.

export function twinMetricsText(s: TwinService): string {
  const lag = Number.isFinite(s.source_ms) && Number.isFinite(s.updated_ms) ? (s.source_ms - s.updated_ms) / 1000 : 0;
  const rows: [string, 'gauge' | 'counter', string, number][] = [
    ['tanktwin_twin_tanks', 'gauge', 'Tanks with a filter.', s.tanks.length],
    ['tanktwin_twin_updates_total', 'counter', 'Filter steps (every tank once each).', s.stats.updates],
    ['tanktwin_twin_filter_restarts_total', 'counter', 'Filters restarted (threw or diverged).', s.stats.failures],
    ['tanktwin_twin_rejected_total', 'counter', 'Tag messages that failed validation.', s.stats.rejected],
    ['tanktwin_twin_samples_total', 'counter', 'Measured samples taken.', s.stats.samples],
    ['tanktwin_twin_step_seconds', 'gauge', 'Wall time of the last step over every tank.', s.lastStepWall_ms / 1000],
    ['tanktwin_twin_estimate_age_seconds', 'gauge', 'Source time from the last step to the newest sample.', lag],
  ];
  return rows.map(([n, type, help, v]) => `# HELP ${n} ${help}\n# TYPE ${n} ${type}\n${n} ${v}\n`).join('');
}

import type { Mapping, ScadaSource } from '../scada/mapping';
import type { SourceHealth } from '../protocol/live';
import type { Log } from './log';
import { createModbusSource } from './modbus';
import { createOpcuaSource } from './opcua';
import { createSparkplugSource } from './sparkplug';
import type { SourceAdapter, SourceState } from './source';

// Which adapter serves which kind of source, and what the bridge knows of each source's health.

export type SourceFactory = (cfg: ScadaSource, mapping: Mapping, log: Log) => SourceAdapter;

/** The adapter for each kind of source (one that throws while starting leaves its source down with the reason). */
export const createSource: SourceFactory = (cfg, mapping, log) => {
  if (cfg.kind === 'modbus') return createModbusSource(cfg, mapping, log);
  if (cfg.kind === 'opcua') return createOpcuaSource(cfg, mapping, log);
  return createSparkplugSource(cfg, mapping, log);
};

/** One source's health, as BridgeHealth reports it. `set` says whether the state changed. */
export class SourceTracker {
  readonly health: SourceHealth;
  private everUp = false;

  constructor(cfg: ScadaSource) {
    this.health = {
      id: cfg.id,
      kind: cfg.kind,
      state: 'connecting',
      lastData_ms: null,
      lastError: null,
      reconnects: 0,
      nextRetry_ms: null,
    };
  }

  get up(): boolean {
    return this.health.state === 'up';
  }

  set(state: SourceState, error: string | undefined): boolean {
    const h = this.health;
    if (error) h.lastError = error;
    if (state === h.state) return false;
    if (state === 'up') {
      if (this.everUp) h.reconnects++;
      this.everUp = true;
    }
    h.state = state;
    return true;
  }
}

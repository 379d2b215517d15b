import type { Mapping, ScadaSource } from '../scada/mapping';
import type { SourceHealth } from '../protocol/live';
import type { Log } from './log';
import { createModbusSource } from './modbus';
import type { SourceAdapter, SourceEvents, SourceState } from './source';

// Which adapter serves which kind of source, and what the bridge knows of each source's health.

export type SourceFactory = (cfg: ScadaSource, mapping: Mapping, log: Log) => SourceAdapter;

/**
 * An adapter whose library is loaded when it starts: node-opcua and the Sparkplug codec take seconds to
 * load, and a station or bridge without such a source should not wait for them.
 */
function lazy(cfg: ScadaSource, load: () => Promise<SourceAdapter>, log: Log): SourceAdapter {
  let inner: Promise<SourceAdapter> | null = null;
  return {
    config: cfg,
    start(events: SourceEvents) {
      events.state('connecting');
      inner = load();
      inner.then(
        (a) => a.start(events),
        (e: unknown) => {
          log('error', 'source adapter failed to load', { source: cfg.id, error: String(e) });
          events.state('down', `adapter failed to load: ${String(e)}`);
        },
      );
    },
    async write(tag, raw) {
      if (!inner) throw new Error(`source ${cfg.id} is not started`);
      return (await inner).write(tag, raw);
    },
    async stop() {
      await (await inner?.catch(() => null))?.stop();
    },
  };
}

/** The adapter for each kind of source (one that throws while starting leaves its source down with the reason). */
export const createSource: SourceFactory = (cfg, mapping, log) => {
  if (cfg.kind === 'modbus') return createModbusSource(cfg, mapping, log);
  if (cfg.kind === 'opcua')
    return lazy(cfg, async () => (await import('./opcua')).createOpcuaSource(cfg, mapping, log), log);
  return lazy(cfg, async () => (await import('./sparkplug')).createSparkplugSource(cfg, mapping, log), log);
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

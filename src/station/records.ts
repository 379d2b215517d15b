import type { Snapshot } from '../sim/snapshot';
import type { LogEntry, PlantStateMessage, StationRecord } from '../protocol/session';
import { signRecord } from './keys';
import type { SessionMeta } from './storage';
import type { StationContext } from './context';

/**
 * Each trainee's record of a run, kept on the station and signed with its Ed25519 key: who (as they
 * authenticated), the scenario and its result, every action they took (and were refused), and the plant's
 * events over the run. Returns the file names written.
 */
export function writeRecords(
  ctx: StationContext,
  meta: SessionMeta,
  runId: string,
  snapshot: Snapshot,
  state: PlantStateMessage | null,
): string[] {
  const since = meta.runStartedAt ?? meta.createdAt;
  const log = ctx.storage.readLog(meta.id) as LogEntry[];
  const events = snapshot.state.events ?? [];
  const endedAt = new Date().toISOString();
  const files: string[] = [];
  for (const [pid, p] of Object.entries(meta.participants)) {
    if (p.role !== 'trainee') continue;
    const rec: StationRecord = {
      format: 'tanktwin.station-record/1',
      station: ctx.stationName,
      sessionId: meta.id,
      sessionName: meta.name,
      participant: { pid, name: p.name, role: p.role, device: p.device },
      scenarioId: meta.scenarioId,
      runId,
      startedAt: since,
      endedAt,
      result: state?.scenario?.result ?? null,
      actions: log.filter((e) => e.by.pid === pid && e.wall >= since),
      events,
    };
    const file = `${meta.id}-${pid}-${runId}.json`.replace(/[^\w.-]/g, '_');
    ctx.storage.saveRecord(file, signRecord(ctx.keys, rec));
    files.push(file);
  }
  return files;
}
